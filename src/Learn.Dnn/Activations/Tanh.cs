using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Learn.Dnn.Devices;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Activations;

/// <summary>The hyperbolic tangent: a sigmoid stretched to (−1, 1) and centred at 0; tanh(x) = 2σ(2x) − 1.</summary>
[Chapter(3)]
[KerasName("tanh")]
public sealed class Tanh : Activation
{
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
        (x, _, y) => TensorPrimitives.Tanh(x, y),
        Backward);

    /// <summary>dx = (1 − y²)·dy, <see cref="Vector{T}"/>.Count elements at a time.</summary>
    private static void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, float p, Span<float> dx)
    {
        var Y = MemoryMarshal.Cast<float, Vector<float>>(y);
        var DY = MemoryMarshal.Cast<float, Vector<float>>(dy);
        var DX = MemoryMarshal.Cast<float, Vector<float>>(dx);
        for (int k = 0; k < Y.Length; k++) DX[k] = (Vector<float>.One - Y[k] * Y[k]) * DY[k];
        for (int i = Y.Length * Vector<float>.Count; i < y.Length; i++) dx[i] = Derivative(y[i]) * dy[i];
    }

    public override Tensor Call(Tensor x) => x.Map(Elementwise);
}
