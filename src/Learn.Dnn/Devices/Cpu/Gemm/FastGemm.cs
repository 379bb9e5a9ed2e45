using Learn.Dnn.Devices.Reference;

namespace Learn.Dnn.Devices.Cpu;

// Rung 5: threads. The packed GEMM of rung 4 on every core. C is cut into as many strips as
// there are cores, along whichever of its dimensions has more micro-kernel tiles, and on tile
// boundaries so that no tile is split. Each strip is an independent packed GEMM: the threads
// write disjoint parts of C, so they need no locks, only a join at the end. The strips run on
// the dedicated threads of the WorkerPool: as fast as Parallel.For on large products, faster on
// most mid-sized MLP shapes in our runs, and free of allocations (tests/Learn.Dnn.Benchmarks/RESULTS.md).
// Products too small to repay waking a second thread (below SerialFlops) stay on the calling thread.

/// <summary>The engine's GEMM: packed, register-blocked, and spread over the cores.</summary>
[Chapter(10)]
public static unsafe class FastGemm
{
    /// <summary>Products with fewer flops (2·m·n·k) than this run on one thread.</summary>
    internal const long SerialFlops = 1_000_000;

    [ThreadStatic] static StripJob? job;

    /// <inheritdoc cref="GemmKernel"/>
    public static void Gemm(bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c)
        => Multiply(transposeA, transposeB, m, n, k, alpha, a, b, beta, c, useParallelFor: false);

    /// <summary>The same GEMM with its strips run by Parallel.For, to measure against the workers.</summary>
    internal static void GemmWithParallelFor(bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c)
        => Multiply(transposeA, transposeB, m, n, k, alpha, a, b, beta, c, useParallelFor: true);

    static void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c, bool useParallelFor)
    {
        GemmArguments.Validate(transposeA, transposeB, m, n, k, a.Length, b.Length, c.Length);
        bool overwrite = beta == 0f && k > 0 && alpha != 0f;   // β = 0: each tile of C is cleared just before its first use, in cache
        if (!overwrite) GemmArguments.ScaleC(beta, c);
        if (m == 0 || n == 0 || k == 0 || alpha == 0f) return;
        var packed = PackedGemm.Default;
        var workers = WorkerPool.Shared;
        #region strips
        fixed (float* pa = a, pb = b, pc = c)
        {
            var strips = new Strips(m, n, packed.RowsPerTile, packed.ColumnsPerTile, workers.Parts);
            var work = job ??= new StripJob();
            work.Set(packed, strips, transposeA, transposeB, m, n, k, alpha, pa, pb, pc, overwrite);
            if (2L * m * n * k < SerialFlops || strips.Count < 2)
                packed.AddProduct(transposeA, transposeB, m, n, k, alpha, pa, pb, pc, 0, m, 0, n, overwrite);
            else if (useParallelFor)
                Parallel.For(0, strips.Count, work.RunPart);
            else
            {
                packed.ReserveBuffers(m, n, k);          // before any strip is claimed
                if (!workers.TryRun(work))               // workers busy with another caller's product:
                    for (int s = 0; s < strips.Count; s++) work.RunPart(s);
            }
        }
        #endregion
    }

    /// <summary>One product cut into strips of C; strip s is an independent packed GEMM.</summary>
    sealed class StripJob : IParallelJob
    {
        PackedGemm packed = PackedGemm.Default;
        Strips strips;
        bool transposeA, transposeB, overwrite;
        int m, n, k;
        float alpha;
        float* a, b, c;

        public void Set(PackedGemm packed, Strips strips, bool transposeA, bool transposeB, int m, int n, int k,
            float alpha, float* a, float* b, float* c, bool overwrite)
        {
            (this.packed, this.strips, this.transposeA, this.transposeB, this.overwrite) = (packed, strips, transposeA, transposeB, overwrite);
            (this.m, this.n, this.k, this.alpha) = (m, n, k, alpha);
            this.a = a; this.b = b; this.c = c;
        }

        public void RunPart(int part)
        {
            if (part >= strips.Count) return;
            var (rowStart, rowEnd, colStart, colEnd) = strips[part];
            packed.AddProduct(transposeA, transposeB, m, n, k, alpha, a, b, c, rowStart, rowEnd, colStart, colEnd, overwrite);
        }
    }

    /// <summary>
    /// C [m, n] cut into at most <c>parts</c> strips of whole tiles (MR×NR), along the
    /// dimension with more tiles: by columns for [64, 784], by rows for [784, 10].
    /// </summary>
    readonly struct Strips
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
            this.parts = Math.Max(1, Math.Min(parts, tiles));
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
