using Learn.Dnn.Serialization;

namespace Learn.Dnn.Callbacks;

/// <summary>
/// Saves the model's weights at the end of every epoch, Keras' <c>ModelCheckpoint</c>. The path is a
/// Python format string over <c>epoch</c> (from 1) and the epoch's logs:
/// <code>
/// new ModelCheckpoint("checkpoints/w-{epoch:02d}-{val_loss:.2f}.weights.bin", saveWeightsOnly: true)
///     → checkpoints/w-03-0.41.weights.bin
/// </code>
/// With <see cref="SaveBestOnly"/> it saves only when the monitored value improves (the test of
/// <see cref="MonitorCallback"/>; <c>initialValueThreshold</c> is the value to beat first). With
/// <c>saveFreq: 100</c> it saves every 100 training batches instead, counted across epochs, and the path
/// may also hold <c>{batch}</c> (from 1, within the epoch); the logs are then the batch's. The file is
/// written atomically (<see cref="IModel.SaveWeights"/>): a crash mid-write leaves the previous checkpoint
/// whole. In this chapter only weights are saved; the whole-model format (".keras") comes in chapter 9.
/// </summary>
[Chapter(6)]
public class ModelCheckpoint : MonitorCallback
{
    /// <param name="filepath">Where to save; must end in ".weights.bin"; may hold {epoch} and log keys.</param>
    /// <param name="monitor">The logged value that decides "best".</param>
    /// <param name="verbose">1 prints a line at each save or non-save.</param>
    /// <param name="saveBestOnly">Save only when the monitored value improves.</param>
    /// <param name="saveWeightsOnly">Must be true in this chapter (Keras' default, false, saves the whole model).</param>
    /// <param name="mode">"auto", "min" or "max".</param>
    /// <param name="saveFreq">"epoch" (the default) or a number of training batches.</param>
    /// <param name="initialValueThreshold">The value the first save must beat, or null.</param>
    public ModelCheckpoint(string filepath, string monitor = "val_loss", int verbose = 0, bool saveBestOnly = false,
                           bool saveWeightsOnly = false, string mode = "auto", SaveFrequency saveFreq = default,
                           double? initialValueThreshold = null)
        : base(monitor, mode, initialValueThreshold, 0)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        if (!saveWeightsOnly)
            throw new NotSupportedException(
                $"ModelCheckpoint: saving the whole model (saveWeightsOnly: false, a \".keras\" file) comes in chapter 9; " +
                $"for now pass saveWeightsOnly: true with a path ending in `{IModel.WeightsExtension}`. Received: filepath={filepath}");
        if (!filepath.EndsWith(IModel.WeightsExtension, StringComparison.Ordinal))
            throw new ArgumentException(
                $"When using `saveWeightsOnly: true` in `ModelCheckpoint`, the filepath provided must end in `{IModel.WeightsExtension}`. Received: filepath={filepath}",
                nameof(filepath));
        Filepath = filepath;
        Verbose = verbose;
        SaveBestOnly = saveBestOnly;
        SaveWeightsOnly = saveWeightsOnly;
        SaveFreq = saveFreq;
        InitialValueThreshold = initialValueThreshold;
    }

    public string Filepath { get; }
    public int Verbose { get; }
    public bool SaveBestOnly { get; }
    public bool SaveWeightsOnly { get; }
    public SaveFrequency SaveFreq { get; }

    /// <summary>The value the first save must beat, or null.</summary>
    public double? InitialValueThreshold { get; }

    /// <summary>Keras' save_freq: "epoch" or a number of batches.</summary>
    [KerasName("save_freq")]
    private object SaveFreqConfig => SaveFreq.Batches is int batches ? batches : "epoch";

    private int currentEpoch, lastBatchSeen, batchesSinceLastSave;

    /// <summary>The last path written, or null.</summary>
    public string? LastSaved { get; private set; }

    public override void OnEpochBegin(int epoch, IReadOnlyDictionary<string, double> logs) => currentEpoch = epoch;

    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (SaveFreq.Batches is null) Save(epoch, batch: null, logs);
    }

    /// <summary>
    /// With saveFreq a number of batches: counts the batches since the last save, across epochs (batch
    /// numbers restart at 0 with each epoch), and saves when there have been saveFreq of them.
    /// </summary>
    public override void OnTrainBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        if (SaveFreq.Batches is not { } every) return;
        batchesSinceLastSave += batch <= lastBatchSeen ? batch + 1 : batch - lastBatchSeen;   // a smaller number: a new epoch
        lastBatchSeen = batch;
        if (batchesSinceLastSave < every) return;
        batchesSinceLastSave = 0;
        Save(currentEpoch, batch, logs);
    }

    private void Save(int epoch, int? batch, IReadOnlyDictionary<string, double> logs)
    {
        string path = FilePath(epoch, logs, batch);
        if (!ShouldSave(epoch, logs, path)) return;
        (Model ?? throw new InvalidOperationException("ModelCheckpoint: no model; pass the callback to Fit.")).SaveWeights(path);
        LastSaved = path;
        if (Verbose > 0) Console.WriteLine($"{Environment.NewLine}Epoch {epoch + 1}: finished saving model to {path}");
    }

    /// <summary>
    /// The path for this epoch: <see cref="Filepath"/>.format(epoch = epoch + 1, **logs), with batch = batch + 1
    /// as well when saving by batches (unless the logs hold a "batch" of their own).
    /// </summary>
    public string FilePath(int epoch, IReadOnlyDictionary<string, double> logs, int? batch = null)
    {
        var values = new Dictionary<string, object>();
        foreach (var (key, value) in logs) values[key] = value;
        values["epoch"] = epoch + 1;
        if (batch is { } b && !logs.ContainsKey("batch")) values["batch"] = b + 1;
        try
        {
            return PythonFormat.Format(Filepath, values);
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException)
        {
            throw new KeyNotFoundException($"Failed to format this callback filepath: \"{Filepath}\". Reason: {e.Message}", e);
        }
    }

    #region should-save
    private bool ShouldSave(int epoch, IReadOnlyDictionary<string, double> logs, string path)
    {
        if (!SaveBestOnly)
        {
            if (Verbose > 0) Console.WriteLine($"{Environment.NewLine}Epoch {epoch + 1}: saving model to {path}");
            return true;
        }
        if (MonitorValue(logs) is not { } current) return true;   // as Keras: without the value, save anyway
        string best = Best is { } b ? PythonFormat.Fixed(b, 5) : "None";
        if (IsImprovement(current, Best))
        {
            if (Verbose > 0) Console.WriteLine($"{Environment.NewLine}Epoch {epoch + 1}: {Monitor} improved from {best} to {PythonFormat.Fixed(current, 5)}, saving model to {path}");
            Best = current;
            return true;
        }
        if (Verbose > 0) Console.WriteLine($"{Environment.NewLine}Epoch {epoch + 1}: {Monitor} did not improve from {best}");
        return false;
    }
    #endregion
}
