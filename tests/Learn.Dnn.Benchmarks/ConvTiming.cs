using System.Diagnostics;
using Learn.Dnn.Devices;
using Learn.Dnn.Losses;

namespace Learn.Dnn.Benchmarks;

/// <summary>
/// One training step (forward, backward, optimizer) of each of chapter 7's seed CNNs (<see cref="CnnEpoch"/>)
/// at batch 64, per device: measured, not asserted. The first 20 steps, and at least 3 seconds, are a warm-up,
/// long enough for the JIT to replace its first, unoptimised code; then the median and the best of 20 steps.
/// dotnet run -c Release --project tests/Learn.Dnn.Benchmarks -- conv-timing [reference] [cpu] [opencl]
/// (or conv-timing primitives: each convolution and pooling primitive of seed 003's layers on the fast CPU device)
/// </summary>
public static class ConvTiming
{
    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "primitives") return Primitives();
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
    /// Each conv primitive of seed 003's three layers on the fast CPU device, batch 64, and beside it the
    /// GEMM alone on the same shape, so the rest (im2col, col2im) shows: the best of 9 runs, in ms.
    /// </summary>
    private static int Primitives()
    {
        var d = Device.Cpu;
        foreach (var (h, c, f) in new[] { (28, 1, 32), (13, 32, 64), (5, 64, 128) })
        {
            var w = Window2D.Create(64, h, h, c, 3, 3, 1, 1, Padding.Valid);
            Storage x = d.Allocate(w.InputSize), k = d.Allocate(w.WindowSize * f), y = d.Allocate(w.Positions * f);
            Storage cols = d.Allocate(w.Positions * w.WindowSize);
            int p = w.Positions, size = w.WindowSize;
            Console.WriteLine($"{h}x{h}x{c} -> {f}:"
                + $" forward {Best(() => d.Conv2D(w, f, x, k, y)),5:F2} (GEMM {Best(() => d.Gemm(false, false, p, f, size, 1f, cols, k, 0f, y)),5:F2})"
                + $"  dx {Best(() => d.Conv2DBackwardInput(w, f, y, k, x)),5:F2} (GEMM {Best(() => d.Gemm(false, true, p, size, f, 1f, y, k, 0f, cols)),5:F2})"
                + $"  dK {Best(() => d.Conv2DBackwardKernel(w, f, x, y, k)),5:F2} (GEMM {Best(() => d.Gemm(true, false, size, f, p, 1f, cols, y, 0f, k)),5:F2})");
            var pw = Window2D.Create(64, h - 2, h - 2, f, 2, 2, 2, 2, Padding.Valid);
            Storage py = d.Allocate(pw.Positions * f);
            Console.WriteLine($"  maxpool {pw.Height}x{pw.Width}x{f}: forward {Best(() => d.Pool2D(PoolOp.Max, pw, y, py)),5:F2}"
                + $"  backward {Best(() => d.Pool2DBackward(PoolOp.Max, pw, y, py, y)),5:F2}");
        }
        return 0;
    }

    /// <summary>The best of 9 runs after a warm-up, in ms (the least disturbed by other processes).</summary>
    private static double Best(Action run)
    {
        run();
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
