using Learn.Dnn.Serialization;

namespace Learn.Dnn.Metrics;

/// <summary>Keras' MeanSquaredError metric: the mean over samples of each sample's mean (ŷ − y)².</summary>
[Chapter(5)]
[KerasName("mean_squared_error", "mse", "MeanSquaredError")]
public sealed class MeanSquaredError(string name = "mean_squared_error") : MeanMetricWrapper(name)
{
    public override bool? HigherIsBetter => false;

    protected override double Error(double yTrue, double yPred) => (yPred - yTrue) * (yPred - yTrue);
}
