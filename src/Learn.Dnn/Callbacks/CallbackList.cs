namespace Learn.Dnn.Callbacks;

/// <summary>
/// The user's callbacks, then a <see cref="History"/> and a <see cref="ProgbarLogger"/> unless the user
/// gave their own (Keras' CallbackList): each hook is called on each callback in that order.
/// </summary>
internal sealed class CallbackList
{
    private static readonly IReadOnlyDictionary<string, double> Empty = new Dictionary<string, double>();
    private readonly List<Callback> callbacks;

    public CallbackList(IEnumerable<Callback>? user, IModel model, bool addHistory, bool addProgbar,
                        IReadOnlyDictionary<string, int> parameters)
    {
        callbacks = user?.Select(c => c ?? throw new ArgumentException("callbacks: a callback is null.")).ToList() ?? [];
        History = callbacks.OfType<History>().FirstOrDefault();
        if (History is null && addHistory) callbacks.Add(History = new History());
        if (!callbacks.OfType<ProgbarLogger>().Any() && addProgbar) callbacks.Add(new ProgbarLogger());
        foreach (var callback in callbacks)
        {
            callback.SetModel(model);
            callback.SetParams(parameters);
        }
    }

    public History? History { get; }

    public void TrainBegin() => Each(c => c.OnTrainBegin(Empty));
    public void TrainEnd(IReadOnlyDictionary<string, double>? logs) => Each(c => c.OnTrainEnd(logs ?? Empty));
    public void EpochBegin(int epoch) => Each(c => c.OnEpochBegin(epoch, Empty));
    public void EpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) => Each(c => c.OnEpochEnd(epoch, logs));
    public void TrainBatchBegin(int step) => Each(c => c.OnTrainBatchBegin(step, Empty));
    public void TrainBatchEnd(int step, IReadOnlyDictionary<string, double> logs) => Each(c => c.OnTrainBatchEnd(step, logs));
    public void TestBegin() => Each(c => c.OnTestBegin(Empty));
    public void TestEnd(IReadOnlyDictionary<string, double> logs) => Each(c => c.OnTestEnd(logs));
    public void TestBatchBegin(int step) => Each(c => c.OnTestBatchBegin(step, Empty));
    public void TestBatchEnd(int step, IReadOnlyDictionary<string, double> logs) => Each(c => c.OnTestBatchEnd(step, logs));
    public void PredictBegin() => Each(c => c.OnPredictBegin(Empty));
    public void PredictEnd() => Each(c => c.OnPredictEnd(Empty));
    public void PredictBatchBegin(int step) => Each(c => c.OnPredictBatchBegin(step, Empty));
    public void PredictBatchEnd(int step) => Each(c => c.OnPredictBatchEnd(step, Empty));
    public void NonFiniteLoss(NonFiniteLossException report) => Each(c => c.OnNonFiniteLoss(report));

    private void Each(Action<Callback> hook)
    {
        foreach (var callback in callbacks) hook(callback);
    }
}
