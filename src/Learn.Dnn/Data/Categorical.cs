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
        var values = labels.ToArray();
        var oneHot = new float[values.Length * classes];
        for (int i = 0; i < values.Length; i++)
        {
            float label = values[i];
            if (label != MathF.Floor(label) || label < 0 || label >= classes)
                throw new ArgumentException($"ToCategorical: label {label} at row {i} is not an integer class in [0, {classes}).");
            oneHot[i * classes + (int)label] = 1f;
        }
        return Tensor.FromArray(oneHot, new Shape(values.Length, classes), labels.Device);
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
