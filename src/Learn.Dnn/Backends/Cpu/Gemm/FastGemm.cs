namespace Learn.Dnn.Backends.Cpu;

// Rung 5: threads. The packed GEMM of rung 4 on every core. C is cut into as many strips as
// there are cores, along whichever of its dimensions has more micro-kernel tiles, and on tile
// boundaries so that no tile is split. Each strip is an independent packed GEMM: the threads
// write disjoint parts of C, so they need no locks, only a join at the end. Products too small
// to repay waking a second thread (below SerialFlops) stay on the calling thread.

/// <summary>The engine's GEMM: packed, register-blocked, and spread over the cores.</summary>
[Chapter(10)]
public static unsafe class FastGemm
{
    /// <summary>Products with fewer flops (2·m·n·k) than this run on one thread.</summary>
    internal const long SerialFlops = 1_000_000;

    /// <inheritdoc cref="GemmKernel"/>
    public static void Gemm(bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c)
    {
        GemmArguments.Validate(transposeA, transposeB, m, n, k, a.Length, b.Length, c.Length);
        GemmArguments.ScaleC(beta, c);
        if (m == 0 || n == 0 || k == 0 || alpha == 0f) return;
        var packed = PackedGemm.Default;
        int threads = 2L * m * n * k < SerialFlops ? 1 : Environment.ProcessorCount;
        fixed (float* pa = a, pb = b, pc = c)
        {
            if (threads == 1)
            {
                packed.AddProduct(transposeA, transposeB, m, n, k, alpha, pa, pb, pc, 0, m, 0, n);
                return;
            }
            var strips = new Strips(m, n, packed.RowsPerTile, packed.ColumnsPerTile, threads);
            nint a0 = (nint)pa, b0 = (nint)pb, c0 = (nint)pc;
            Parallel.For(0, strips.Count, s =>
            {
                var (rowStart, rowEnd, colStart, colEnd) = strips[s];
                packed.AddProduct(transposeA, transposeB, m, n, k, alpha, (float*)a0, (float*)b0, (float*)c0,
                    rowStart, rowEnd, colStart, colEnd);
            });
        }
    }

    /// <summary>
    /// C [m, n] cut into at most <c>parts</c> strips of whole tiles (MR×NR), along the
    /// dimension with more tiles: by columns for [64, 784], by rows for [784, 10].
    /// </summary>
    internal readonly struct Strips
    {
        readonly int m, n, tileSize, tiles, parts;
        readonly bool byColumns;

        public Strips(int m, int n, int mr, int nr, int parts)
        {
            this.m = m; this.n = n;
            int rowTiles = (m + mr - 1) / mr, columnTiles = (n + nr - 1) / nr;
            byColumns = columnTiles >= rowTiles;
            tiles = byColumns ? columnTiles : rowTiles;
            tileSize = byColumns ? nr : mr;
            this.parts = Math.Min(parts, tiles);
        }

        public int Count => parts;

        /// <summary>Strip s: rows [rowStart, rowEnd) × columns [colStart, colEnd) of C.</summary>
        public (int RowStart, int RowEnd, int ColStart, int ColEnd) this[int s]
        {
            get
            {
                int extent = byColumns ? n : m;
                int start = Math.Min(extent, tiles * s / parts * tileSize);
                int end = Math.Min(extent, tiles * (s + 1) / parts * tileSize);
                return byColumns ? (0, m, start, end) : (start, end, 0, n);
            }
        }
    }
}
