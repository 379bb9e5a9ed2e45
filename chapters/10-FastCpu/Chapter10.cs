using System.Diagnostics;
using System.Globalization;
using Learn.Dnn.Charts;
using Learn.Dnn.Data;
using Learn.Dnn.Devices;
using Learn.Dnn.Devices.Cpu;
using Learn.Dnn.Devices.Reference;
using Learn.Dnn.Harness;
using Learn.Dnn.Layers;
using Learn.Dnn.Losses;

namespace Learn.Dnn.Chapters;

/// <summary>
/// Chapter 10, fast on the CPU. First the roofs of this machine (its FMA peak and its memory
/// bandwidth), then the GEMM ladder climbed rung by rung towards the first roof, then a training
/// step before and after storage reuse: its time, and the managed memory it allocates.
/// Timings are whatever this machine gives today; the program asserts none of them (the chapter's
/// test checks only what does not depend on the clock: the rungs agree, the scope frees the step).
/// </summary>
public static class Chapter10
{
    public static void Run(ChapterRun run)
    {
        run.Section("The roofs: this machine's FMA peak and memory bandwidth");
        var (peak, bandwidth) = Roofs(run);

        run.Section("The GEMM ladder: naive → loop order → blocking → SIMD → packing → threads");
        CheckLadder(run);
        var ladder = ClimbLadder(run);
        SaveLadderFigure(run, ladder, peak);
        SaveRoofline(run, ladder, peak, bandwidth);

        run.Section("A training step before and after storage reuse (MLP 784-300-100-10, batch 64)");
        TrainingSteps(run);
    }

    private static string F(double x, string format = "0.0") => x.ToString(format, CultureInfo.InvariantCulture);

