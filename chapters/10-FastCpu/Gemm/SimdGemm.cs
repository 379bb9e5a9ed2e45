using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using Learn.Dnn.Devices.Cpu;
using Learn.Dnn.Devices.Reference;

namespace Learn.Dnn.Chapters;

// Rung 3: SIMD. The blocked loops of rung 2, with the innermost j loop doing 16 columns at a
// time: C[i, j:j+16] += a·op(B)[p, j:j+16] is one Vector512 fused multiply-add (8 with the
// Vector256 fallback on machines without AVX-512). .NET's Vector<float> is only 8 wide on this
// machine, so Vector512<float> is named explicitly. The loop is still bound by loads and stores
// of C (two memory operations per FMA), which is what packing and register blocking fix next.

/// <summary>Blocked i-k-j GEMM whose inner loop is a Vector512 (or Vector256) FMA.</summary>
public static class SimdGemm
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
        for (int i0 = 0; i0 < m; i0 += BlockM)
            for (int p0 = 0; p0 < k; p0 += BlockK)
                for (int j0 = 0; j0 < n; j0 += BlockN)
                {
                    int i1 = Math.Min(i0 + BlockM, m), p1 = Math.Min(p0 + BlockK, k), j1 = Math.Min(j0 + BlockN, n);
                    for (int i = i0; i < i1; i++)
                        for (int p = p0; p < p1; p++)
                        {
                            float aip = alpha * (transposeA ? a[p * m + i] : a[i * k + p]);
                            AddScaledRow(aip, bRows[(p * n + j0)..(p * n + j1)], c[(i * n + j0)..(i * n + j1)]);
                        }
                }
    }

    /// <summary>cRow += a·bRow, 16 (or 8) lanes per instruction, then a scalar tail.</summary>
    static void AddScaledRow(float a, ReadOnlySpan<float> bRow, Span<float> cRow)
    {
        ref float bRef = ref MemoryMarshal.GetReference(bRow);
        ref float cRef = ref MemoryMarshal.GetReference(cRow);
        int j = 0;
        #region simd-row
        if (Vector512.IsHardwareAccelerated)
        {
            var av = Vector512.Create(a);
            for (; j + 16 <= cRow.Length; j += 16)
            {
                var cv = Vector512.LoadUnsafe(ref cRef, (nuint)j);
                Vector512.FusedMultiplyAdd(av, Vector512.LoadUnsafe(ref bRef, (nuint)j), cv).StoreUnsafe(ref cRef, (nuint)j);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var av = Vector256.Create(a);
            for (; j + 8 <= cRow.Length; j += 8)
            {
                var cv = Vector256.LoadUnsafe(ref cRef, (nuint)j);
                Vector256.FusedMultiplyAdd(av, Vector256.LoadUnsafe(ref bRef, (nuint)j), cv).StoreUnsafe(ref cRef, (nuint)j);
            }
        }
        for (; j < cRow.Length; j++) Unsafe.Add(ref cRef, j) += a * Unsafe.Add(ref bRef, j);
        #endregion
    }
}
