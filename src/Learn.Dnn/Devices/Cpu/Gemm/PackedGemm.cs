using System.Runtime.CompilerServices;

using Learn.Dnn.Devices.Reference;

namespace Learn.Dnn.Devices.Cpu;

// Rung 4: packing and a register-blocked micro-kernel (the GotoBLAS / BLIS design).
// The SIMD rung loads and stores C for every FMA. Here a 12×32 tile of C stays in registers for
// kc steps (see MicroKernel12x32), and the operands come from packed copies laid out in reading
// order. Five loops around the micro-kernel choose what stays in which cache:
//
//   for jc in steps of NC            columns of C and op(B)     B̃ block kc×NC   → L3
//     for pc in steps of KC          terms of the sum
//       pack B̃ ← op(B)[pc:pc+kc, jc:jc+nc]
//       for ic in steps of MC        rows of C and op(A)        Ã block MC×kc   → L2
//         pack Ã ← op(A)[ic:ic+mc, pc:pc+kc]
//         for jr in steps of NR      one B̃ panel, kc×NR (64 KiB at kc = 512)  → L1/L2
//           for ir in steps of MR    one Ã panel, MR×kc, streamed from L2
//             C[ic+ir.., jc+jr..] += alpha · Ã panel · B̃ panel     (micro-kernel)
//
// Transposes are absorbed by the packing, and odd sizes by zero padding of the last panels.

/// <summary>Single-threaded packed GEMM with a register-blocked FMA micro-kernel.</summary>
[Chapter(10)]
public sealed unsafe class PackedGemm
{
    [ThreadStatic] static PackBuffer? packedA, packedB, edgeTile;

    readonly bool useVector512;
    readonly int blockM, blockK, blockN;

    /// <summary>The packed GEMM for this machine: Vector512 kernel when accelerated, else Vector256.</summary>
    public static PackedGemm Default { get; } = new(MicroKernel12x32.IsSupported);

    /// <summary>The Vector256 (AVX2) kernel even on an AVX-512 machine, to test and measure the fallback.</summary>
    internal static PackedGemm Vector256Kernel { get; } = new(useVector512: false);

    /// <param name="useVector512">true: the 12×32 Vector512 kernel; false: the 6×16 Vector256 kernel.</param>
    /// <param name="blockM">MC, rows of op(A) packed at once (rounded to MR); Ã = MC×KC floats (240 KiB) fits L2.</param>
    /// <param name="blockK">
    /// KC, terms per pass. 512 measured best on this machine (against 192–1024), although a
    /// 512×32 B̃ panel (64 KiB) overflows the 48 KiB L1: fewer passes over C, and fewer packing
    /// rounds, win, and L2 keeps up with the kernel's loads.
    /// </param>
    /// <param name="blockN">NC, columns of op(B) packed at once; B̃ = KC×NC floats fits L3.</param>
    internal PackedGemm(bool useVector512, int blockM = 120, int blockK = 512, int blockN = 4096)
    {
        this.useVector512 = useVector512;
        RowsPerTile = useVector512 ? MicroKernel12x32.MR : MicroKernel6x16.MR;
        ColumnsPerTile = useVector512 ? MicroKernel12x32.NR : MicroKernel6x16.NR;
        this.blockM = RoundUp(blockM, RowsPerTile);
        this.blockK = blockK;
        this.blockN = RoundUp(blockN, ColumnsPerTile);
    }

    /// <summary>MR, the micro-kernel's tile height.</summary>
    public int RowsPerTile { get; }

    /// <summary>NR, the micro-kernel's tile width.</summary>
    public int ColumnsPerTile { get; }

    /// <inheritdoc cref="GemmKernel"/>
    public static void Gemm(bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c)
        => Default.Multiply(transposeA, transposeB, m, n, k, alpha, a, b, beta, c);

