using System.Diagnostics;
using Learn.Dnn.Chapters;
using Learn.Dnn.Devices.Cpu;

namespace Learn.Dnn.Benchmarks;

/// <summary>
/// `gemm-table [--quick] [--fast-only | --threading | --csv]`: times every rung of <see cref="GemmLadder"/> with a
/// Stopwatch (warm-up, then the best of several runs) and prints a markdown table of GFLOP/s,
/// shape × rung (--csv: FastGemm only, as CSV). Faster than BenchmarkDotNet; used by
/// compare-gemm.sh and for RESULTS.md.
/// </summary>
public static class GemmTable
{
    public static int Run(string[] args)
    {
        bool quick = args.Contains("--quick"), fastOnly = args.Contains("--fast-only") || args.Contains("--threading");
        var shapes = GemmShape.Squares(64, 128, 256, 512, 1024, 2048).Concat(GemmShape.Mlp()).ToList();
        var steps = GemmLadder.Steps.Select((s, rung) => (s.Name, s.Kernel, Rung: rung)).Where(s => !fastOnly || s.Rung == GemmLadder.Steps.Count - 1).ToList();
        if (args.Contains("--threading"))                                   // dedicated workers vs Parallel.For
            steps.Add(("threads via Parallel.For", FastGemm.GemmWithParallelFor, GemmLadder.Steps.Count));

        if (args.Contains("--csv"))                                         // for compare-gemm.sh
        {
            Console.WriteLine("name,m,n,k,transposeA,transposeB,gflops");
            foreach (var shape in shapes)
                Console.WriteLine($"{shape.Name},{shape.M},{shape.N},{shape.K},{shape.TransposeA},{shape.TransposeB},{Measure(FastGemm.Gemm, shape, quick):F1}");
            return 0;
        }

        Console.WriteLine($"| shape (m×n×k) | {string.Join(" | ", steps.Select(s => s.Name))} |");
        Console.WriteLine($"|---|{string.Concat(steps.Select(_ => "---:|"))}");
        foreach (var shape in shapes)
        {
            var cells = steps.Select(s => TooSlow(s.Rung, shape) ? "–" : $"{Measure(s.Kernel, shape, quick):F1}");
            Console.WriteLine($"| {shape.Name} ({shape.M}×{shape.N}×{shape.K}) | {string.Join(" | ", cells)} |");
        }
        return 0;
    }

    /// <summary>The naive, loop-order and blocked rungs would take minutes at n ≥ 1024.</summary>
    static bool TooSlow(int rung, GemmShape shape) => rung < 3 && shape.Flops > 2.0 * 512 * 512 * 512;

    /// <summary>
    /// GFLOP/s of the best of 15 runs (5 quick), each run repeating the call until it lasts ≥ 5 ms
    /// (2 ms quick). Short runs and the best of many keep the figure meaningful when other
    /// processes share the cores: some runs go through without being preempted.
    /// </summary>
    public static double Measure(GemmKernel kernel, GemmShape shape, bool quick)
    {
        var random = new Random(42);
        float[] a = shape.RandomA(random), b = shape.RandomB(random), c = new float[shape.M * shape.N];
        void Once() => kernel(shape.TransposeA, shape.TransposeB, shape.M, shape.N, shape.K, 1f, a, b, 0f, c);

        // Warm-up for ≥ 250 ms: .NET first runs methods unoptimized (tier 0) and recompiles them
        // after 30 calls and a 100 ms delay; timing before that measures the wrong code.
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < (quick ? 0.15 : 0.25)) Once();
        double minSeconds = quick ? 0.002 : 0.005;
        int repeats = 1;
        watch.Restart();
        Once();
        while (watch.Elapsed.TotalSeconds * repeats < minSeconds && repeats < 1 << 20) repeats *= 2;

        double best = double.MaxValue;
        for (int run = 0; run < (quick ? 5 : 15); run++)
        {
            watch.Restart();
            for (int r = 0; r < repeats; r++) Once();
            best = Math.Min(best, watch.Elapsed.TotalSeconds / repeats);
        }
        return shape.Flops / best / 1e9;
    }
}
