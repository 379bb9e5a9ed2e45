using Learn.Dnn.Devices;
using Learn.Dnn.Devices.Cpu;
using Learn.Dnn.Devices.Reference;
using Learn.Dnn.Recurrent;

namespace Learn.Dnn.Benchmarks;

/// <summary>
/// Does each of IDevice's fused kernels pay for its method? Each one on the fast CPU device against the
/// composed form the generic primitives would give: convolution as a window primitive (im2col of the
/// whole batch) then one GEMM; max pooling as that window then a max Reduce; the LSTM and GRU cells as
/// chapter 8's composed step (FusedCell = false), forward and backward of a whole sequence. In ms, the
/// best of 9 runs after a warm-up, each form measured twice, alternately. Also the two ways of adding the
/// recurrent kernel's gradient: into Grad by GEMM's β, or into a temporary then Axpy.
/// <c>dotnet run -c Release --project tests/Learn.Dnn.Benchmarks -- fused-kernels [convolution] [recurrent] [accumulation]</c> (all three by default)
/// </summary>
internal static class FusedKernelTiming
{
    public static int Run(string[] args)
    {
        bool all = args.Length == 0;
        Console.WriteLine("| kernel | shape | fused (ms) | composed (ms) |");
        Console.WriteLine("|---|---|---:|---:|");
        if (all || args.Contains("convolution"))
            foreach (var (batch, h, c, f, k) in new[] { (100, 28, 1, 4, 5), (100, 12, 4, 8, 5), (100, 12, 4, 16, 5), (64, 28, 1, 32, 3), (64, 13, 32, 64, 3), (64, 5, 64, 128, 3) })
                ConvolutionAndPooling(batch, h, c, f, k);
        if (all || args.Contains("recurrent"))
            foreach (string cell in new[] { "LSTM", "GRU" })
                Row($"{cell}Cell + {cell}CellBackward", $"{cell}(128), [64, 28, 28], forward + backward",
                    RecurrentStep(cell, fused: true), RecurrentStep(cell, fused: false));
        if (all || args.Contains("accumulation"))
        {
            Accumulation(128, 4 * 128, 64 * 28);
            Accumulation(128, 3 * 128, 64 * 28);
        }
        return 0;
    }

    /// <summary>A k×k convolution of c channels into f filters at stride 1, then a 2×2 max pooling of its output.</summary>
    private static void ConvolutionAndPooling(int batch, int h, int c, int f, int k)
    {
        var d = CpuDevice.Instance;
        var w = Window2D.Create(batch, h, h, c, k, k, 1, 1, Padding.Valid);
        float[] x = Filled(w.InputSize), kernel = Filled(w.WindowSize * f), y = Filled(w.Positions * f), cols = new float[w.Positions * w.WindowSize];
        Storage xs = Host(x), ks = Host(kernel), ys = Host(y), colsStorage = Host(cols);
        int p = w.Positions, window = w.WindowSize;
        string shape = $"{h}×{h}×{c} → {f}, {k}×{k}, batch {batch}";
        Row("Conv2D", shape, () => d.Conv2D(w, f, xs, ks, ys), () =>
        {
            CpuDevice.Im2Col(w, x, 0, batch, cols);
            d.Gemm(false, false, p, f, window, 1f, colsStorage, ks, 0f, ys);
        });
        Row("Conv2DBackwardInput", shape, () => d.Conv2DBackwardInput(w, f, ys, ks, xs), () =>
        {
            d.Gemm(false, true, p, window, f, 1f, ys, ks, 0f, colsStorage);
            CpuDevice.Col2Im(w, cols, 0, batch, x);
        });
        Row("Conv2DBackwardKernel", shape, () => d.Conv2DBackwardKernel(w, f, xs, ys, ks), () =>
        {
            CpuDevice.Im2Col(w, x, 0, batch, cols);
            d.Gemm(true, false, window, f, p, 1f, colsStorage, ys, 0f, ks);
        });
        var pool = Window2D.Create(batch, w.OutHeight, w.OutWidth, f, 2, 2, 2, 2, Padding.Valid);
        float[] pooled = new float[pool.Positions * f], poolCols = new float[pool.Positions * pool.WindowSize];
        Storage pooledStorage = Host(pooled), poolColsStorage = Host(poolCols);
        Row("Pool2D (max)", $"{w.OutHeight}×{w.OutWidth}×{f}, 2×2, batch {batch}", () => d.Pool2D(PoolOp.Max, pool, ys, pooledStorage), () =>
        {
            CpuDevice.Im2Col(pool, y, 0, batch, poolCols);   // [positions, 2·2·f] viewed as [positions, 4, f]
            d.Reduce(ReduceOp.Max, poolColsStorage, pool.Positions, pool.WindowHeight * pool.WindowWidth, f, pooledStorage);
        });
    }

    private static float[] Filled(int length) => Enumerable.Range(0, length).Select(i => (i % 7) * 0.1f - 0.3f).ToArray();

    private static Storage Host(float[] data) => new HostStorage(data, CpuDevice.Instance);

    /// <summary>Both forms measured twice, alternately, so that a slow spell of the machine hits both; the best of each.</summary>
    private static void Row(string kernel, string shape, Action fused, Action composed)
    {
        double a = double.MaxValue, b = double.MaxValue;
        for (int round = 0; round < 2; round++)
        {
            a = Math.Min(a, ConvTiming.Best(fused));
            b = Math.Min(b, ConvTiming.Best(composed));
        }
        Console.WriteLine($"| {kernel} | {shape} | {a:F2} | {b:F2} |");
    }

    /// <summary>One forward and backward of LSTM(128) or GRU(128) on [64, 28, 28], fused or composed.</summary>
    private static Action RecurrentStep(string cell, bool fused)
    {
        RecurrentLayer layer;
        using (Device.Use(Device.Cpu)) layer = cell == "LSTM" ? new LSTM(128, seed: 1) : new GRU(128, seed: 1);
        layer.FusedCell = fused;
        var x = new Rng(2).Uniform(new Shape(64, 28, 28), 0f, 1f, Device.Cpu);
        return () =>
        {
            using var _ = Device.Use(Device.Cpu);
            using var scope = StorageScope.Begin();
            foreach (var weight in layer.TrainableWeights) weight.ZeroGrad();
            layer.Call(x).Square().Sum().Backward();
        };
    }

    /// <summary>∂L/∂U += H₋ᵀ·dR when Grad already holds a sum: GEMM with β = 1, against a GEMM into a temporary and an Axpy.</summary>
    private static void Accumulation(int u, int width, int rows)
    {
        var d = CpuDevice.Instance;
        Storage previous = Host(Filled(rows * u)), dR = Host(Filled(rows * width)), grad = Host(new float[u * width]);
        double beta = double.MaxValue, temporary = double.MaxValue;
        for (int round = 0; round < 2; round++)
        {
            beta = Math.Min(beta, ConvTiming.Best(() => d.Gemm(true, false, u, width, rows, 1f, previous, dR, 1f, grad)));
            temporary = Math.Min(temporary, ConvTiming.Best(() =>
            {
                var dU = d.AllocateUninitialized(u * width);
                d.Gemm(true, false, u, width, rows, 1f, previous, dR, 0f, dU);
                d.Axpy(1f, dU, grad);
                dU.Dispose();
            }));
        }
        Console.WriteLine($"| ∂L/∂U += H₋ᵀ·dR | [{u}, {rows}]·[{rows}, {width}] | β = 1: {beta:F3} | temporary + Axpy: {temporary:F3} |");
    }
}
