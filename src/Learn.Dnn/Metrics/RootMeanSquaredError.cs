using Learn.Dnn.Serialization;

namespace Learn.Dnn.Metrics;

/// <summary>Keras' RootMeanSquaredError metric: √(Σ over samples of each sample's mean (ŷ − y)² / n), the root taken once over the whole epoch.</summary>
[Chapter(5)]
[KerasName("root_mean_squared_error", "RootMeanSquaredError")]
public sealed class RootMeanSquaredError(string name = "root_mean_squared_error") : MeanMetricWrapper(name)
{
    public override bool? HigherIsBetter => false;

    protected override double Error(double yTrue, double yPred) => (yPred - yTrue) * (yPred - yTrue);

    /// <summary>√ of the mean squared error so far.</summary>
    public override double Result() => Math.Sqrt(base.Result());
}
