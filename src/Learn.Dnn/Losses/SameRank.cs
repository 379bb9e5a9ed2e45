namespace Learn.Dnn.Losses;

/// <summary>
/// Keras 3's <c>squeeze_or_expand_to_same_rank(y_true, y_pred)</c>, which every loss and the
/// Mean-based metrics apply first: when the ranks differ by one and the longer one ends in 1, a
/// rank-1 tensor gains that axis ([n] → [n, 1]), otherwise the longer one loses it. So targets of
/// shape [n] meet a Dense(1) output [n, 1]. Other shapes pass unchanged.
/// </summary>
internal static class SameRank
{
    public static (Tensor YTrue, Tensor YPred) SqueezeOrExpand(Tensor yTrue, Tensor yPred)
    {
        if (yTrue.Rank == yPred.Rank + 1 && yTrue.Shape[-1] == 1)
            return yPred.Rank == 1 ? (yTrue, ExpandLast(yPred)) : (SqueezeLast(yTrue), yPred);
        if (yPred.Rank == yTrue.Rank + 1 && yPred.Shape[-1] == 1)
            return yTrue.Rank == 1 ? (ExpandLast(yTrue), yPred) : (yTrue, SqueezeLast(yPred));
        return (yTrue, yPred);
    }

    /// <summary>[…] → […, 1]: the same numbers, one more axis.</summary>
    private static Tensor ExpandLast(Tensor x) => x.Reshape([.. x.Shape.ToArray(), 1]);

    /// <summary>[…, 1] → […].</summary>
    private static Tensor SqueezeLast(Tensor x) => x.Reshape(x.Shape.ToArray()[..^1]);

    /// <summary>
    /// The end of a shape error: what to change so that <paramref name="yTrue"/> fits <paramref name="yPred"/>.
    /// </summary>
    public static string Suggestion(Shape yTrue, Shape yPred)
    {
        if (yTrue.Size == yPred.Size)
            return $" Reshape y_true to {yPred} (y.Reshape({string.Join(", ", yPred.ToArray())})).";
        if (yTrue.Rank >= 1 && yPred.Rank >= 1 && yTrue[0] == yPred[0])
        {
            int targets = yTrue.Size / Math.Max(yTrue[0], 1), outputs = yPred.Size / Math.Max(yPred[0], 1);
            return $" Each sample has {targets} target value(s) but the model gives {outputs} output(s): give the last layer {targets} unit(s)," +
                   " or, for integer class labels against one column per class, use sparse_categorical_crossentropy (or one-hot the labels with Categorical.ToCategorical).";
        }
        return "";
    }
}
