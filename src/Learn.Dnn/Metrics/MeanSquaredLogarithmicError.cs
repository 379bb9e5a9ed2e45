using Learn.Dnn.Losses;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Metrics;

/// <summary>Keras' MeanSquaredLogarithmicError metric: (log(max(ŷ, ε) + 1) − log(max(y, ε) + 1))², averaged per sample then over samples (ε = 1e-7).</summary>
[Chapter(5)]
[KerasName("mean_squared_logarithmic_error", "msle", "MeanSquaredLogarithmicError")]
public sealed class MeanSquaredLogarithmicError(string name = "mean_squared_logarithmic_error") : MeanMetricWrapper(name)
{
    public override bool? HigherIsBetter => false;

    protected override double Error(double yTrue, double yPred) => Square(Math.Log(Math.Max(yPred, Loss.Epsilon) + 1) - Math.Log(Math.Max(yTrue, Loss.Epsilon) + 1));

    private static double Square(double d) => d * d;
}
