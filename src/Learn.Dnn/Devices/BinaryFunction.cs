namespace Learn.Dnn.Devices;

/// <summary>
/// An elementwise function of two tensors, c = f(a, b), written once for every device: the C#
/// formula (<see cref="Apply"/>, which the reference device runs), the same formula as an OpenCL C
/// expression in <c>a</c> and <c>b</c> (from which the OpenCL device generates its kernels), and
/// optionally a SIMD form over whole spans for the fast CPU device. Its gradient is not here: each
/// tensor operation writes its own backward (Tensors/Tensor.Arithmetic.cs).
/// </summary>
[Chapter(1)]
public sealed class BinaryFunction
{
    /// <summary>c[i] = f(a[i], b[i]) for whole spans of one length.</summary>
    [Chapter(10)]
    public delegate void SpanMap(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c);

    public BinaryFunction(string name, Func<float, float, float> apply, string openCl, SpanMap? vectorized = null)
    {
        if (!UnaryFunction.IsIdentifier(name)) throw new ArgumentException($"BinaryFunction: the name must be a C identifier (letters, digits, _), got \"{name}\".");
        Name = name;
        Apply = apply;
        OpenCl = openCl;
        Vectorized = vectorized;
    }

    public string Name { get; }
    public Func<float, float, float> Apply { get; }
    public string OpenCl { get; }
    public SpanMap? Vectorized { get; }

    public override string ToString() => Name;
}
