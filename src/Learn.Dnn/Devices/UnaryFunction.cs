namespace Learn.Dnn.Devices;

/// <summary>
/// An elementwise function y = f(x; p) and its derivative, written once for every device.
/// The file that defines a function (an activation in Activations/, a map behind arithmetic in
/// Tensors/) creates one of these beside its C# formula:
/// <list type="bullet">
/// <item><see cref="Forward"/> and <see cref="Derivative"/> are the C# formula: the reference device runs them;</item>
/// <item><see cref="OpenClForward"/> and <see cref="OpenClDerivative"/> are the same formula as
///   OpenCL C expressions, from which the OpenCL device generates its kernels;</item>
/// <item><see cref="Vectorized"/>, when given, computes the same map over a whole span with SIMD
///   (TensorPrimitives): the fast CPU device uses it (chapter 10);</item>
/// <item><see cref="VectorizedBackward"/>, when given, computes dx = f'(x)·dy over whole spans with SIMD,
///   the same numbers as <see cref="Derivative"/> times dy: the fast CPU device's backward (chapter 10).</item>
/// </list>
/// The parameter p is the slope of leaky ReLU, the α of ELU, the exponent of a power, the factor of a scaling...
/// </summary>
[Chapter(1)]
public sealed class UnaryFunction
{
    /// <summary>y[i] = f(x[i]; p) for a whole span at once.</summary>
    [Chapter(10)]
    public delegate void SpanMap(ReadOnlySpan<float> x, float p, Span<float> y);

    /// <summary>dx[i] = f'(x[i]; p)·dy[i] for whole spans at once, given also y = f(x).</summary>
    [Chapter(10)]
    public delegate void SpanBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, float p, ReadOnlySpan<float> dy, Span<float> dx);

    /// <param name="name">a C identifier ("sigmoid"): the name in graphs, messages and kernel names</param>
    /// <param name="forward">(x, p) → f(x)</param>
    /// <param name="derivative">(x, y, p) → f'(x), given also y = f(x), whichever is cheaper to use</param>
    /// <param name="openClForward">f(x) as an OpenCL C expression in <c>x</c> and <c>p</c></param>
    /// <param name="openClDerivative">f'(x) as an OpenCL C expression in <c>x</c>, <c>y</c> and <c>p</c></param>
    /// <param name="vectorized">optional: the forward map over a span, with SIMD</param>
    /// <param name="vectorizedBackward">optional: dx = f'(x)·dy over spans, with SIMD</param>
    public UnaryFunction(string name, Func<float, float, float> forward, Func<float, float, float, float> derivative,
                         string openClForward, string openClDerivative, SpanMap? vectorized = null,
                         SpanBackward? vectorizedBackward = null)
    {
        if (!IsIdentifier(name)) throw new ArgumentException($"UnaryFunction: the name must be a C identifier (letters, digits, _), got \"{name}\".");
        Name = name;
        Forward = forward;
        Derivative = derivative;
        OpenClForward = openClForward;
        OpenClDerivative = openClDerivative;
        Vectorized = vectorized;
        VectorizedBackward = vectorizedBackward;
    }

    public string Name { get; }
    public Func<float, float, float> Forward { get; }
    public Func<float, float, float, float> Derivative { get; }
    public string OpenClForward { get; }
    public string OpenClDerivative { get; }
    public SpanMap? Vectorized { get; }
    public SpanBackward? VectorizedBackward { get; }

    internal static bool IsIdentifier(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    public override string ToString() => Name;
}
