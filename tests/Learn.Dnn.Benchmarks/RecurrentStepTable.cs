using System.Diagnostics;
using Learn.Dnn.Devices;
using Learn.Dnn.Recurrent;

namespace Learn.Dnn.Benchmarks;

/// <summary>
/// One forward and backward (BPTT) of LSTM(128) and GRU(128) on a batch of 64 MNIST digits read as
/// 28 rows of 28 pixels, on each CPU device: the median of a few timed runs after a warm-up.
/// <c>dotnet run -c Release --project tests/Learn.Dnn.Benchmarks -- recurrent-step [--quick]</c>
/// </summary>
internal static class RecurrentStepTable
{
    public static int Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        int repeats = quick ? 2 : 5;
        Console.WriteLine("| layer | device | forward + backward, batch 64, [64, 28, 28] |");
        Console.WriteLine("|---|---|---:|");
        foreach (string cell in new[] { "LSTM", "GRU" })
            foreach (var device in new[] { Device.Cpu, Device.Reference })
            {
                double ms = Median(device, cell, repeats);
                Console.WriteLine($"| {cell}(128) | {device.Name} | {ms:F1} ms |");
            }
        return 0;
    }

    private static double Median(IDevice device, string cell, int repeats)
    {
        using var _ = Device.Use(device);
        RecurrentLayer layer = cell == "LSTM" ? new LSTM(128, seed: 1) : new GRU(128, seed: 1);
        var x = new Rng(2).Uniform(new Shape(64, 28, 28), 0f, 1f, device);
        var times = new List<double>();
        for (int i = 0; i <= repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            using (StorageScope.Begin())
            {
                foreach (var w in layer.TrainableWeights) w.ZeroGrad();
                layer.Call(x).Square().Sum().Backward();
                layer.TrainableWeights[0].Grad!.ToArray();   // wait for the result
            }
            if (i > 0) times.Add(clock.Elapsed.TotalMilliseconds);   // the first run builds and warms up
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
