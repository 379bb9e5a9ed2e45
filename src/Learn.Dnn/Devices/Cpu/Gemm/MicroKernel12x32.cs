using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Learn.Dnn.Devices.Cpu;

// The register-blocked micro-kernel for AVX-512 (32 zmm registers of 16 floats).
// It keeps a 12×32 tile of C in 24 accumulators for the whole kc loop:
//
//              B̃[p, 0:16]  B̃[p, 16:32]      (b0, b1: 2 registers, loaded once per p)
//   Ã[p, 0]    c0a         c0b
//   Ã[p, 1]    c1a         c1b              (each Ã[p, r] broadcast to 16 lanes: 1 register)
//   ...        ...         ...
//   Ã[p, 11]   cBa         cBb              (24 accumulators)
//
// 27 of the 32 registers. Per step p: 2 vector loads + 12 broadcasts feed 24 FMAs (768 flops),
// so the two FMA units, not memory, set the pace; C is loaded and stored once per tile.
internal static unsafe class MicroKernel12x32
{
    /// <summary>Rows of C per tile (the register block's height).</summary>
    public const int MR = 12;
    /// <summary>Columns of C per tile: two vectors of 16 floats.</summary>
    public const int NR = 32;

    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>
    /// C[0:rows, 0:cols] += alpha · Ã·B̃ over kc terms, where Ã is a packed [kc, MR] panel of A
    /// (MR values of column p of the A block, one after another) and B̃ a packed [kc, NR] panel
    /// of B (row p of the B block, NR values). A partial tile (rows &lt; MR or cols &lt; NR, at the
    /// right or bottom edge of C) goes through <paramref name="edgeTile"/>, an MR×NR scratch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, int rows, int cols, float* edgeTile)
    {
        // No call may happen while the accumulators are live: a call clobbers every vector
        // register, and the JIT would then keep all 24 accumulators on the stack. So the edge
        // tile is cleared here, before the loop.
        bool full = rows == MR && cols == NR;
        if (!full) new Span<float>(edgeTile, MR * NR).Clear();
        Vector512<float> c0a = default, c0b = default, c1a = default, c1b = default, c2a = default, c2b = default, c3a = default, c3b = default, c4a = default, c4b = default, c5a = default, c5b = default, c6a = default, c6b = default, c7a = default, c7b = default, c8a = default, c8b = default, c9a = default, c9b = default, cAa = default, cAb = default, cBa = default, cBb = default;
        Vector512<float> ar;
        #region kernel-loop
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.LoadAligned(b);                   // B̃[p, 0:16]
            var b1 = Vector512.LoadAligned(b + 16);              // B̃[p, 16:32]
            ar = Vector512.Create(a[0]); c0a = Avx512F.FusedMultiplyAdd(ar, b0, c0a); c0b = Avx512F.FusedMultiplyAdd(ar, b1, c0b);
            ar = Vector512.Create(a[1]); c1a = Avx512F.FusedMultiplyAdd(ar, b0, c1a); c1b = Avx512F.FusedMultiplyAdd(ar, b1, c1b);
            ar = Vector512.Create(a[2]); c2a = Avx512F.FusedMultiplyAdd(ar, b0, c2a); c2b = Avx512F.FusedMultiplyAdd(ar, b1, c2b);
            ar = Vector512.Create(a[3]); c3a = Avx512F.FusedMultiplyAdd(ar, b0, c3a); c3b = Avx512F.FusedMultiplyAdd(ar, b1, c3b);
            ar = Vector512.Create(a[4]); c4a = Avx512F.FusedMultiplyAdd(ar, b0, c4a); c4b = Avx512F.FusedMultiplyAdd(ar, b1, c4b);
            ar = Vector512.Create(a[5]); c5a = Avx512F.FusedMultiplyAdd(ar, b0, c5a); c5b = Avx512F.FusedMultiplyAdd(ar, b1, c5b);
            ar = Vector512.Create(a[6]); c6a = Avx512F.FusedMultiplyAdd(ar, b0, c6a); c6b = Avx512F.FusedMultiplyAdd(ar, b1, c6b);
            ar = Vector512.Create(a[7]); c7a = Avx512F.FusedMultiplyAdd(ar, b0, c7a); c7b = Avx512F.FusedMultiplyAdd(ar, b1, c7b);
            ar = Vector512.Create(a[8]); c8a = Avx512F.FusedMultiplyAdd(ar, b0, c8a); c8b = Avx512F.FusedMultiplyAdd(ar, b1, c8b);
            ar = Vector512.Create(a[9]); c9a = Avx512F.FusedMultiplyAdd(ar, b0, c9a); c9b = Avx512F.FusedMultiplyAdd(ar, b1, c9b);
            ar = Vector512.Create(a[10]); cAa = Avx512F.FusedMultiplyAdd(ar, b0, cAa); cAb = Avx512F.FusedMultiplyAdd(ar, b1, cAb);
            ar = Vector512.Create(a[11]); cBa = Avx512F.FusedMultiplyAdd(ar, b0, cBa); cBb = Avx512F.FusedMultiplyAdd(ar, b1, cBb);
            a += MR;
            b += NR;
        }
        #endregion

        float* dst = full ? c : edgeTile;
        int ld = full ? ldc : NR;
        var alphaV = Vector512.Create(alpha);
        Update(dst + 0 * ld, c0a, c0b, alphaV);
        Update(dst + 1 * ld, c1a, c1b, alphaV);
        Update(dst + 2 * ld, c2a, c2b, alphaV);
        Update(dst + 3 * ld, c3a, c3b, alphaV);
        Update(dst + 4 * ld, c4a, c4b, alphaV);
        Update(dst + 5 * ld, c5a, c5b, alphaV);
        Update(dst + 6 * ld, c6a, c6b, alphaV);
        Update(dst + 7 * ld, c7a, c7b, alphaV);
        Update(dst + 8 * ld, c8a, c8b, alphaV);
        Update(dst + 9 * ld, c9a, c9b, alphaV);
        Update(dst + 10 * ld, cAa, cAb, alphaV);
        Update(dst + 11 * ld, cBa, cBb, alphaV);
        if (!full) AddEdgeTile(edgeTile, c, ldc, rows, cols);
    }

    /// <summary>row[0:32] += alpha·(lo, hi).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Update(float* row, Vector512<float> lo, Vector512<float> hi, Vector512<float> alpha)
    {
        Avx512F.FusedMultiplyAdd(lo, alpha, Vector512.Load(row)).Store(row);
        Avx512F.FusedMultiplyAdd(hi, alpha, Vector512.Load(row + 16)).Store(row + 16);
    }

    static void AddEdgeTile(float* tile, float* c, int ldc, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols; j++)
                c[r * ldc + j] += tile[r * NR + j];
    }
}
