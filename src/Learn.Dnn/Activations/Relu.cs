using Learn.Dnn.Devices;
using System.Numerics.Tensors;
using System.Numerics;
namespace Learn.Dnn.Activations;

/// <summary>The rectified linear unit max(0, x): cheap, and its gradient does not vanish for x &gt; 0.</summary>
[Chapter(3)]
public sealed class Relu : Activation
{
    public override string Name => "relu";

    #region math
    /// <summary>relu(x) = max(0, x).</summary>
    public static float Function(float x) => x > 0f ? x : 0f;

    /// <summary>relu'(x) = 1 for x &gt; 0, else 0. At the kink x = 0 we take 0, as Keras and PyTorch do.</summary>
    public static float Derivative(float x) => x > 0f ? 1f : 0f;
    #endregion

    /// <summary>ReLU for every device: the formula above, the same in OpenCL C, and SIMD forms of both.</summary>
    public static readonly UnaryFunction Elementwise = new("relu",
        (x, _) => Function(x), (x, _, _) => Derivative(x),
        "x > 0.0f ? x : 0.0f", "x > 0.0f ? 1.0f : 0.0f",
        (x, _, y) => TensorPrimitives.Max(x, 0f, y),
        (x, _, _, dy, dx) => Backward(x, dy, dx));

    /// <summary>
    /// dx = relu'(x)·dy, a vector of lanes at a time (chapter 10): the 0/1 mask of x &gt; 0 times dy, the
    /// same product as <see cref="Derivative"/>(x)·dy, so the numbers are identical (0·dy keeps dy's sign).
    /// </summary>
    private static void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int i = 0;
        for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var positive = Vector.GreaterThan(new Vector<float>(x[i..]), Vector<float>.Zero);
            var derivative = Vector.ConditionalSelect(positive, Vector<float>.One, Vector<float>.Zero);
            (derivative * new Vector<float>(dy[i..])).CopyTo(dx[i..]);
        }
        for (; i < x.Length; i++) dx[i] = Derivative(x[i]) * dy[i];
    }

    public override Tensor Call(Tensor x) => x.Relu();
}
