using System.Globalization;
using Learn.Dnn.Devices;
using Learn.Dnn.Chapters;
using Learn.Dnn.Harness;
using Xunit.Abstractions;

namespace Learn.Dnn.OpenCL.Tests;

/// <summary>
/// Chapters 2–4 run in their quick mode on the CPU and on OpenCL, in-process, from the same seed:
/// every number they report (losses, accuracies, test errors, gradient ratios, predicted classes)
/// must agree. The tolerance is relative, 0.1%, with an absolute floor of 1e-3 for numbers near 0
/// (a gradient-check residue of 2e-6 on one device is 1e-6 on the other: rounding alone). On POCL
/// every trained number agrees to about six significant figures, so the margin is for GPUs, whose
/// fused multiply-adds round differently.
/// </summary>
public sealed class ChapterParityTests(ITestOutputHelper output)
{
    private const double Relative = 1e-3, Absolute = 1e-3;

    [SkippableFact]
    public void Chapter_2_reports_the_same_results_on_opencl() => AssertSameResults(2, Chapter02.Run);

    [SkippableFact]
    public void Chapter_3_reports_the_same_results_on_opencl() => AssertSameResults(3, Chapter03.Run);

    [SkippableFact]
    public void Chapter_4_reports_the_same_results_on_opencl() => AssertSameResults(4, Chapter04.Run);

    private void AssertSameResults(int chapter, Action<ChapterRun> program)
    {
        var openCl = TestDevices.Require();
        var cpu = QuickRun(chapter, program, Device.Cpu);
        var gpu = QuickRun(chapter, program, openCl);
        Assert.Equal(cpu.Keys.Order(), gpu.Keys.Order());
        foreach (var (name, expected) in cpu)
        {
            double actual = gpu[name];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: cpu {expected:G6}, opencl {actual:G6}"));
            Assert.True(Math.Abs(actual - expected) <= Absolute + Relative * Math.Abs(expected),
                $"Chapter {chapter}, \"{name}\": {actual:G6} on {openCl.Name} but {expected:G6} on the CPU (tolerance {Absolute} + {Relative}·|cpu|).");
        }
    }

    private static IReadOnlyDictionary<string, double> QuickRun(int chapter, Action<ChapterRun> program, IDevice device)
    {
        string directory = Path.Combine(Path.GetTempPath(), $"learn-dnn-parity-ch{chapter:00}-{Guid.NewGuid():N}");
        try
        {
            using var _ = Device.Use(device);
            var run = new ChapterRun(chapter, quick: true, outputDirectory: directory, device: device, output: new StringWriter());
            program(run);
            return run.Results;
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }
}