    /// <inheritdoc cref="GemmKernel"/>
    public void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c)
    {
        GemmArguments.Validate(transposeA, transposeB, m, n, k, a.Length, b.Length, c.Length);
        GemmArguments.ScaleC(beta, c);
        if (m == 0 || n == 0 || k == 0 || alpha == 0f) return;
        fixed (float* pa = a, pb = b, pc = c)
            AddProduct(transposeA, transposeB, m, n, k, alpha, pa, pb, pc, 0, m, 0, n);
    }

    /// <summary>
    /// C[rowStart:rowEnd, colStart:colEnd] += alpha·op(A)·op(B) on that part of C only, so that
    /// threads can share one product (C: [m, n]; A, B as in <see cref="GemmKernel"/>); with
    /// <paramref name="overwrite"/>, = instead of += (β = 0), whatever C held.
    /// </summary>
    internal void AddProduct(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float* a, float* b, float* c, int rowStart, int rowEnd, int colStart, int colEnd, bool overwrite = false)
    {
        // A C narrower than one tile (a Dense layer with 10 units: n = 10 < NR = 32) would leave
        // most of every tile empty. Cᵀ = op(B)ᵀ·op(A)ᵀ is as wide as C is tall, so compute that
        // instead, and write each tile of Cᵀ into C transposed.
        if (n < ColumnsPerTile && m > n)
            AddTiles(!transposeB, !transposeA, n, m, k, alpha, b, a, c, ldc: n, transposeC: true, colStart, colEnd, rowStart, rowEnd, overwrite);
        else
            AddTiles(transposeA, transposeB, m, n, k, alpha, a, b, c, ldc: n, transposeC: false, rowStart, rowEnd, colStart, colEnd, overwrite);
    }

    /// <summary>
    /// The five loops: C[rowStart:rowEnd, colStart:colEnd] += alpha·op(A)·op(B), where C is
    /// stored with row stride <paramref name="ldc"/>, or transposed when <paramref name="transposeC"/>.
    /// With <paramref name="overwrite"/> (β = 0) each tile is cleared just before the first pass over
    /// k adds into it: no separate pass over all of C, and the tile is then in L1 for the kernel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]           // optimized from the first call, not after 30
    void AddTiles(bool transposeA, bool transposeB, int m, int n, int k, float alpha, float* a, float* b,
        float* c, int ldc, bool transposeC, int rowStart, int rowEnd, int colStart, int colEnd, bool overwrite)
    {
        int mr = RowsPerTile, nr = ColumnsPerTile;
        int lda = transposeA ? m : k, ldb = transposeB ? k : n;
        int kc = BalancedBlock(k, blockK);                    // 784 → 4 passes of 196, not 256+256+256+16
        Buffers(n, kc, out float* tile, out float* ap, out float* bp);

        #region five-loops
        for (int jc = colStart; jc < colEnd; jc += blockN)
        {
            int nc = Math.Min(blockN, colEnd - jc);
            for (int pc = 0; pc < k; pc += kc)
            {
                int kb = Math.Min(kc, k - pc);
                Packing.PackB(transposeB, b, ldb, pc, jc, kb, nc, nr, bp);
                for (int ic = rowStart; ic < rowEnd; ic += blockM)
                {
                    int mc = Math.Min(blockM, rowEnd - ic);
                    Packing.PackA(transposeA, a, lda, ic, pc, mc, kb, mr, ap);
                    for (int jr = 0; jr < nc; jr += nr)
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            int rows = Math.Min(mr, mc - ir), cols = Math.Min(nr, nc - jr);
                            float* aPanel = ap + ir * kb, bPanel = bp + jr * kb;
                            if (overwrite && pc == 0) ClearTile(c, ldc, transposeC, ic + ir, jc + jr, rows, cols);
                            if (!transposeC)
                                RunKernel(kb, aPanel, bPanel, c + (long)(ic + ir) * ldc + jc + jr, ldc, alpha, rows, cols, tile);
                            else
                            {
                                new Span<float>(tile, mr * nr).Clear();                 // tile ← alpha·Ã·B̃, then Cᵀ += tile
                                RunKernel(kb, aPanel, bPanel, tile, nr, alpha, mr, nr, tile);
                                AddTransposed(tile, nr, c + (long)(jc + jr) * ldc + ic + ir, ldc, rows, cols);
                            }
                        }
                }
            }
        }
        #endregion
    }

    /// <summary>
    /// This thread's scratch for a product of width <paramref name="n"/> in passes of <paramref name="kc"/> terms:
    /// the edge tile, Ã and B̃. B̃ is sized by the product, not by a strip, since any thread may run any strip.
    /// </summary>
    void Buffers(int n, int kc, out float* tile, out float* ap, out float* bp)
    {
        tile = (edgeTile ??= new()).Get(RowsPerTile * ColumnsPerTile);
        ap = (packedA ??= new()).Get(blockM * kc);
        bp = (packedB ??= new()).Get(Math.Min(blockN, RoundUp(n, ColumnsPerTile)) * kc);
    }

    /// <summary>
    /// Sizes the calling thread's buffers for an m×n×k product before it shares the product out. Strips are
    /// claimed, not assigned: without this, the first strip this thread happens to claim, perhaps steps later,
    /// would size them, and what a step allocates would depend on which thread ran which strip.
    /// </summary>
    internal void ReserveBuffers(int m, int n, int k)
    {
        if (n < ColumnsPerTile && m > n) n = m;              // AddProduct computes Cᵀ, [n, m], for a narrow C
        Buffers(n, BalancedBlock(k, blockK), out _, out _, out _);
    }

    void RunKernel(int kc, float* a, float* b, float* c, int ldc, float alpha, int rows, int cols, float* tile)
    {
        if (useVector512)
            MicroKernel12x32.Run(kc, a, b, c, ldc, alpha, rows, cols, tile);
        else
            MicroKernel6x16.Run(kc, a, b, c, ldc, alpha, rows, cols, tile);
    }

    /// <summary>Zeroes the rows × cols tile of C at (row, col) of the product being computed (of Cᵀ when <paramref name="transposeC"/>).</summary>
    static void ClearTile(float* c, int ldc, bool transposeC, int row, int col, int rows, int cols)
    {
        if (transposeC)
            for (int j = 0; j < cols; j++) new Span<float>(c + (long)(col + j) * ldc + row, rows).Clear();
        else
            for (int i = 0; i < rows; i++) new Span<float>(c + (long)(row + i) * ldc + col, cols).Clear();
    }

    /// <summary>c[j·ldc + i] += tile[i·tileStride + j]: a tile of Cᵀ added into C.</summary>
    static void AddTransposed(float* tile, int tileStride, float* c, int ldc, int rows, int cols)
    {
        for (int j = 0; j < cols; j++)
            for (int i = 0; i < rows; i++)
                c[(long)j * ldc + i] += tile[i * tileStride + j];
    }

    /// <summary>The block size ≤ <paramref name="limit"/> that cuts <paramref name="total"/> into equal passes.</summary>
    static int BalancedBlock(int total, int limit)
    {
        int passes = (total + limit - 1) / limit;
        return (total + passes - 1) / passes;
    }

    static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
