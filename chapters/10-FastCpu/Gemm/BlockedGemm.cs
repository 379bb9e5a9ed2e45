using Learn.Dnn.Devices.Cpu;
using Learn.Dnn.Devices.Reference;

namespace Learn.Dnn.Chapters;

// Rung 2: cache blocking. The i-k-j loops of rung 1 sweep all of B for every row of A; once B
// is bigger than the caches (n = 1024: 4 MiB), each sweep comes from main memory. Here the
// product is cut into blocks, BlockM rows × BlockK terms × BlockN columns, so the piece of B in
// use (BlockK × BlockN floats = 256 KiB) stays in the 1 MiB L2 cache while BlockM rows of A reuse it.

/// <summary>i-k-j GEMM over cache-sized blocks of A, B and C.</summary>
public static class BlockedGemm
{
    const int BlockM = 64, BlockK = 128, BlockN = 512;

    /// <inheritdoc cref="GemmKernel"/>
    public static void Gemm(bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c)
    {
        GemmArguments.Validate(transposeA, transposeB, m, n, k, a.Length, b.Length, c.Length);
        GemmArguments.ScaleC(beta, c);
        using var opB = new RowMajorB(transposeB, n, k, b);
        var bRows = opB.Rows;                                                   // op(B): [k, n]
        #region blocked
        for (int i0 = 0; i0 < m; i0 += BlockM)
            for (int p0 = 0; p0 < k; p0 += BlockK)
                for (int j0 = 0; j0 < n; j0 += BlockN)
                {
                    int i1 = Math.Min(i0 + BlockM, m), p1 = Math.Min(p0 + BlockK, k), j1 = Math.Min(j0 + BlockN, n);
                    for (int i = i0; i < i1; i++)
                        for (int p = p0; p < p1; p++)
                        {
                            float aip = alpha * (transposeA ? a[p * m + i] : a[i * k + p]);
                            var cRow = c[(i * n + j0)..(i * n + j1)];          // C[i, j0:j1]
                            var bRow = bRows[(p * n + j0)..(p * n + j1)];      // op(B)[p, j0:j1]
                            for (int j = 0; j < cRow.Length; j++) cRow[j] += aip * bRow[j];
                        }
                }
        #endregion
    }
}
