using Learn.Dnn.Serialization;

namespace Learn.Dnn.Metrics;

/// <summary>Keras' MeanAbsoluteError metric: the mean over samples of each sample's mean |ŷ − y|.</summary>
[Chapter(5)]
[KerasName("mean_absolute_error", "mae", "MeanAbsoluteError")]
public sealed class MeanAbsoluteError(string name = "mean_absolute_error") : MeanMetricWrapper(name)
{
    public override bool? HigherIsBetter => false;

    protected override double Error(double yTrue, double yPred) => Math.Abs(yPred - yTrue);
}
