using Learn.Dnn.Losses;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Metrics;

/// <summary>Keras' MeanAbsolutePercentageError metric: 100·|y − ŷ| / max(|y|, ε), averaged per sample then over samples (ε = 1e-7).</summary>
[Chapter(5)]
[KerasName("mean_absolute_percentage_error", "mape", "MeanAbsolutePercentageError")]
public sealed class MeanAbsolutePercentageError(string name = "mean_absolute_percentage_error") : MeanMetricWrapper(name)
{
    public override bool? HigherIsBetter => false;

    protected override double Error(double yTrue, double yPred) => 100 * Math.Abs(yTrue - yPred) / Math.Max(Math.Abs(yTrue), Loss.Epsilon);
}
