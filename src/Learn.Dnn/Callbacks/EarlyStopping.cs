namespace Learn.Dnn.Callbacks;

/// <summary>
/// Stops training when the monitored value has stopped improving (Keras 3's algorithm exactly):
/// <code>
/// each epoch end:  skip if the value is missing or epoch &lt; startFromEpoch
///                  if restoring and no snapshot yet: snapshot the weights
///                  wait += 1
///                  if improvement over best: best = value, snapshot; wait = 0 if there is no baseline or it is beaten
///                  else if wait ≥ patience and epoch &gt; 0: stop
/// train end:       restore the snapshot if restoreBestWeights (even when training was not stopped)
/// </code>
/// <c>new EarlyStopping(monitor: "val_loss", patience: 10, restoreBestWeights: true)</c>. Stopping early is
/// a regularizer: it keeps the weights from the epoch before the model began to overfit.
/// </summary>
[Chapter(6)]
public class EarlyStopping : MonitorCallback
{
    private Tensor[]? bestWeights;

    /// <param name="monitor">The logged value watched.</param>
    /// <param name="minDelta">A change smaller than this (in absolute value) is no improvement.</param>
    /// <param name="patience">Epochs without improvement before stopping.</param>
    /// <param name="verbose">1 prints "Epoch N: early stopping" and the restore.</param>
    /// <param name="mode">"auto", "min" or "max".</param>
    /// <param name="baseline">A value to beat: waiting restarts only when the value beats it too.</param>
    /// <param name="restoreBestWeights">At the end, put back the weights of the best epoch.</param>
    /// <param name="startFromEpoch">Epochs of warm-up that are not watched.</param>
    public EarlyStopping(string monitor = "val_loss", double minDelta = 0, int patience = 0, int verbose = 0, string mode = "auto",
                         double? baseline = null, bool restoreBestWeights = false, int startFromEpoch = 0)
        : base(monitor, mode, null, minDelta)
    {
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), $"EarlyStopping: patience must be ≥ 0, got {patience}.");
        Patience = patience;
        Verbose = verbose;
        Baseline = baseline;
        RestoreBestWeights = restoreBestWeights;
        StartFromEpoch = startFromEpoch;
    }

    public int Patience { get; }
    public int Verbose { get; }
    public double? Baseline { get; }
    public bool RestoreBestWeights { get; }
    public int StartFromEpoch { get; }

    /// <summary>Epochs since the last improvement that restarted the count.</summary>
    public int Wait { get; private set; }

    /// <summary>The epoch (from 0) at which training was stopped, or 0 if it was not.</summary>
    public int StoppedEpoch { get; private set; }

    /// <summary>The epoch (from 0) of the best value, whose weights are restored.</summary>
    public int BestEpoch { get; private set; }

    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs)
    {
        Wait = 0;
        StoppedEpoch = 0;
        Best = null;
        bestWeights = null;
        BestEpoch = 0;
    }

    #region epoch-end
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        var current = MonitorValue(logs);
        if (current is not { } value || epoch < StartFromEpoch) return;
        if (RestoreBestWeights && bestWeights is null)
        {
            bestWeights = RequireModel().GetWeights();
            BestEpoch = epoch;
        }
        Wait += 1;
        if (IsImprovement(value, Best))
        {
            Best = value;
            BestEpoch = epoch;
            if (RestoreBestWeights) bestWeights = RequireModel().GetWeights();
            if (Baseline is null || IsImprovement(value, Baseline)) Wait = 0;   // only a value that beats the baseline too restarts the wait
            return;
        }
        if (Wait >= Patience && epoch > 0)
        {
            StoppedEpoch = epoch;
            RequireModel().StopTraining = true;
        }
    }
    #endregion

    public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs)
    {
        if (StoppedEpoch > 0 && Verbose > 0) Console.WriteLine($"Epoch {StoppedEpoch + 1}: early stopping");
        if (RestoreBestWeights && bestWeights is not null)
        {
            if (Verbose > 0) Console.WriteLine($"Restoring model weights from the end of the best epoch: {BestEpoch + 1}.");
            RequireModel().SetWeights(bestWeights);
        }
    }

    private IModel RequireModel() => Model ?? throw new InvalidOperationException("EarlyStopping: no model; pass the callback to Fit (or call SetModel).");
}
