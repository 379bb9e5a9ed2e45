using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Learn.Dnn.Devices;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Activations;

/// <summary>The rectified linear unit max(0, x): cheap, and its gradient does not vanish for x &gt; 0.</summary>
[Chapter(3)]
[KerasName("relu")]
public sealed class Relu : Activation
{
    #region math
    /// <summary>relu(x) = max(0, x), and NaN for NaN (IEEE 754's maximum, TensorPrimitives.Max, PyTorch), where x &gt; 0 alone is false.</summary>
    public static float Function(float x) => x > 0f || float.IsNaN(x) ? x : 0f;

    /// <summary>relu'(x) = 1 for x &gt; 0, else 0, and NaN for NaN. At the kink x = 0 we take 0, as Keras and PyTorch do.</summary>
    public static float Derivative(float x) => float.IsNaN(x) ? x : x > 0f ? 1f : 0f;
    #endregion

    /// <summary>ReLU for every device: the formula above, the same in OpenCL C, and TensorPrimitives' SIMD form.</summary>
    public static readonly UnaryFunction Elementwise = new("relu",
        (x, _) => Function(x), (x, _, _) => Derivative(x),
        "x > 0.0f || isnan(x) ? x : 0.0f", "isnan(x) ? x : x > 0.0f ? 1.0f : 0.0f",
        (x, _, y) => TensorPrimitives.Max(x, 0f, y),
        Backward);

    /// <summary>dx = relu'(x)·dy, <see cref="Vector{T}"/>.Count elements at a time: (x &gt; 0 ? 1 : 0)·dy, and NaN where x is NaN (x ≠ x).</summary>
    private static void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, float p, Span<float> dx)
    {
        var X = MemoryMarshal.Cast<float, Vector<float>>(x);
        var DY = MemoryMarshal.Cast<float, Vector<float>>(dy);
        var DX = MemoryMarshal.Cast<float, Vector<float>>(dx);
        for (int k = 0; k < X.Length; k++)
        {
            var slope = Vector.ConditionalSelect(Vector.GreaterThan(X[k], Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero);
            DX[k] = Vector.ConditionalSelect(Vector.Equals(X[k], X[k]), slope, X[k]) * DY[k];
        }
        for (int i = X.Length * Vector<float>.Count; i < x.Length; i++) dx[i] = Derivative(x[i]) * dy[i];
    }

    public override Tensor Call(Tensor x) => x.Map(Elementwise);
}
