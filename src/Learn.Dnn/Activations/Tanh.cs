using Learn.Dnn.Devices;
using System.Numerics.Tensors;
namespace Learn.Dnn.Activations;

/// <summary>The hyperbolic tangent: a sigmoid stretched to (−1, 1) and centred at 0; tanh(x) = 2σ(2x) − 1.</summary>
[Chapter(3)]
public sealed class Tanh : Activation
{
    public override string Name => "tanh";

    #region math
    /// <summary>tanh x = (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ).</summary>
    public static float Function(float x) => MathF.Tanh(x);

    /// <summary>tanh'(x) = 1 − tanh²(x), from the output y = tanh x.</summary>
    public static float Derivative(float y) => 1f - y * y;
    #endregion

    /// <summary>tanh for every device: the formula above, the same in OpenCL C, and TensorPrimitives' SIMD form.</summary>
    public static readonly UnaryFunction Elementwise = new("tanh",
        (x, _) => Function(x), (_, y, _) => Derivative(y),
        "saturating_tanh(x)", "1.0f - y * y",
        (x, _, y) => TensorPrimitives.Tanh(x, y));

    public override Tensor Call(Tensor x) => x.Tanh();
}
