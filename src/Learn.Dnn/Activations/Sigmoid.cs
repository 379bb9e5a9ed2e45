using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Learn.Dnn.Devices;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Activations;

/// <summary>The logistic sigmoid σ(x) = 1/(1 + e⁻ˣ): squashes any number into (0, 1).</summary>
[Chapter(3)]
[KerasName("sigmoid")]
public sealed class Sigmoid : Activation
{
    #region math
    /// <summary>σ(x) = 1/(1 + e⁻ˣ), written so that neither branch overflows.</summary>
    public static float Function(float x) =>
        x >= 0f ? 1f / (1f + MathF.Exp(-x)) : MathF.Exp(x) / (1f + MathF.Exp(x));

    /// <summary>σ'(x) = σ(x)·(1 − σ(x)), from the output y = σ(x). Its largest value is ¼, at x = 0.</summary>
    public static float Derivative(float y) => y * (1f - y);
    #endregion

    #region elementwise
    /// <summary>σ for every device: the formula above, the same in OpenCL C, and TensorPrimitives' SIMD form.</summary>
    public static readonly UnaryFunction Elementwise = new("sigmoid",
        (x, _) => Function(x), (_, y, _) => Derivative(y),
        "x >= 0.0f ? 1.0f / (1.0f + exp(-x)) : exp(x) / (1.0f + exp(x))", "y * (1.0f - y)",
        (x, _, y) => TensorPrimitives.Sigmoid(x, y),
        Backward);

    /// <summary>dx = (y * (1 − y))·dy, <see cref="Vector{T}"/>.Count elements at a time.</summary>
    private static void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, float p, Span<float> dx)
    {
        var Y = MemoryMarshal.Cast<float, Vector<float>>(y);
        var DY = MemoryMarshal.Cast<float, Vector<float>>(dy);
        var DX = MemoryMarshal.Cast<float, Vector<float>>(dx);
        for (int k = 0; k < Y.Length; k++) DX[k] = (Y[k] * (Vector<float>.One - Y[k])) * DY[k];
        for (int i = Y.Length * Vector<float>.Count; i < y.Length; i++) dx[i] = Derivative(y[i]) * dy[i];
    }
    #endregion

    public override Tensor Call(Tensor x) => x.Map(Elementwise);
}
