using System.Diagnostics;
using Learn.Dnn.Devices;
using Learn.Dnn.Devices.Cpu;
using Learn.Dnn.Losses;

namespace Learn.Dnn.Benchmarks;

/// <summary>
/// One training step (forward, backward, optimizer) of each of chapter 7's seed CNNs (<see cref="CnnEpoch"/>)
/// at batch 64, per device: measured, not asserted. The first 20 steps, and at least 3 seconds, are a warm-up,
/// long enough for the JIT to replace its first, unoptimised code; then the median and the best of 20 steps.
/// dotnet run -c Release --project tests/Learn.Dnn.Benchmarks -- conv-timing [reference] [cpu] [opencl]
/// (or conv-timing primitives [001|003|lenet]: each convolution and pooling primitive of a net's layers on the fast CPU device)
/// </summary>
public static class ConvTiming
{
    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "primitives") return Primitives(args.Length > 1 ? args[1] : "003");
        var devices = args.Length > 0 ? args : ["cpu", "reference"];
        foreach (var name in devices)
            foreach (var net in new[] { "001", "003" })
            {
                var device = Device.Parse(name);
                using var onDevice = Device.Use(device);
                var model = CnnEpoch.Model(net);
                var optimizer = CnnEpoch.NewOptimizer(net);
                var x = new Rng(5).Uniform(new Shape(64, 28, 28, 1), 0f, 1f, device);
                var y = Tensor.FromArray(Enumerable.Range(0, 64).Select(i => (float)(i % 10)).ToArray(), new Shape(64), device);
                var loss = new SparseCategoricalCrossentropy();
                double Step()
                {
                    var clock = Stopwatch.StartNew();
                    using (StorageScope.Begin())
                    {
                        var l = loss.Call(y, model.Call(x, training: true));
                        l.Backward();
                        optimizer.Apply(model.TrainableWeights);
                        foreach (var w in model.TrainableWeights) w.ZeroGrad();
                        _ = l.Item();   // wait for the device
                    }
                    return clock.Elapsed.TotalMilliseconds;
                }
                bool slow = name == "reference";
                var warmUp = Stopwatch.StartNew();
                for (int i = 0; i < (slow ? 1 : 20) || (!slow && warmUp.Elapsed.TotalSeconds < 3); i++) Step();   // warm-up: JIT, kernels, pools
                int repeats = slow ? 2 : 20;
                var times = Enumerable.Range(0, repeats).Select(_ => Step()).Order().ToArray();
                Console.WriteLine($"{device.Name,-12} seed {net} training step, batch 64: median {times[times.Length / 2],7:F1} ms (min {times[0]:F1}, {repeats} runs)");
            }
        return 0;
    }

    /// <summary>
    /// Each conv primitive of a seed's layers on the fast CPU device, batch 64 for seed 003, 100 for seed 001:
    /// the im2col + GEMM path, the narrow path (CpuDevice.NarrowConvolution.cs; the device uses it for 1 to 8 filters,
    /// and it works for any multiple of 4 too) where it applies,
    /// and the GEMM alone on the same shape, so the rest (im2col, col2im) shows; then pooling. The best of
    /// 9 runs in ms, each path measured twice, alternately, so that a slow spell of the machine hits both.
    /// <code>conv-timing primitives [001|003|lenet]</code> (lenet: LeNet-5's two convolutions, 6 and 16 filters of 5×5, at batch 100, and its first with 8 filters)
    /// </summary>
    private static int Primitives(string net)
    {
        var d = CpuDevice.Instance;
        var (layers, size, batch) = net switch
        {
            "001" => (new[] { (28, 1, 4), (12, 4, 16) }, 5, CnnEpoch.BatchSize(net)),
            "lenet" => (new[] { (28, 1, 6), (28, 1, 8), (12, 6, 16) }, 5, 100),   // (28, 1, 8): what widening 6 filters to 8 costs
            _ => (new[] { (28, 1, 32), (13, 32, 64), (5, 64, 128) }, 3, CnnEpoch.BatchSize(net)),
        };
        foreach (var (h, c, f) in layers)
        {
            var w = Window2D.Create(batch, h, h, c, size, size, 1, 1, Padding.Valid);
            float[] x = new float[w.InputSize], k = new float[w.WindowSize * f], y = new float[w.Positions * f], cols = new float[w.Positions * w.WindowSize];
            for (int i = 0; i < x.Length; i++) x[i] = (i % 7) * 0.1f;
            for (int i = 0; i < y.Length; i++) y[i] = (i % 5) * 0.1f;
            int p = w.Positions, window = w.WindowSize;
            bool narrow = f <= 8 || f % 4 == 0, narrowDx = narrow && c % 4 == 0, used = CpuDevice.IsNarrow(f);
            Console.WriteLine($"{h}x{h}x{c} -> {f}, batch {batch} (ms; the device uses the {(used ? "narrow" : "im2col + GEMM")} path):");
            Row("forward", () => d.GemmConv2D(w, f, x, k, y), narrow ? () => d.WidenedConv2D(w, f, x, k, y) : null,
                () => FastGemm.Gemm(false, false, p, f, window, 1f, cols, k, 0f, y));
            Row("dx", () => d.GemmConv2DBackwardInput(w, f, y, k, x), narrowDx ? () => d.WidenedConv2DBackwardInput(w, f, y, k, x) : null,
                () => FastGemm.Gemm(false, true, p, window, f, 1f, y, k, 0f, cols));
            Row("dK", () => d.GemmConv2DBackwardKernel(w, f, x, y, k), narrow ? () => d.WidenedConv2DBackwardKernel(w, f, x, y, k) : null,
                () => FastGemm.Gemm(true, false, window, f, p, 1f, cols, y, 0f, k));
            var pw = Window2D.Create(batch, w.OutHeight, w.OutWidth, f, 2, 2, 2, 2, Padding.Valid);
            Storage ys = d.Allocate(w.Positions * f), py = d.Allocate(pw.Positions * f);
            Console.WriteLine($"  maxpool {pw.Height}x{pw.Width}x{f}: forward {Best(() => d.Pool2D(PoolOp.Max, pw, ys, py)),5:F2}"
                + $"  backward {Best(() => d.Pool2DBackward(PoolOp.Max, pw, ys, py, ys)),5:F2}");
        }
        return 0;
    }

    /// <summary>One primitive's paths, each measured twice, alternately; the best of each.</summary>
    private static void Row(string what, Action im2col, Action? narrow, Action gemmAlone)
    {
        double a = double.MaxValue, b = double.MaxValue, g = double.MaxValue;
        for (int round = 0; round < 2; round++)
        {
            a = Math.Min(a, Best(im2col));
            if (narrow is not null) b = Math.Min(b, Best(narrow));
            g = Math.Min(g, Best(gemmAlone));
        }
        Console.WriteLine($"  {what,-8} im2col+GEMM {a,6:F2}   narrow {(narrow is null ? "     -" : $"{b,6:F2}")}   (GEMM alone {g,5:F2})");
    }

    /// <summary>
    /// The best of 9 runs, in ms (the least disturbed by other processes), after half a second of warm-up:
    /// long enough for the JIT to replace its first, unoptimised code with its optimised tier.
    /// </summary>
    internal static double Best(Action run)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed.TotalSeconds < 0.5) run();
        double best = double.MaxValue;
        for (int i = 0; i < 9; i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }
        return best;
    }
}
