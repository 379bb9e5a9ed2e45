using System.Diagnostics;
using Learn.Dnn.Devices.OpenCL;

namespace Learn.Dnn.Benchmarks;

/// <summary>
/// `opencl-gemm-table [--quick]`: the OpenCL GEMM kernels timed with a Stopwatch (one warm-up call,
/// then the best of several runs, each call ending with clFinish; uploads are not timed), printed as
/// a markdown table of GFLOP/s, size × kernel. Quicker than BenchmarkDotNet.
/// </summary>
public static class OpenClGemmTable
{
    public static int Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        OpenClDevice device;
        try { device = (OpenClDevice)OpenClDevice.Create(Environment.GetEnvironmentVariable("LEARN_DNN_OPENCL_DEVICE")); }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        var kernels = Enum.GetValues<OpenClGemmKernel>();
        Console.WriteLine($"OpenCL GEMM on {device.Info.Name} ({device.Info.PlatformName}), GFLOP/s = 2n³ / time");
        Console.WriteLine($"| n | {string.Join(" | ", kernels)} |");
        Console.WriteLine($"|---:|{string.Concat(kernels.Select(_ => "---:|"))}");
        foreach (int n in new[] { 128, 256, 512, 1024, 2048 })
        {
            var cells = kernels.Select(k => TooSlow(k, n) ? "–" : $"{Measure(device, k, n, quick):F1}");
            Console.WriteLine($"| {n} | {string.Join(" | ", cells)} |");
        }
        return 0;
    }

    /// <summary>The naive kernel at n = 2048 takes most of a minute per call on a CPU device: skipped.</summary>
    private static bool TooSlow(OpenClGemmKernel kernel, int n) => kernel == OpenClGemmKernel.Naive && n >= 2048;

    /// <summary>GFLOP/s of the best of 5 runs (3 quick), each repeating the call until it lasts ≥ 20 ms.</summary>
    public static double Measure(OpenClDevice device, OpenClGemmKernel kernel, int n, bool quick)
    {
        using var a = device.Upload(RandomMatrix(n, 1));
        using var b = device.Upload(RandomMatrix(n, 2));
        using var c = device.Allocate(n * n);
        void Once()
        {
            device.Gemm(kernel, false, false, n, n, n, 1f, a, b, 0f, c);
            device.Finish();
        }

        Once();   // build and specialise the kernel
        var watch = Stopwatch.StartNew();
        Once();
        int repeats = Math.Max(1, (int)(0.02 / Math.Max(watch.Elapsed.TotalSeconds, 1e-6)));
        double best = double.MaxValue;
        for (int run = 0; run < (quick ? 3 : 5); run++)
        {
            watch.Restart();
            for (int r = 0; r < repeats; r++) Once();
            best = Math.Min(best, watch.Elapsed.TotalSeconds / repeats);
        }
        return 2.0 * n * n * n / best / 1e9;
    }

    /// <summary>An n × n matrix of U(−1, 1) numbers from the counter-based stream.</summary>
    public static float[] RandomMatrix(int n, int seed)
    {
        var values = new float[n * n];
        for (int i = 0; i < values.Length; i++) values[i] = CounterRandom.Uniform((ulong)seed, (ulong)i, -1f, 1f);
        return values;
    }
}
