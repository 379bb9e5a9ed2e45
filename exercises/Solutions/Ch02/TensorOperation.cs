namespace Learn.Dnn.Exercises.Ch02;

/// <summary>Chapter 2, on the engine's tensors: a new operation with its backward, through the engine's own mechanism.</summary>
public static class TensorOperation
{
    /// <summary>
    /// Exercise ch02.hadamard — the elementwise (Hadamard) product c = a ⊙ b of two tensors of the same
    /// shape, cᵢ = aᵢ·bᵢ, as an operation of its own: compute c from the numbers (a.ToArray(), b.ToArray(),
    /// <see cref="Tensor.FromArray(ReadOnlySpan{float}, Shape, Devices.IDevice?)"/>), then record it with
    /// <c>c.WithGradient("hadamard", [a, b], dC =&gt; ...)</c>, whose backward adds each input's gradient with
    /// <c>a.AccumulateGrad(...)</c>: dA = dC ⊙ b, dB = dC ⊙ a. This is how every operation in the engine is
    /// written (see MatMul in chapter 1). Do not compute c with the engine's own <c>a * b</c>.
    /// Throw an <see cref="ArgumentException"/> when the shapes differ.
    /// <para>Hint 1 (nudge): it is the scalar Multiply of this chapter, once per element: the backward swaps the factors.</para>
    /// <para>Hint 2 (formula): cᵢ = aᵢ·bᵢ; ∂L/∂aᵢ = ∂L/∂cᵢ·bᵢ and ∂L/∂bᵢ = ∂L/∂cᵢ·aᵢ, each of the shape of its input.</para>
    /// <para>Hint 3 (code): fill float[] c with a[i] * b[i]; return Tensor.FromArray(c, a.Shape).WithGradient("hadamard", [a, b], dC =&gt; { var g = dC.ToArray(); a.AccumulateGrad(Tensor.FromArray(g[i] * b[i] for each i, a.Shape)); b.AccumulateGrad(... g[i] * a[i] ...); });</para>
    /// </summary>
    public static Tensor Hadamard(Tensor a, Tensor b)
    {
        // BEGIN SOLUTION ch02.hadamard
        if (a.Shape != b.Shape)
            throw new ArgumentException($"Hadamard: a is {a.Shape} and b is {b.Shape}; the shapes must be equal.");
        float[] x = a.ToArray(), y = b.ToArray();
        var c = new float[x.Length];
        for (int i = 0; i < c.Length; i++) c[i] = x[i] * y[i];
        return Tensor.FromArray(c, a.Shape).WithGradient("hadamard", [a, b], dC =>
        {
            var g = dC.ToArray();
            var dA = new float[g.Length];
            var dB = new float[g.Length];
            for (int i = 0; i < g.Length; i++)
            {
                dA[i] = g[i] * y[i];   // ∂cᵢ/∂aᵢ = bᵢ
                dB[i] = g[i] * x[i];   // ∂cᵢ/∂bᵢ = aᵢ
            }
            a.AccumulateGrad(Tensor.FromArray(dA, a.Shape));
            b.AccumulateGrad(Tensor.FromArray(dB, b.Shape));
        });
        // END SOLUTION
    }
}
