namespace Learn.Dnn.Data;

/// <summary>Class labels as integers and as one-hot rows (Keras' <c>to_categorical</c>) and back.</summary>
[Chapter(4)]
public static class Categorical
{
    #region one-hot
    /// <summary>
    /// Integer labels [n] (or [n, 1]) → one-hot rows [n, classes]: label 2 of 3 becomes [0, 0, 1].
    /// A label that is not a whole number in [0, classes) is an error, not silently rounded.
    /// </summary>
    public static Tensor ToCategorical(Tensor labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (classes <= 0) throw new ArgumentOutOfRangeException(nameof(classes), $"ToCategorical: classes must be positive, got {classes}.");
        var values = labels.ToArray();
        if (FirstInvalidLabel(values, classes) is >= 0 and var bad)   // every label checked before any row is written
            throw new ArgumentException(
                $"ToCategorical: labels[{bad}] is {values[bad]}, which is not a class: expected a whole number in [0, {classes}) (sample {bad} is the first such).",
                nameof(labels));
        var oneHot = new float[values.Length * classes];
        for (int i = 0; i < values.Length; i++) oneHot[i * classes + (int)values[i]] = 1f;
        return Tensor.FromArray(oneHot, new Shape(values.Length, classes), labels.Device);
    }

    /// <summary>The index of the first label that is not a whole number in [0, classes) (NaN is not), or −1 when all are.</summary>
    internal static int FirstInvalidLabel(ReadOnlySpan<float> labels, int classes)
    {
        for (int i = 0; i < labels.Length; i++)
            if (!(labels[i] >= 0 && labels[i] < classes && labels[i] == MathF.Floor(labels[i]))) return i;
        return -1;
    }
    #endregion

    /// <summary>Integer labels → one-hot rows.</summary>
    public static Tensor ToCategorical(int[] labels, int classes) =>
        ToCategorical(Tensor.FromArray(labels.Select(l => (float)l).ToArray(), labels.Length), classes);

    /// <summary>The index of the largest entry of each row of [n, k]: predicted classes from probabilities or logits.</summary>
    public static int[] ArgMax(Tensor rows)
    {
        if (rows.Rank != 2) throw new ShapeMismatchException($"ArgMax: expected [n, classes], got {rows.Shape}.");
        var values = rows.ToArray();
        int n = rows.Shape[0], k = rows.Shape[1];
        var result = new int[n];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            for (int j = 1; j < k; j++)
                if (values[i * k + j] > values[i * k + best]) best = j;
            result[i] = best;
        }
        return result;
    }

    /// <summary>Labels from a tensor of integer labels [n], or of one-hot/probability rows [n, k] (k &gt; 1).</summary>
    public static int[] Labels(Tensor y) =>
        y.Rank == 2 && y.Shape[1] > 1 ? ArgMax(y) : y.ToArray().Select(v => (int)v).ToArray();
}
