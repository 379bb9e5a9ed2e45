using Learn.Dnn.Serialization;
namespace Learn.Dnn.Losses;

/// <summary>
/// Binary cross-entropy for a yes/no target y ∈ {0, 1} and a predicted probability p:
/// −[y ln p + (1 − y) ln(1 − p)], averaged over the batch. With <c>fromLogits</c> the prediction is
/// the score z before the sigmoid, and the loss is computed stably as max(z, 0) − z·y + ln(1 + e^−|z|),
/// whose gradient is σ(z) − y.
/// </summary>
[Chapter(4)]
[KerasName("binary_crossentropy")]
public sealed class BinaryCrossentropy(bool fromLogits = false) : Loss
{
    public bool FromLogits { get; } = fromLogits;


    #region compute
    protected override Tensor Compute(Tensor y, Tensor yPred)
    {
        if (FromLogits)
        {
            var z = yPred;
            return (z.Relu() - z * y + (-z.Abs()).Softplus()).Mean();
        }
        var p = yPred.Clip(Epsilon, 1f - Epsilon);    // ln 0 = −∞: keep p away from 0 and 1, as Keras does
        return -(y * p.Log() + (1f - y) * (1f - p).Log()).Mean();
    }
    #endregion
}
