namespace Learn.Dnn.Exercises.Ch10;

/// <summary>Chapter 10: the same matrix product, with its loops in a cache-friendly order and then in blocks.</summary>
public static class GemmLoops
{
    /// <summary>
    /// Exercise ch10.loop-order — C = A·B with A: [m, k], B: [k, n], C: [m, n], all row-major
    /// (element [i, j] of an [r, c] matrix is at index i·c + j). Overwrite C: what it held before
    /// (even NaN) must not survive. Use the i-k-j loop order: for each row i of C and each p, add
    /// A[i, p] times row p of B into row i of C, so the innermost loop walks B and C left to right
    /// (the naive i-j-k order walks B down a column, a new cache line at every step).
    /// <para>Hint 1 (nudge): clear C first, then for a fixed i and p the innermost loop is a scaled row of B added to a row of C.</para>
    /// <para>Hint 2 (formula): C[i, j] = Σₚ A[i, p]·B[p, j]; in i-k-j order: C[i, :] += A[i, p]·B[p, :] for p = 0 … k−1.</para>
    /// <para>Hint 3 (code): Array.Clear(c); for i, for p { float aip = a[i * k + p]; for j: c[i * n + j] += aip * b[p * n + j]; }</para>
    /// </summary>
    public static void LoopOrder(float[] a, float[] b, float[] c, int m, int n, int k)
    {
        // BEGIN SOLUTION ch10.loop-order
        Array.Clear(c, 0, m * n);
        for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++)
            {
                float aip = a[i * k + p];                               // A[i, p], held in a register
                for (int j = 0; j < n; j++) c[i * n + j] += aip * b[p * n + j];
            }
        // END SOLUTION
    }

    /// <summary>
    /// Exercise ch10.blocked — the same C = A·B (A: [m, k], B: [k, n], C: [m, n], row-major, C
    /// overwritten) over blocks: the rows of C in blocks of <paramref name="blockM"/>, the terms p in
    /// blocks of <paramref name="blockK"/>, the columns in blocks of <paramref name="blockN"/>; inside
    /// a block, the i-k-j loops of ch10.loop-order. A block at an edge is smaller when a size is not a
    /// multiple of its block (m = 67 with blockM = 16 ends with a block of 3 rows). Block sizes are ≥ 1.
    /// <para>Hint 1 (nudge): three outer loops step from block corner to block corner, and three inner loops run over one block; each inner loop must stop at the edge of the matrix, not only at the edge of the block.</para>
    /// <para>Hint 2 (formula): for i0 in 0, blockM, …; p0 in 0, blockK, …; j0 in 0, blockN, …: for i in [i0, min(i0 + blockM, m)), p in [p0, min(p0 + blockK, k)), j in [j0, min(j0 + blockN, n)): C[i, j] += A[i, p]·B[p, j].</para>
    /// <para>Hint 3 (code): Array.Clear(c); for (int i0 = 0; i0 &lt; m; i0 += blockM) for (int p0 = 0; p0 &lt; k; p0 += blockK) for (int j0 = 0; j0 &lt; n; j0 += blockN) { int i1 = Math.Min(i0 + blockM, m), p1 = Math.Min(p0 + blockK, k), j1 = Math.Min(j0 + blockN, n); for i in [i0, i1) for p in [p0, p1) for j in [j0, j1) c[i * n + j] += a[i * k + p] * b[p * n + j]; }</para>
    /// </summary>
    public static void Blocked(float[] a, float[] b, float[] c, int m, int n, int k, int blockM, int blockK, int blockN)
    {
        // BEGIN SOLUTION ch10.blocked
        Array.Clear(c, 0, m * n);
        for (int i0 = 0; i0 < m; i0 += blockM)
            for (int p0 = 0; p0 < k; p0 += blockK)
                for (int j0 = 0; j0 < n; j0 += blockN)
                {
                    int i1 = Math.Min(i0 + blockM, m), p1 = Math.Min(p0 + blockK, k), j1 = Math.Min(j0 + blockN, n);
                    for (int i = i0; i < i1; i++)
                        for (int p = p0; p < p1; p++)
                        {
                            float aip = a[i * k + p];
                            for (int j = j0; j < j1; j++) c[i * n + j] += aip * b[p * n + j];
                        }
                }
        // END SOLUTION
    }
}
