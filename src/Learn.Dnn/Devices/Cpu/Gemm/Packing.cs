using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Learn.Dnn.Devices.Cpu;

// Packing copies a block of op(A) and a block of op(B) into the exact order in which the
// micro-kernel will read them, so that its loop only walks two pointers forward:
//
//   Ã: the [mc, kc] block of op(A), cut into row panels of MR rows; panel q holds, for each p,
//      op(A)[q·MR + 0..MR, p] — the MR values the kernel broadcasts at step p.
//   B̃: the [kc, nc] block of op(B), cut into column panels of NR columns; panel q holds, for
//      each p, op(B)[p, q·NR + 0..NR] — the NR values the kernel loads at step p.
//
// The copy reads A and B in whatever layout they are stored, so a transpose is absorbed here,
// and pads the last panels with zeros, so the kernel never needs a bounds check. When the
// stored layout runs across the panel (A not transposed, B transposed), 8×8 register
// transposes move the floats; a float-by-float copy handles what is left at the edges.

/// <summary>Packs blocks of op(A) and op(B) into micro-kernel panels.</summary>
internal static unsafe class Packing
{
    /// <summary>
    /// Ã ← op(A)[ic:ic+mc, pc:pc+kc] in MR-row panels ([⌈mc/MR⌉, kc, MR]).
    /// A is stored [m, lda = k], or [k, lda = m] when transposed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(bool transposeA, float* a, int lda, int ic, int pc, int mc, int kc, int mr, float* packed)
    {
        for (int ir = 0; ir < mc; ir += mr, packed += mr * kc)
        {
            int rows = Math.Min(mr, mc - ir);
            if (rows < mr) new Span<float>(packed, mr * kc).Clear();
            if (transposeA)
                for (int p = 0; p < kc; p++)                                   // row pc+p of A holds column pc+p of op(A)
                {
                    float* source = a + (long)(pc + p) * lda + ic + ir;
                    for (int r = 0; r < rows; r++) packed[p * mr + r] = source[r];
                }
            else
                CopyTransposed(a + (long)(ic + ir) * lda + pc, lda, rows, kc, packed, mr);
        }
    }

    /// <summary>
    /// B̃ ← op(B)[pc:pc+kc, jc:jc+nc] in NR-column panels ([⌈nc/NR⌉, kc, NR]).
    /// B is stored [k, ldb = n], or [n, ldb = k] when transposed.
    /// </summary>
    #region pack-b
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(bool transposeB, float* b, int ldb, int pc, int jc, int kc, int nc, int nr, float* packed)
    {
        for (int jr = 0; jr < nc; jr += nr, packed += nr * kc)
        {
            int cols = Math.Min(nr, nc - jr);
            if (cols < nr) new Span<float>(packed, nr * kc).Clear();
            if (transposeB)
                CopyTransposed(b + (long)(jc + jr) * ldb + pc, ldb, cols, kc, packed, nr);
            else
                for (int p = 0; p < kc; p++)                                   // a contiguous run of row pc+p
                    Copy(b + (long)(pc + p) * ldb + jc + jr, packed + p * nr, cols);
        }
    }
    #endregion

    /// <summary>destination[0:count] = source[0:count], 16 floats per instruction.</summary>
    static void Copy(float* source, float* destination, int count)
    {
        int q = 0;
        for (; q + 16 <= count; q += 16) Vector512.Store(Vector512.Load(source + q), destination + q);
        for (; q < count; q++) destination[q] = source[q];
    }

    /// <summary>
    /// destination[p·width + t] = source[t·sourceStride + p] for t &lt; count ≤ width, p &lt; length:
    /// <paramref name="count"/> stored rows become the first columns of a [length, width] panel.
    /// </summary>
    static void CopyTransposed(float* source, int sourceStride, int count, int length, float* destination, int width)
    {
        int p = 0;
        if (Transpose8x8.IsSupported && count >= 8)
        {
            for (; p + 8 <= length; p += 8)
                for (int t = 0; ; t += 8)
                {
                    // The last group of 8 rows is moved back to end at count: it overlaps the one
                    // before and writes the same values again, which costs less than a scalar edge.
                    int row = Math.Min(t, count - 8);
                    Transpose8x8.Run(source + (long)row * sourceStride + p, sourceStride, destination + (long)p * width + row, width);
                    if (row + 8 >= count) break;
                }
        }
        for (int t = 0; t < count; t++)                                         // the last length mod 8 steps
        {
            float* row = source + (long)t * sourceStride;
            for (int q = p; q < length; q++) destination[(long)q * width + t] = row[q];
        }
    }
}
