using System.Numerics.Tensors;

namespace Learn.Dnn.Devices.Reference;

/// <summary>The checks and the beta step that every GEMM of the ladder shares.</summary>
[Chapter(1)]
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
        // The shapes are formatted only on failure: this check runs on every call, and must not allocate.
        if ((long)m * k != aLength)
            throw LengthError("A", "m·k", (long)m * k, aLength, "op(A)", m, k, transposeA);
        if ((long)k * n != bLength)
            throw LengthError("B", "k·n", (long)k * n, bLength, "op(B)", k, n, transposeB);
        if ((long)m * n != cLength)
            throw LengthError("C", "m·n", (long)m * n, cLength, "C", m, n, transposed: false);
    }

    static ArgumentException LengthError(string name, string formula, long expected, int actual,
        string operand, int rows, int cols, bool transposed)
    {
        string shape = transposed
            ? $"{operand} = {name}ᵀ [{rows}, {cols}] ({name} stored [{cols}, {rows}])"
            : $"{operand} [{rows}, {cols}]";
        return new ArgumentException(
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
