using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Learn.Dnn.Devices;
using Learn.Dnn.Devices.OpenCL;

namespace Learn.Dnn.Benchmarks;

/// <summary>
/// GEMM on the OpenCL backend, square n = 128 … 2048, for each kernel of Kernels/gemm.cl, with a
/// GFLOP/s column (2n³ / mean time). The matrices are uploaded once in the setup; each measured call
/// enqueues the kernel and waits for it (clFinish), so the time is the device's, without transfers.
/// Run: dotnet run -c Release --project tests/Learn.Dnn.Benchmarks -- --filter '*OpenClMatMul*'
/// (named MatMul so that the CPU suite's filter '*Gemm*' does not pick it up).
/// </summary>
[Config(typeof(Config))]
public class OpenClMatMulBenchmarks
{
    private OpenClDevice? device;
    private Storage? a, b, c;

    [Params(128, 256, 512, 1024, 2048)] public int N { get; set; }

    [ParamsAllValues] public OpenClGemmKernel Kernel { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        device = (OpenClDevice)OpenClDevice.Create(Environment.GetEnvironmentVariable("LEARN_DNN_OPENCL_DEVICE"));
        a = device.Upload(OpenClGemmTable.RandomMatrix(N, seed: 1));
        b = device.Upload(OpenClGemmTable.RandomMatrix(N, seed: 2));
        c = device.Allocate(N * N);
        MatMul();   // compile the kernel (POCL also specialises it) before measuring
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        a?.Dispose();
        b?.Dispose();
        c?.Dispose();
    }

    [Benchmark]
    public void MatMul()
    {
        device!.Gemm(Kernel, false, false, N, N, N, 1f, a!, b!, 0f, c!);
        device.Finish();
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new GflopsColumn());
            WithOptions(ConfigOptions.DisableOptimizationsValidator);
        }
    }

    /// <summary>GFLOP/s = 2·n³ / mean time of one call.</summary>
    private sealed class GflopsColumn : IColumn
    {
        public string Id => "OpenClGFLOPs";
        public string ColumnName => "GFLOP/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "2·n³ / mean time (billions of floating-point operations per second)";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            int n = (int)benchmarkCase.Parameters["N"];
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            return statistics is null ? "–" : $"{2.0 * n * n * n / (statistics.Mean / 1e9) / 1e9:F1}";
        }
    }
}