    private static (double Peak, double Bandwidth) Roofs(ChapterRun run)
    {
        run.Say($"{Environment.ProcessorCount} cores, {MachinePeak.VectorLanes}-lane float vectors " +
                $"(Vector512 accelerated: {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}; Vector<float> has {System.Numerics.Vector<float>.Count} lanes)");
        double peak = MachinePeak.FmaGflops(iterations: run.Choose(quick: 1_000_000L, full: 20_000_000L), rounds: run.Choose(quick: 3, full: 7));
        double bandwidth = MachinePeak.CopyGBps(floats: run.Choose(quick: 4 << 20, full: 32 << 20), rounds: run.Choose(quick: 3, full: 10));
        run.Report("fma peak gflops", peak);
        run.Report("copy bandwidth gb/s", bandwidth);
        run.Say($"ridge point: {F(peak / bandwidth, "0.#")} flop/byte; code that does less arithmetic per byte of memory traffic waits for memory");
        run.Say("(a shared or busy machine measures less than its real peak: compare ratios from one run, not numbers from different days)");
        return (peak, bandwidth);
    }

    #region check-ladder
    /// <summary>
    /// Every rung on an awkward shape (no size a multiple of a tile, a block or a vector), with each
    /// transpose combination, against the naive definition. Sums in a different order round
    /// differently, so "agree" means within float32 rounding of a k-term sum: |ΔC| ≤ 1e-5·Σₚ|aᵢₚ·bₚⱼ|.
    /// </summary>
    private static void CheckLadder(ChapterRun run)
    {
        const int m = 67, n = 45, k = 83;
        var random = new Random((int)run.Seed);
        float[] a = RandomFloats(random, m * k), b = RandomFloats(random, k * n);
        double worst = 0;
        foreach (bool transposeA in new[] { false, true })
            foreach (bool transposeB in new[] { false, true })
            {
                float[] expected = new float[m * n], scale = new float[m * n];
                NaiveGemm.Gemm(transposeA, transposeB, m, n, k, 1f, a, b, 0f, expected);
                NaiveGemm.Gemm(transposeA, transposeB, m, n, k, 1f, Abs(a), Abs(b), 0f, scale);   // Σₚ|aᵢₚ·bₚⱼ|
                foreach (var (_, kernel) in GemmLadder.Steps)
                {
                    float[] c = new float[m * n];
                    c.AsSpan().Fill(float.NaN);                  // beta = 0 must overwrite, NaN included
                    kernel(transposeA, transposeB, m, n, k, 1f, a, b, 0f, c);
                    for (int i = 0; i < c.Length; i++)
                        worst = Math.Max(worst, double.IsNaN(c[i]) ? double.PositiveInfinity : Math.Abs(c[i] - expected[i]) / scale[i]);
                }
            }
        run.Say($"every rung against the naive GEMM on {m}×{n}×{k}, all four transpose combinations:");
        run.Report("gemm ladder max relative error", worst);
    }
    #endregion

    private static float[] RandomFloats(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1))];

    private static float[] Abs(float[] x) => [.. x.Select(Math.Abs)];

    /// <summary>GFLOP/s of each rung (rows) at each size n (columns); NaN where a rung would take too long.</summary>
    private sealed record Ladder(int[] Sizes, string[] Rungs, double[,] Gflops);

    private static Ladder ClimbLadder(ChapterRun run)
    {
        int[] sizes = run.Choose(quick: new[] { 64, 128, 256 }, full: new[] { 64, 128, 256, 512, 1024, 2048 });
        var steps = GemmLadder.Steps;
        var gflops = new double[steps.Count, sizes.Length];
        var random = new Random((int)run.Seed);
        var progress = run.Progress("ladder", sizes.Length);
        for (int s = 0; s < sizes.Length; s++)
        {
            int n = sizes[s];
            float[] a = RandomFloats(random, n * n), b = RandomFloats(random, n * n), c = new float[n * n];
            for (int rung = 0; rung < steps.Count; rung++)
            {
                if (TooSlow(rung, n)) { gflops[rung, s] = double.NaN; continue; }
                #region time-rung
                var kernel = steps[rung].Kernel;
                double seconds = Measure.BestSeconds(() => kernel(false, false, n, n, n, 1f, a, b, 0f, c),
                    warmUp: TimeSpan.FromMilliseconds(run.Choose(quick: 30, full: 250)),
                    minRun: TimeSpan.FromMilliseconds(run.Choose(quick: 2, full: 10)),
                    runs: run.Choose(quick: 3, full: 9));
                gflops[rung, s] = 2.0 * n * n * n / seconds / 1e9;   // a GEMM does n³ multiply-adds: 2n³ flops
                #endregion
            }
            progress.Update(s + 1);
        }

        run.Say("GFLOP/s (best of several runs after a warm-up; – : skipped, it would take minutes):");
        run.Say($"| rung | {string.Join(" | ", sizes.Select(n => $"n = {n}"))} |");
        run.Say($"|---|{string.Concat(sizes.Select(_ => "---:|"))}");
        for (int rung = 0; rung < steps.Count; rung++)
            run.Say($"| {steps[rung].Name} | {string.Join(" | ", sizes.Select((_, s) => double.IsNaN(gflops[rung, s]) ? "–" : F(gflops[rung, s])))} |");

        int last = sizes.Length - 1, fast = steps.Count - 1;
        run.Report($"fast gemm gflops n={sizes[last]}", gflops[fast, last]);
        int naiveLast = Array.FindLastIndex(sizes, n => !TooSlow(0, n));
        run.Report($"fast over naive n={sizes[naiveLast]}", gflops[fast, naiveLast] / gflops[0, naiveLast]);
        return new Ladder(sizes, [.. steps.Select(st => st.Name)], gflops);
    }

    /// <summary>The naive rung above n = 256 and the two scalar rungs above 1024 would each take minutes on a busy machine.</summary>
    private static bool TooSlow(int rung, int n) => (rung == 0 && n > 256) || (rung < 3 && n > 1024);

    private static void SaveLadderFigure(ChapterRun run, Ladder ladder, double peak)
    {
        var plot = Chart.Create("The GEMM ladder: C = A·B for n×n matrices", xLabel: "n", yLabel: "GFLOP/s (log scale)");
        plot.LogScaleX();
        plot.LogScaleY();
        for (int rung = 0; rung < ladder.Rungs.Length; rung++)
        {
            var points = ladder.Sizes.Select((n, s) => (N: (double)n, G: ladder.Gflops[rung, s])).Where(p => !double.IsNaN(p.G)).ToList();
            var line = plot.Line([.. points.Select(p => p.N)], [.. points.Select(p => p.G)], ladder.Rungs[rung]);
            line.MarkerSize = 7;
            line.Color = Chart.ColorOf(rung);
        }
        var roof = plot.Line([ladder.Sizes[0], ladder.Sizes[^1]], [peak, peak], $"FMA peak ({F(peak, "0")} GFLOP/s)", dashed: true);
        roof.Color = ScottPlot.Colors.Black;
        plot.ShowLegend(ScottPlot.Edge.Right);
        run.SaveFigure("gemm-ladder", plot, width: 900, height: 520);
    }

    #region roofline
    /// <summary>
    /// The roofline: attainable GFLOP/s = min(peak, intensity × bandwidth), where the arithmetic
    /// intensity of an n×n GEMM is 2n³ flops over at least 3n² floats moved = n/6 flop per byte.
    /// </summary>
    private static void SaveRoofline(ChapterRun run, Ladder ladder, double peak, double bandwidth)
    {
        var plot = Chart.Create("Roofline of this machine, with the GEMM ladder", xLabel: "arithmetic intensity (flop per byte)", yLabel: "GFLOP/s");
        plot.LogScaleX();
        plot.LogScaleY();
        double ridge = peak / bandwidth, low = 0.05, high = Math.Max(1000, ladder.Sizes[^1]);
        var roof = plot.Line([low, ridge, high], [low * bandwidth, peak, peak], $"roof: min({F(peak, "0")} GFLOP/s, {F(bandwidth, "0.#")} GB/s × intensity)");
        roof.Color = ScottPlot.Colors.Black;
        roof.LineWidth = 3;
        for (int rung = 0; rung < ladder.Rungs.Length; rung++)
        {
            var points = ladder.Sizes.Select((n, s) => (I: n / 6.0, G: ladder.Gflops[rung, s])).Where(p => !double.IsNaN(p.G)).ToList();
            var line = plot.Line([.. points.Select(p => p.I)], [.. points.Select(p => p.G)], ladder.Rungs[rung]);
            line.MarkerSize = 7;
            line.LineWidth = 1;
            line.Color = Chart.ColorOf(rung);
        }
        // An elementwise map (y = x + 1 on float32: 1 flop per 8 bytes moved) at its best: on the slanted roof, far left.
        var map = plot.Line([1 / 8.0], [bandwidth / 8], "y = x + 1 at best (1/8 flop per byte)");
        map.MarkerSize = 12;
        map.MarkerShape = ScottPlot.MarkerShape.FilledDiamond;
        map.Color = Chart.ColorOf(7);
        plot.ShowLegend(ScottPlot.Edge.Right);
        run.SaveFigure("roofline", plot, width: 980, height: 560);
    }
    #endregion

    /// <summary>One configuration of the training-step experiment: its time and its managed allocation per step.</summary>
    private sealed record StepResult(string Device, bool Scoped, double Milliseconds, double BytesPerStep, float FinalLoss, float[] Weights);

    private static void TrainingSteps(ChapterRun run)
    {
        int warmUp = run.Choose(quick: 2, full: 5), measured = run.Choose(quick: 3, full: 20);
        var results = new List<StepResult>();
        foreach (var device in new[] { Device.Reference, Device.Cpu })
            foreach (bool scoped in new[] { false, true })
                results.Add(MeasureSteps(run, device, scoped, warmUp, measured));

        run.Say($"{warmUp} warm-up steps, then {measured} measured steps (time: the fastest step; memory: the mean per step)");
        run.Say("| device | storage scope | ms per step | managed KiB per step |");
        run.Say("|---|---|---:|---:|");
        foreach (var r in results)
            run.Say($"| {r.Device} | {(r.Scoped ? "yes" : "no")} | {F(r.Milliseconds, "0.00")} | {F(r.BytesPerStep / 1024, "0.0")} |");

        foreach (var r in results)
        {
            string name = $"{r.Device} {(r.Scoped ? "scoped" : "unscoped")}";
            run.Report($"step bytes {name}", r.BytesPerStep);
            run.Report($"step ms {name}", r.Milliseconds);
        }
        // Same seeds, same data, the same number of steps: every configuration should end at the same loss.
        var baseline = results[0].FinalLoss;
        run.Report("final loss", baseline);
        run.Report("max loss difference across devices and scopes",
            results.Max(r => Math.Abs(r.FinalLoss - baseline) / Math.Max(1e-6, Math.Abs(baseline))));
        run.Report("max weight difference across devices and scopes",
            results.Max(r => r.Weights.Zip(results[0].Weights, (w, w0) => Math.Abs(w - w0)).Max()));
        run.Say("The reference device has no pool: its scope releases storages, but a released array goes to the garbage collector.");
        run.Say("The fast CPU device's pool (HostPool) hands each released array to the next request of the same length.");
    }

    private static StepResult MeasureSteps(ChapterRun run, IDevice device, bool scoped, int warmUp, int measured)
    {
        using var _ = Device.Use(device);                     // the model, the data and every intermediate live here
        var (model, x, y) = Mlp(run.Seed, batch: 64);
        var loss = new CategoricalCrossentropy(fromLogits: true);
        float last = 0;
        for (int i = 0; i < warmUp; i++) last = Step(model, loss, x, y, scoped);
        double best = double.MaxValue;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < measured; i++)
        {
            long start = Stopwatch.GetTimestamp();
            last = Step(model, loss, x, y, scoped);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        double bytes = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / measured;
        float[] weights = [.. model.SelectMany(layer => layer.TrainableWeights).SelectMany(w => w.ToArray())];
        return new StepResult(device.Name, scoped, best, bytes, last, weights);
    }

    private static (Dense[] Model, Tensor X, Tensor Y) Mlp(ulong seed, int batch)
    {
        Dense[] model = [new Dense(300, "relu", seed: seed), new Dense(100, "relu", seed: seed + 1), new Dense(10, seed: seed + 2)];
        var x = new Rng(seed + 3).Uniform(new Shape(batch, 784));                               // random "images"
        var labels = Enumerable.Range(0, batch).Select(i => (float)(i % 10)).ToArray();
        var y = Categorical.ToCategorical(Tensor.FromArray(labels, batch), classes: 10);       // [batch, 10]
        return (model, x, y);
    }

    #region step
    /// <summary>
    /// One SGD step. Inside a scope, every storage the step creates (activations, the loss, every
    /// gradient) belongs to the scope and goes back to the device when it ends; the weights were made
    /// outside it (Dense builds them under StorageScope.Suspend), so they survive. The loss is read
    /// with Item() before the scope ends: after it, its storage is released and reading it throws.
    /// </summary>
    private static float Step(Dense[] model, Loss loss, Tensor x, Tensor y, bool scoped)
    {
        using var scope = scoped ? StorageScope.Begin() : null;
        var h = x;
        foreach (var layer in model) h = layer.Call(h, training: true);
        var value = loss.Call(y, h);
        value.Backward();
        foreach (var layer in model)
            foreach (var w in layer.TrainableWeights) { w.GradientDescentStep(0.01f); w.ZeroGrad(); }
        return value.Item();
    }
    #endregion
}
