namespace Learn.Dnn.Devices.Reference;

// Rung 0 of the ladder: the definition. C[i, j] = alpha · Σₚ op(A)[i, p] · op(B)[p, j] + beta · C[i, j].
// One dot product per output, i-j-k order. The inner loop walks B down a column (stride n),
// so every step of p touches a new cache line of B: this is the slow baseline the others are
// checked against.

/// <summary>The reference GEMM: one dot product per element of C.</summary>
[Chapter(1)]
public static class NaiveGemm
{
    /// <summary>C = α·op(A)·op(B) + β·C with op(A): [m, k], op(B): [k, n], C: [m, n] (see <see cref="IDevice.Gemm"/>).</summary>
    public static void Gemm(bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c)
    {
        GemmArguments.Validate(transposeA, transposeB, m, n, k, a.Length, b.Length, c.Length);
        #region naive
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++)
                {
                    float aip = transposeA ? a[p * m + i] : a[i * k + p];   // op(A)[i, p]
                    float bpj = transposeB ? b[j * k + p] : b[p * n + j];   // op(B)[p, j]
                    sum += aip * bpj;
                }
                c[i * n + j] = beta == 0f ? alpha * sum : alpha * sum + beta * c[i * n + j];
            }
        #endregion
    }
}
