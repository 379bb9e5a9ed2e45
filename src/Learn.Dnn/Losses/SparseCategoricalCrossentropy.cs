using Learn.Dnn.Data;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Losses;

/// <summary>
/// Categorical cross-entropy with integer class labels y: [batch] (0 .. classes − 1) instead of
/// one-hot rows: the labels are one-hot encoded, then <see cref="CategoricalCrossentropy"/> applies.
/// </summary>
[Chapter(4)]
[KerasName("sparse_categorical_crossentropy")]
public sealed class SparseCategoricalCrossentropy(bool fromLogits = false) : Loss
{
    public bool FromLogits { get; } = fromLogits;


    protected override void Validate(Tensor yTrue, Tensor yPred)
    {
        if (yPred.Rank != 2)
            throw new ShapeMismatchException($"SparseCategoricalCrossentropy: expected y_pred [batch, classes], got {yPred.Shape}.");
        bool labelsOk = (yTrue.Rank == 1 && yTrue.Shape[0] == yPred.Shape[0]) ||
                        (yTrue.Rank == 2 && yTrue.Shape[0] == yPred.Shape[0] && yTrue.Shape[1] == 1);
        if (!labelsOk)
            throw new ShapeMismatchException($"SparseCategoricalCrossentropy: expected y_true of integer labels [{yPred.Shape[0]}] for y_pred {yPred.Shape}, got {yTrue.Shape}.");
    }

    /// <summary>Every label a whole number in [0, classes), checked over all of y before the first batch.</summary>
    internal override void RequireTargets(Tensor y, Func<int> outputWidth, string operation)
    {
        var labels = y.ToArray();
        int classes = outputWidth();
        if (Categorical.FirstInvalidLabel(labels, classes) is >= 0 and var bad)
            throw new ArgumentException(
                $"{operation}: {ElementName("y", y.Shape, bad)} is {labels[bad]}, which is not a class label: {Name} expects whole numbers " +
                $"in [0, {classes}), one per sample, for a model with {classes} outputs (sample {bad} is the first bad one).", "y");
    }

    protected override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        var oneHot = Categorical.ToCategorical(yTrue, yPred.Shape[1]).To(yPred.Device);
        return new CategoricalCrossentropy(FromLogits).Call(oneHot, yPred);
    }
}
