using Learn.Dnn.Serialization;
namespace Learn.Dnn.Regularization;

/// <summary>
/// The L1 penalty l1·Σ|w|. Its gradient l1·sign(w) pulls every weight toward 0 by the same amount,
/// however small the weight already is, so small weights reach exactly 0: L1 makes weights sparse.
/// </summary>
[Chapter(6)]
[KerasName("l1")]
public sealed class L1 : Regularizer
{
    /// <param name="l1">The factor; Keras' default is 0.01.</param>
    public L1(float l1 = 0.01f) => Factor = RequireFactor(l1, nameof(l1), "L1");

    /// <summary>l1.</summary>
    [KerasName("l1")]
    public float Factor { get; }

    #region penalty
    /// <summary>l1·Σ|x|.   ∂/∂x = l1·sign(x) (0 at x = 0).</summary>
    public override Tensor Call(Tensor x) => x.Abs().Sum() * Factor;
    #endregion

    public override string ToString() => $"L1(l1={Factor})";
}
