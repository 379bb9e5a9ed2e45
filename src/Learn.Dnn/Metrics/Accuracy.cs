using Learn.Dnn.Data;

namespace Learn.Dnn.Metrics;

/// <summary>The fraction of samples whose predicted class is the true one.</summary>
[Chapter(4)]
public static class Accuracy
{
    #region accuracy
    /// <summary>
    /// Accuracy of predictions against targets. Either may be integer labels [n] or rows [n, k]
    /// (one-hot / probabilities: the class is the arg-max). A single column [n, 1] of probabilities
    /// is a binary prediction: class 1 when p &gt; 0.5, as Keras' <c>binary_accuracy</c> does (<c>y_pred &gt; threshold</c>).
    /// </summary>
    public static float Compute(Tensor yTrue, Tensor yPred)
    {
        if (yTrue.Shape[0] != yPred.Shape[0])
            throw new ShapeMismatchException($"Accuracy: y_true has {yTrue.Shape[0]} samples ({yTrue.Shape}) but y_pred has {yPred.Shape[0]} ({yPred.Shape}).");
        int[] truth = Binary(yTrue) ?? Categorical.Labels(yTrue);
        int[] predicted = Binary(yPred) ?? Categorical.Labels(yPred);
        int correct = 0;
        for (int i = 0; i < truth.Length; i++)
            if (truth[i] == predicted[i]) correct++;
        return truth.Length == 0 ? 0f : (float)correct / truth.Length;
    }

    /// <summary>A column [n, 1] → class 1 where p &gt; 0.5 (strictly, as Keras: p = 0.5 is class 0); other shapes → null.</summary>
    private static int[]? Binary(Tensor y) =>
        y.Rank == 2 && y.Shape[1] == 1 ? y.ToArray().Select(p => p > 0.5f ? 1 : 0).ToArray() : null;
    #endregion
}
