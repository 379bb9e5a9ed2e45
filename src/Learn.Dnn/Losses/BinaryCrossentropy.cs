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


    /// <summary>Every target in [0, 1] (a probability; 0 and 1 for two classes), checked over all of y before the first batch.</summary>
    internal override void RequireTargets(Tensor y, Func<int> outputWidth, string operation)
    {
        var targets = y.ToArray();
        int bad = Array.FindIndex(targets, t => !(t >= 0f && t <= 1f));
        if (bad >= 0)
            throw new ArgumentException(
                $"{operation}: {ElementName("y", y.Shape, bad)} is {targets[bad]}, outside [0, 1]: {Name}'s targets are probabilities " +
                $"(0 and 1 for two classes) (sample {bad / Math.Max(1, targets.Length / y.Shape[0])} is the first with one).", "y");
    }

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
