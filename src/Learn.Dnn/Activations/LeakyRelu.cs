using Learn.Dnn.Devices;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Activations;

/// <summary>
/// Leaky ReLU: x for x &gt; 0, αx otherwise, so a unit never dies completely. Keras has two
/// defaults, and so do we: the LeakyReLU layer's α is 0.3 (this class), while the activation
/// named "leaky_relu" (<c>activation: "leaky_relu"</c>, <see cref="Tensor.LeakyRelu"/>) uses 0.2.
/// </summary>
[Chapter(3)]
public sealed class LeakyRelu(double alpha = 0.3) : Activation
{
    /// <summary>α, the slope for x &lt; 0 (Keras' <c>negative_slope</c>).</summary>
    [KerasName("negative_slope")]
    public float Alpha { get; } = (float)alpha;

    /// <summary>Keras' activation "leaky_relu": slope 0.2.</summary>
    [KerasName("leaky_relu")]
    public static LeakyRelu KerasActivation => new(0.2f);

    #region math
    /// <summary>f(x) = x for x &gt; 0, αx otherwise.</summary>
    public static float Function(float x, float alpha) => x > 0f ? x : alpha * x;

    /// <summary>f'(x) = 1 for x &gt; 0, α otherwise (α at x = 0, like ReLU's left side), and NaN for NaN.</summary>
    public static float Derivative(float x, float alpha) => float.IsNaN(x) ? x : x > 0f ? 1f : alpha;
    #endregion

    /// <summary>Leaky ReLU for every device (p = α): the formula above and the same in OpenCL C.</summary>
    public static readonly UnaryFunction Elementwise = new("leaky_relu",
        (x, p) => Function(x, p), (x, _, p) => Derivative(x, p),
        "x > 0.0f ? x : p * x", "isnan(x) ? x : x > 0.0f ? 1.0f : p");

    public override Tensor Call(Tensor x) => x.Map(Elementwise, Alpha);
}
