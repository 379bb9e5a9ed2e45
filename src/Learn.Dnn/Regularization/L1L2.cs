using Learn.Dnn.Serialization;
namespace Learn.Dnn.Regularization;

/// <summary>
/// Both penalties at once: l1·Σ|w| + l2·Σw² (the "elastic net"). Keras' defaults are 0 for both,
/// so <c>new L1L2()</c> (and the string "l1_l2") penalises nothing until given factors.
/// </summary>
[Chapter(6)]
[KerasName("l1_l2", "l1l2")]
public sealed class L1L2 : Regularizer
{
    public L1L2(float l1 = 0f, float l2 = 0f)
    {
        L1Factor = RequireFactor(l1, nameof(l1), "L1L2");
        L2Factor = RequireFactor(l2, nameof(l2), "L1L2");
    }

    /// <summary>l1.</summary>
    [KerasName("l1")]
    public float L1Factor { get; }

    /// <summary>l2.</summary>
    [KerasName("l2")]
    public float L2Factor { get; }

    /// <summary>l1·Σ|x| + l2·Σx², each term only when its factor is not 0 (as Keras).</summary>
    public override Tensor Call(Tensor x)
    {
        var penalty = Tensor.Scalar(0f, x.Device);
        if (L1Factor != 0f) penalty += x.Abs().Sum() * L1Factor;
        if (L2Factor != 0f) penalty += (x * x).Sum() * L2Factor;
        return penalty;
    }

    public override string ToString() => $"L1L2(l1={L1Factor}, l2={L2Factor})";
}
