using System.Text.Json.Nodes;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Metrics;

/// <summary>
/// A metric that accumulates over an epoch, as Keras' metrics do: each batch adds its per-sample
/// values (1 for a correct prediction, 0 for a wrong one), and <see cref="Result"/> is
/// Σ values / Σ samples, so a short last batch weighs by its size. <see cref="Reset"/> starts afresh.
/// </summary>
[Chapter(5)]
[KerasModule("keras.metrics")]
public abstract class Metric : IConfigurable
{
    private double total;
    private long count;

    /// <summary>The key in the logs and in History ("accuracy").</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Whether a larger value is better (Keras' metric <c>_direction</c> "up"), smaller (false), or
    /// unknown (null). A callback in mode "auto" (EarlyStopping on "val_accuracy"...) reads it.
    /// </summary>
    [Chapter(6)]
    public virtual bool? HigherIsBetter => null;

    /// <summary>Adds a batch: targets and predictions with one row per sample.</summary>
    public void Update(Tensor yTrue, Tensor yPred)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        if (yTrue.Rank == 0 || yPred.Rank == 0 || yTrue.Shape[0] != yPred.Shape[0])
            throw new ShapeMismatchException($"{GetType().Name}: y_true {yTrue.Shape} and y_pred {yPred.Shape} must have the same number of samples (axis 0).");
        var values = SampleValues(yTrue, yPred);
        foreach (double v in values) total += v;
        count += values.Length;
    }

    /// <summary>The value of each sample of the batch.</summary>
    protected abstract double[] SampleValues(Tensor yTrue, Tensor yPred);

    /// <summary>The mean over all samples since the last <see cref="Reset"/> (0 before any).</summary>
    public double Result() => count == 0 ? 0 : total / count;

    public void Reset()
    {
        total = 0;
        count = 0;
    }

    #region get
    /// <summary>
    /// The metric Keras calls <paramref name="name"/>, as declared on its class
    /// (<c>[KerasName("binary_accuracy")]</c>) and found by <see cref="KerasRegistry"/>.
    /// </summary>
    public static Metric Get(string name) => KerasRegistry.Get<Metric>(name);

    /// <summary>
    /// "accuracy" (or "acc", logged under the name as written) is decided by the data's shapes on the
    /// first batch, as Keras' compile_utils does: binary accuracy when y_pred has one column; sparse
    /// categorical when y_true has fewer axes than y_pred, or one column against several; categorical otherwise.
    /// </summary>
    [KerasName("accuracy", "acc")]
    private static Metric Accuracy(string written) => new AccuracyByShape(written);

    /// <summary>The accuracy Keras picks for targets of <paramref name="yTrue"/> and predictions of <paramref name="yPred"/>.</summary>
    public static Metric ForAccuracy(Shape yTrue, Shape yPred, string name = "accuracy")
    {
        bool binary = yPred[-1] == 1;
        bool sparse = yTrue.Rank < yPred.Rank || (yTrue[-1] == 1 && yPred[-1] > 1);
        if (binary) return new BinaryAccuracy(name);
        if (sparse) return new SparseCategoricalAccuracy(name);
        return new CategoricalAccuracy(name);
    }

    /// <summary><c>Compile(..., metrics: ["accuracy"])</c>: a Keras string stands for the metric.</summary>
    public static implicit operator Metric(string name) => Get(name);
    #endregion

    /// <summary>Keras' get_config(): the constructor's arguments (<see cref="KerasConfig"/>).</summary>
    [Chapter(9)]
    public virtual JsonObject GetConfig() => KerasConfig.Of(this);

    public override string ToString() => Name;

    /// <summary>"accuracy" until the first batch shows which accuracy it is.</summary>
    private sealed class AccuracyByShape(string name) : Metric
    {
        private Metric? resolved;

        public override string Name => name;

        public override bool? HigherIsBetter => true;

        protected override double[] SampleValues(Tensor yTrue, Tensor yPred)
        {
            resolved ??= ForAccuracy(yTrue.Shape, yPred.Shape, name);
            return resolved.SampleValues(yTrue, yPred);
        }
    }
}
