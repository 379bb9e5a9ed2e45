using Learn.Dnn.Data;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Metrics;

/// <summary>Categorical accuracy for one-hot targets: right when argmax(y_pred) = argmax(y_true) (the first maximum on ties).</summary>
[Chapter(5)]
[KerasName("categorical_accuracy", "CategoricalAccuracy")]
public sealed class CategoricalAccuracy(string name = "categorical_accuracy") : Metric
{
    public override string Name => name;

    public override bool? HigherIsBetter => true;

    protected override double[] SampleValues(Tensor yTrue, Tensor yPred)
    {
        if (yTrue.Shape != yPred.Shape)
            throw new ShapeMismatchException($"CategoricalAccuracy: y_true {yTrue.Shape} and y_pred {yPred.Shape} must have the same shape (one-hot targets).");
        int[] truth = Categorical.ArgMax(yTrue), predicted = Categorical.ArgMax(yPred);
        return truth.Select((t, i) => t == predicted[i] ? 1.0 : 0.0).ToArray();
    }
}
