namespace Learn.Dnn.Chapters.Tests;

public sealed class Chapter10Run() : QuickRun(10, Chapter10.Run);

/// <summary>
/// Chapter 10's quick mode. Its timings depend on the machine and on whoever else is using it, so
/// nothing here asserts on time: only on what every run must get right (the rungs agree with the
/// naive GEMM, the devices agree with each other, a scoped step allocates next to nothing).
/// </summary>
[Collection(Chapter10Collection.Name)]
public sealed class Chapter10Tests(Chapter10Run chapter) : IClassFixture<Chapter10Run>
{
    [Fact]
    public void Every_rung_of_the_ladder_agrees_with_the_naive_gemm()
    {
        // Different summation orders round differently; measured about 1e-7 of Σ|a·b|.
        double error = chapter.Result("gemm ladder max relative error");
        Assert.True(error < 1e-5, $"Every GEMM rung should match the naive product within 1e-5 of Σₚ|aᵢₚ·bₚⱼ|, the worst was {error:G3}.\n{chapter.Output}");
    }

    [Fact]
    public void A_scoped_step_on_the_fast_device_allocates_less_than_16_KiB()
    {
        double bytes = chapter.Result("step bytes cpu scoped");
        Assert.True(bytes < 16 * 1024, $"A steady training step inside a StorageScope on the fast CPU device should allocate < 16 KiB of managed memory, it allocated {bytes:N0} bytes.\n{chapter.Output}");
    }

    [Fact]
    public void Without_a_scope_or_a_pool_every_step_allocates_its_storages_again()
    {
        // One batch's activations alone are 64·(300 + 100 + 10)·4 bytes = 105 KB; the gradients double it.
        double activations = 64.0 * (300 + 100 + 10) * sizeof(float);
        foreach (string name in new[] { "cpu unscoped", "reference unscoped", "reference scoped" })
        {
            double bytes = chapter.Result($"step bytes {name}");
            Assert.True(bytes > activations, $"A step ({name}) should allocate at least one batch's activations ({activations:N0} bytes) afresh, it allocated {bytes:N0}.");
        }
    }

    [Fact]
    public void The_fast_device_and_the_scopes_change_no_result()
    {
        double difference = chapter.Result("max loss difference across devices and scopes");
        Assert.True(difference < 1e-4, $"The same steps from the same weights should end at the same loss on both devices, with and without scopes (relative difference < 1e-4), got {difference:G3}.\n{chapter.Output}");
        double weights = chapter.Result("max weight difference across devices and scopes");
        Assert.True(weights < 1e-5, $"After the same steps every weight should agree across devices and scopes within 1e-5, the largest difference was {weights:G3}.\n{chapter.Output}");
        Assert.True(double.IsFinite(chapter.Result("final loss")), "the loss should be finite.");
    }

    [Fact]
    public void The_machine_peak_and_bandwidth_are_measured()
    {
        Assert.True(chapter.Result("fma peak gflops") > 0, "the FMA peak should be a positive number of GFLOP/s.");
        Assert.True(chapter.Result("copy bandwidth gb/s") > 0, "the copy bandwidth should be a positive number of GB/s.");
    }

    [Fact]
    public void Figures_are_written_as_SVG() =>
        chapter.AssertFigures("gemm-ladder", "roofline");
}

/// <summary>
/// Chapter 10 counts the bytes a training step allocates. The CPU device's pool belongs to the whole process:
/// another chapter training beside it could take an array its step had returned, and the count would include
/// the neighbour's doing. This collection runs alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class Chapter10Collection
{
    public const string Name = "chapter 10 alone";
}
