namespace Learn.Dnn.Backends.Cpu;

// Packing copies a block of op(A) and a block of op(B) into the exact order in which the
// micro-kernel will read them, so that its loop only walks two pointers forward:
//
//   Ã: the [mc, kc] block of op(A), cut into row panels of MR rows; panel q holds, for each p,
//      op(A)[q·MR + 0..MR, p] — the MR values the kernel broadcasts at step p.
//   B̃: the [kc, nc] block of op(B), cut into column panels of NR columns; panel q holds, for
//      each p, op(B)[p, q·NR + 0..NR] — the NR values the kernel loads at step p.
//
// The copy reads A and B in whatever layout they are stored, so a transpose costs nothing
// extra, and pads the last panel with zeros, so the kernel never needs a bounds check.

/// <summary>Packs blocks of op(A) and op(B) into micro-kernel panels.</summary>
internal static unsafe class Packing
{
    /// <summary>
    /// Ã ← op(A)[ic:ic+mc, pc:pc+kc] in MR-row panels ([⌈mc/MR⌉, kc, MR]).
    /// A is stored [m, lda = k], or [k, lda = m] when transposed.
    /// </summary>
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
                for (int r = 0; r < rows; r++)                                 // row ic+ir+r of A, read left to right
                {
                    float* source = a + (long)(ic + ir + r) * lda + pc;
                    for (int p = 0; p < kc; p++) packed[p * mr + r] = source[p];
                }
        }
    }

    /// <summary>
    /// B̃ ← op(B)[pc:pc+kc, jc:jc+nc] in NR-column panels ([⌈nc/NR⌉, kc, NR]).
    /// B is stored [k, ldb = n], or [n, ldb = k] when transposed.
    /// </summary>
    public static void PackB(bool transposeB, float* b, int ldb, int pc, int jc, int kc, int nc, int nr, float* packed)
    {
        for (int jr = 0; jr < nc; jr += nr, packed += nr * kc)
        {
            int cols = Math.Min(nr, nc - jr);
            if (cols < nr) new Span<float>(packed, nr * kc).Clear();
            if (transposeB)
                for (int j = 0; j < cols; j++)                                 // row jc+jr+j of B is column of op(B)
                {
                    float* source = b + (long)(jc + jr + j) * ldb + pc;
                    for (int p = 0; p < kc; p++) packed[p * nr + j] = source[p];
                }
            else
                for (int p = 0; p < kc; p++)                                   // a contiguous run of row pc+p
                    Buffer.MemoryCopy(b + (long)(pc + p) * ldb + jc + jr, packed + p * nr, cols * 4L, cols * 4L);
        }
    }
}
