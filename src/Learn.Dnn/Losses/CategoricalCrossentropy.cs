using Learn.Dnn.Serialization;
namespace Learn.Dnn.Losses;

/// <summary>
/// Categorical cross-entropy for one-hot targets y: [batch, classes] and predicted probabilities
/// p: [batch, classes]: −Σₖ yₖ ln pₖ per sample, averaged over the batch. With <c>fromLogits</c> the
/// prediction is the raw scores z and the loss is the fused softmax + cross-entropy, whose gradient
/// with respect to z is simply (softmax(z) − y)/batch.
/// </summary>
[Chapter(4)]
[KerasName("categorical_crossentropy")]
public sealed class CategoricalCrossentropy(bool fromLogits = false) : Loss
{
    public bool FromLogits { get; } = fromLogits;


    protected override void Validate(Tensor yTrue, Tensor yPred)
    {
        base.Validate(yTrue, yPred);
        if (yPred.Rank != 2)
            throw new ShapeMismatchException($"CategoricalCrossentropy: expected y_pred [batch, classes], got {yPred.Shape}.");
    }

    #region compute
    protected override Tensor Compute(Tensor y, Tensor yPred)
    {
        if (FromLogits) return SoftmaxCrossEntropy.Compute(yPred, y);
        var p = yPred / yPred.Sum(-1, keepDims: true);      // Keras renormalises rows to sum to 1
        p = p.Clip(Epsilon, 1f - Epsilon);
        return -(y * p.Log()).Sum(-1).Mean();
    }
    #endregion
}
