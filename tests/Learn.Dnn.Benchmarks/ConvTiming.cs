using System.Diagnostics;
using Learn.Dnn.Devices;
using Learn.Dnn.Layers;
using Learn.Dnn.Losses;
using Learn.Dnn.Models;

namespace Learn.Dnn.Benchmarks;

/// <summary>
/// One forward + backward of seed 003's CNN (Conv2D 32@3×3 → MaxPool → Conv2D 64@3×3 → MaxPool →
/// Conv2D 128@3×3 → Flatten → Dense 10 softmax) at batch 64, per device: measured, not asserted.
/// dotnet run -c Release --project tests/Learn.Dnn.Benchmarks -- conv-timing [reference] [cpu] [opencl]
/// (or conv-timing primitives: each convolution and pooling primitive of the three layers on the fast CPU device)
/// </summary>
public static class ConvTiming
{
    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "primitives") return Primitives();
        var devices = args.Length > 0 ? args : ["cpu", "reference"];
        foreach (var name in devices)
        {
            var device = Device.Parse(name);
            using var onDevice = Device.Use(device);
            var model = new Sequential(
            [
                new Input(28, 28, 1),
                new Conv2D(32, 3, activation: "relu", seed: 1), new MaxPooling2D(2),
                new Conv2D(64, 3, activation: "relu", seed: 2), new MaxPooling2D(2),
                new Conv2D(128, 3, activation: "relu", seed: 3),
                new Flatten(), new Dense(10, "softmax", seed: 4),
            ]);
            var x = new Rng(5).Uniform(new Shape(64, 28, 28, 1), 0f, 1f, device);
            var y = Tensor.FromArray(Enumerable.Range(0, 64).Select(i => (float)(i % 10)).ToArray(), new Shape(64), device);
            var loss = new SparseCategoricalCrossentropy();
            double Step()
            {
                var clock = Stopwatch.StartNew();
                using (StorageScope.Begin())
                {
                    foreach (var w in model.TrainableWeights) w.ZeroGrad();
                    var l = loss.Call(y, model.Call(x, training: true));
                    l.Backward();
                    _ = l.Item();   // wait for the device
                }
                return clock.Elapsed.TotalMilliseconds;
            }
            Step();   // warm-up: JIT, kernels, pools
            int repeats = name == "reference" ? 2 : 10;
            var times = Enumerable.Range(0, repeats).Select(_ => Step()).Order().ToArray();
            Console.WriteLine($"{device.Name,-12} forward+backward, batch 64: median {times[times.Length / 2],9:F1} ms (min {times[0]:F1}, {repeats} runs)");
        }
        return 0;
    }

    /// <summary>Each conv primitive of seed 003's three layers on the fast CPU device, batch 64.</summary>
    private static int Primitives()
    {
        var d = Device.Cpu;
        foreach (var (h, c, f) in new[] { (28, 1, 32), (13, 32, 64), (5, 64, 128) })
        {
            var w = Window2D.Create(64, h, h, c, 3, 3, 1, 1, Padding.Valid);
            Storage x = d.Allocate(w.InputSize), k = d.Allocate(w.WindowSize * f), y = d.Allocate(w.Positions * f);
            foreach (var (what, run) in new (string, Action)[] { ("forward", () => d.Conv2D(w, f, x, k, y)),
                     ("dx", () => d.Conv2DBackwardInput(w, f, y, k, x)), ("dK", () => d.Conv2DBackwardKernel(w, f, x, y, k)) })
            {
                run();
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < 5; i++) run();
                Console.WriteLine($"{h}x{h}x{c} -> {f}: {what} {clock.Elapsed.TotalMilliseconds / 5:F1} ms");
            }
            var pw = Window2D.Create(64, h - 2, h - 2, f, 2, 2, 2, 2, Padding.Valid);
            Storage py = d.Allocate(pw.Positions * f);
            var clock2 = Stopwatch.StartNew();
            for (int i = 0; i < 5; i++) { d.Pool2D(PoolOp.Max, pw, y, py); d.Pool2DBackward(PoolOp.Max, pw, y, py, y); }
            Console.WriteLine($"  maxpool fwd+bwd {clock2.Elapsed.TotalMilliseconds / 5:F1} ms");
        }
        return 0;
    }
}
