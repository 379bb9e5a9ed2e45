using System.Numerics.Tensors;

namespace Learn.Dnn.Backends.Cpu;

/// <summary>The checks and the beta step that every GEMM of the ladder shares.</summary>
[Chapter(10)]
public static class GemmArguments
{
    /// <summary>
    /// Throws unless A holds m·k floats, B holds k·n and C holds m·n, with m, n, k ≥ 0.
    /// </summary>
    public static void Validate(bool transposeA, bool transposeB, int m, int n, int k,
        int aLength, int bLength, int cLength)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentOutOfRangeException(nameof(m),
                $"Gemm: sizes must be ≥ 0, got m = {m}, n = {n}, k = {k}.");
        RequireLength("A", "m·k", (long)m * k, aLength, transposeA ? $"op(A) = Aᵀ [{m}, {k}] (A stored [{k}, {m}])" : $"op(A) [{m}, {k}]");
        RequireLength("B", "k·n", (long)k * n, bLength, transposeB ? $"op(B) = Bᵀ [{k}, {n}] (B stored [{n}, {k}])" : $"op(B) [{k}, {n}]");
        RequireLength("C", "m·n", (long)m * n, cLength, $"C [{m}, {n}]");
    }

    static void RequireLength(string name, string formula, long expected, int actual, string shape)
    {
        if (expected != actual)
            throw new ArgumentException(
                $"Gemm: {name} must hold {formula} = {expected} floats for {shape}, got {actual}.", name.ToLowerInvariant());
    }

    /// <summary>
    /// C ← beta·C, the first half of the contract. beta = 0 clears C instead of multiplying,
    /// so NaN or ∞ left in C by a previous user does not leak into the result (0·NaN = NaN).
    /// </summary>
    public static void ScaleC(float beta, Span<float> c)
    {
        if (beta == 0f) c.Clear();
        else if (beta != 1f) TensorPrimitives.Multiply(c, beta, c);
    }
}
