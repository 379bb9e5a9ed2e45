using Learn.Dnn.Data;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Metrics;

/// <summary>Sparse categorical accuracy for integer labels y_true: [n] or [n, 1]: right when argmax(y_pred) = the label.</summary>
[Chapter(5)]
[KerasName("sparse_categorical_accuracy", "SparseCategoricalAccuracy")]
public sealed class SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy") : Metric
{
    public override string Name => name;

    public override bool? HigherIsBetter => true;

    protected override double[] SampleValues(Tensor yTrue, Tensor yPred)
    {
        if (yPred.Rank != 2 || yTrue.Size != yPred.Shape[0])
            throw new ShapeMismatchException($"SparseCategoricalAccuracy: expected labels [{(yPred.Rank > 0 ? yPred.Shape[0] : 0)}] for y_pred [n, classes], got y_true {yTrue.Shape} and y_pred {yPred.Shape}.");
        float[] labels = yTrue.ToArray();
        int[] predicted = Categorical.ArgMax(yPred);
        return labels.Select((t, i) => t == predicted[i] ? 1.0 : 0.0).ToArray();
    }
}
