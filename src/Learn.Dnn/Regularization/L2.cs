using Learn.Dnn.Serialization;
namespace Learn.Dnn.Regularization;

/// <summary>
/// The L2 penalty l2·Σw², as Keras defines it: no ½ in front, so its gradient is 2·l2·w. With plain
/// SGD the step w −= η·2·l2·w shrinks every weight by the factor (1 − 2η·l2): "weight decay".
/// </summary>
[Chapter(6)]
[KerasName("l2")]
public sealed class L2 : Regularizer
{
    /// <param name="l2">The factor; Keras' default is 0.01.</param>
    public L2(float l2 = 0.01f) => Factor = RequireFactor(l2, nameof(l2), "L2");

    /// <summary>l2.</summary>
    [KerasName("l2")]
    public float Factor { get; }

    #region penalty
    /// <summary>l2·Σx².   ∂/∂x = 2·l2·x.</summary>
    public override Tensor Call(Tensor x) => (x * x).Sum() * Factor;
    #endregion

    public override string ToString() => $"L2(l2={Factor})";
}
