using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Learn.Dnn.Chapters;
using Learn.Dnn.Devices.Cpu;

namespace Learn.Dnn.Benchmarks;

/// <summary>
/// BenchmarkDotNet suite: every rung of the GEMM ladder on square sizes and on the MNIST MLP
/// step shapes, with a GFLOP/s column (2·m·n·k / mean time).
/// Run: dotnet run -c Release --project tests/Learn.Dnn.Benchmarks -- --filter '*Gemm*'
/// </summary>
[Config(typeof(GflopsConfig))]
public class GemmBenchmarks
{
    float[] a = [], b = [], c = [];
    GemmKernel kernel = FastGemm.Gemm;

    public IEnumerable<GemmShape> Shapes =>
        GemmShape.Squares(64, 128, 256, 512, 1024, 2048).Concat(GemmShape.Mlp());

    public IEnumerable<string> Rungs => GemmLadder.Steps.Select(s => s.Name);

    [ParamsSource(nameof(Shapes))] public GemmShape Shape { get; set; } = GemmShape.Square(64);
    [ParamsSource(nameof(Rungs))] public string Rung { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        a = Shape.RandomA(random);
        b = Shape.RandomB(random);
        c = new float[Shape.M * Shape.N];
        kernel = GemmLadder.Steps.Single(s => s.Name == Rung).Kernel;
    }

    [Benchmark]
    public void Gemm()
    {
        // The slow rungs at n ≥ 1024 would take minutes per iteration: measure nothing there.
        if (IsSkipped(Rung, Shape)) return;
        kernel(Shape.TransposeA, Shape.TransposeB, Shape.M, Shape.N, Shape.K, 1f, a, b, 0f, c);
    }

    internal static bool IsSkipped(string rung, GemmShape shape) =>
        GemmLadder.Steps.Select(s => s.Name).ToList().IndexOf(rung) < 3 && shape.Flops > 2.0 * 512 * 512 * 512;

    sealed class GflopsConfig : ManualConfig
    {
        public GflopsConfig()
        {
            AddColumn(new GflopsColumn());
            WithOptions(ConfigOptions.DisableOptimizationsValidator);
        }
    }

    /// <summary>GFLOP/s = 2·m·n·k / mean time of one call.</summary>
    sealed class GflopsColumn : IColumn
    {
        public string Id => "GFLOPs";
        public string ColumnName => "GFLOP/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "2·m·n·k / mean time (billions of floating-point operations per second)";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var shape = (GemmShape)benchmarkCase.Parameters["Shape"];
            var rung = (string)benchmarkCase.Parameters["Rung"];
            var report = summary[benchmarkCase];
            if (IsSkipped(rung, shape) || report?.ResultStatistics is null) return "–";
            double seconds = report.ResultStatistics.Mean / 1e9;
            return (shape.Flops / seconds / 1e9).ToString("F1");
        }
    }
}
