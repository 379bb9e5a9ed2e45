namespace Learn.Dnn.Callbacks;

/// <summary>
/// A callback made of delegates, one per hook, Keras' <c>LambdaCallback</c>; hooks not given do nothing.
/// <code>
/// new LambdaCallback(onEpochEnd: (epoch, logs) => Console.WriteLine($"{epoch}: {logs["loss"]}"))
/// </code>
/// For state kept across hooks, subclass <see cref="Callback"/> instead.
/// </summary>
[Chapter(6)]
public class LambdaCallback(
    Action<int, IReadOnlyDictionary<string, double>>? onEpochBegin = null,
    Action<int, IReadOnlyDictionary<string, double>>? onEpochEnd = null,
    Action<IReadOnlyDictionary<string, double>>? onTrainBegin = null,
    Action<IReadOnlyDictionary<string, double>>? onTrainEnd = null,
    Action<int, IReadOnlyDictionary<string, double>>? onTrainBatchBegin = null,
    Action<int, IReadOnlyDictionary<string, double>>? onTrainBatchEnd = null) : Callback
{
    public override void OnEpochBegin(int epoch, IReadOnlyDictionary<string, double> logs) => onEpochBegin?.Invoke(epoch, logs);
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) => onEpochEnd?.Invoke(epoch, logs);
    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs) => onTrainBegin?.Invoke(logs);
    public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs) => onTrainEnd?.Invoke(logs);
    public override void OnTrainBatchBegin(int batch, IReadOnlyDictionary<string, double> logs) => onTrainBatchBegin?.Invoke(batch, logs);
    public override void OnTrainBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) => onTrainBatchEnd?.Invoke(batch, logs);
}
