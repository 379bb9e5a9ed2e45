using Learn.Dnn.Data;

namespace Learn.Dnn.Metrics;

/// <summary>
/// A table of counts: entry [t, p] is how many samples of true class t were predicted as class p.
/// The diagonal holds the correct predictions; off-diagonal cells show which classes get confused.
/// </summary>
[Chapter(4)]
public sealed class ConfusionMatrix
{
    private readonly int[,] counts;

    public ConfusionMatrix(int[] truth, int[] predicted, int classes)
    {
        if (truth.Length != predicted.Length)
            throw new ArgumentException($"ConfusionMatrix: {truth.Length} true labels but {predicted.Length} predictions.");
        counts = new int[classes, classes];
        for (int i = 0; i < truth.Length; i++)
        {
            if (truth[i] < 0 || truth[i] >= classes || predicted[i] < 0 || predicted[i] >= classes)
                throw new ArgumentException($"ConfusionMatrix: sample {i} has true class {truth[i]} and predicted class {predicted[i]}; expected classes in [0, {classes}).");
            counts[truth[i], predicted[i]]++;
        }
        Classes = classes;
    }

    /// <summary>
    /// From targets and predictions as tensors: integer labels [n] or [n, 1], or rows [n, k] (one-hot
    /// or probabilities: the class is the arg-max). For 2 classes, predictions that are sigmoid
    /// probabilities [n, 1] give class 1 where p &gt; 0.5, as <see cref="Accuracy"/> does. Any other
    /// non-integer value is refused, never rounded.
    /// </summary>
    public static ConfusionMatrix From(Tensor yTrue, Tensor yPred, int classes)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        return new(LabelsOf(yTrue, "y_true", classes, probabilities: false), LabelsOf(yPred, "y_pred", classes, probabilities: classes == 2), classes);
    }

    /// <summary>The class of each sample: arg-max of rows, whole numbers as they are, binary probabilities thresholded at 0.5.</summary>
    private static int[] LabelsOf(Tensor y, string which, int classes, bool probabilities)
    {
        if (y.Rank == 2 && y.Shape[1] > 1) return Categorical.ArgMax(y);
        float[] values = y.ToArray();
        if (values.All(v => v == MathF.Floor(v))) return values.Select(v => (int)v).ToArray();
        if (probabilities && values.All(p => p >= 0f && p <= 1f)) return values.Select(p => p > 0.5f ? 1 : 0).ToArray();
        float example = values.First(v => v != MathF.Floor(v));
        throw new ArgumentException(
            $"ConfusionMatrix: {which} {y.Shape} holds {example}, not a class label; expected integer labels [n], rows [n, k] " +
            $"(the class is the arg-max){(which == "y_pred" ? ", or, for 2 classes, sigmoid probabilities in [0, 1] (class 1 where p > 0.5)" : "")}; got {classes} classes.");
    }

    public int Classes { get; }

    /// <summary>Samples of true class <paramref name="truth"/> predicted as <paramref name="predicted"/>.</summary>
    public int this[int truth, int predicted] => counts[truth, predicted];

    /// <summary>The counts as a 2-D array [true, predicted].</summary>
    public int[,] ToArray() => (int[,])counts.Clone();

    /// <summary>The diagonal over the total: the accuracy.</summary>
    public float Accuracy()
    {
        int correct = 0, total = 0;
        for (int t = 0; t < Classes; t++)
            for (int p = 0; p < Classes; p++)
            {
                total += counts[t, p];
                if (t == p) correct += counts[t, p];
            }
        return total == 0 ? 0f : (float)correct / total;
    }

    public override string ToString()
    {
        var lines = new List<string> { "true\\pred " + string.Join(" ", Enumerable.Range(0, Classes).Select(c => $"{c,5}")) };
        for (int t = 0; t < Classes; t++)
            lines.Add($"{t,9} " + string.Join(" ", Enumerable.Range(0, Classes).Select(p => $"{counts[t, p],5}")));
        return string.Join(Environment.NewLine, lines);
    }
}
