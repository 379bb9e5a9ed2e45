using Learn.Dnn.Devices.OpenCL.Native;
using Xunit.Abstractions;

namespace Learn.Dnn.OpenCL.Tests;

/// <summary>
/// Device memory is not leaked: tensors are never disposed by the engine's operations, so their
/// buffers must come back when the collector finalizes them. Measured: the process's resident
/// memory (VmRSS), the live <see cref="OpenClStorage"/> count and the live cl_mem count.
/// </summary>
[Collection("resource counts")]
public class ResourceSafetyTests(ITestOutputHelper output)
{
    private static long ResidentBytes()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:"));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;   // "VmRSS:  123456 kB"
    }

    private static void CollectEverything()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();   // storages' and buffers' finalizers hand the memory back
        }
    }

    private (long Rss, long Storages, long Buffers) Measure(string when)
    {
        CollectEverything();
        var figures = (ResidentBytes(), OpenClStorage.LiveCount, BufferPool.LiveBuffers);
        output.WriteLine($"{when}: RSS {figures.Item1 / (1 << 20)} MiB, live storages {figures.Item2}, live cl_mem buffers {figures.Item3}");
        return figures;
    }

    [SkippableFact]
    public void Ten_thousand_xor_training_steps_on_opencl_do_not_grow_memory_or_buffers()
    {
        Skip.IfNot(File.Exists("/proc/self/status"), "VmRSS is read from /proc (Linux).");
        var cl = TestDevices.Require();
        var net = new TrainingParityTests.XorNet(cl, seed: 3);
        Train(net, 500);   // warm-up: JIT, kernel builds, the pool filled with the step's buffer sizes
        var before = Measure("after 500 warm-up steps");
        Train(net, 5_000);
        var middle = Measure("after 5,000 more steps");
        float loss = Train(net, 5_000);
        var after = Measure("after 10,000 more steps");
        output.WriteLine($"final loss {loss:G4}");

        Assert.True(after.Storages <= before.Storages + 8,
            $"live OpenCL storages grew from {before.Storages} to {after.Storages} over 10,000 steps: tensors are not being freed.");
        Assert.True(after.Buffers <= before.Buffers + 8,
            $"live cl_mem buffers grew from {before.Buffers} to {after.Buffers} over 10,000 steps: the pool or the finalizers leak device memory.");
        // On POCL: +3 MiB, then +1 MiB. (Before the backend bounded its queue, commands that were
        // enqueued faster than the device ran them grew the process by 50 MiB per 2,000 steps.)
        Assert.True(after.Rss - before.Rss < 32L << 20,
            $"resident memory grew by {(after.Rss - before.Rss) / (1 << 20)} MiB over 10,000 steps (allowed: 32 MiB).");
        Assert.True(after.Rss - middle.Rss < 16L << 20,
            $"resident memory grew by {(after.Rss - middle.Rss) / (1 << 20)} MiB over the last 5,000 steps (allowed: 16 MiB): a steady leak.");
    }

    /// <summary>
    /// Training steps in a method of their own, so that no local variable keeps the last step's graph
    /// alive when we count (a debug build keeps locals alive until the method returns).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static float Train(TrainingParityTests.XorNet net, int steps)
    {
        float loss = 0;
        for (int step = 0; step < steps; step++)
        {
            var l = net.Step(0.5f);
            if (step == steps - 1) loss = l.Item();
        }
        return loss;
    }

    [SkippableFact]
    public void Dropped_tensors_give_their_device_buffers_back()
    {
        var cl = TestDevices.Require();
        var before = Measure("before");
        DropMany(cl);
        CollectEverything();   // the finalizers return the buffers to the pool...
        cl.Pool.Trim();        // ...which then releases them
        var after = Measure("after dropping 1,000 tensors of 1 MiB");
        Assert.True(after.Storages <= before.Storages, $"live storages: {before.Storages} before, {after.Storages} after the tensors were dropped.");
        Assert.True(after.Buffers <= before.Buffers, $"live cl_mem buffers: {before.Buffers} before, {after.Buffers} after the tensors were dropped and the pool trimmed.");
    }

    private static void DropMany(OpenClDevice cl)
    {
        for (int i = 0; i < 1000; i++) Tensor.Zeros(new Shape(512, 512), cl);   // 1 MiB each, never disposed
    }

    [SkippableFact]
    public void A_disposed_storage_returns_its_buffer_to_the_pool_for_the_next_allocation()
    {
        var cl = TestDevices.Require();
        cl.Pool.Trim();   // an earlier test may have filled the pool to its limit
        var first = (OpenClStorage)cl.Allocate(12_345);
        nint handle = first.Buffer.Handle;
        first.Dispose();
        var second = (OpenClStorage)cl.Allocate(12_345);
        Assert.Equal(handle, second.Buffer.Handle);
        var values = new float[12_345];
        cl.Download(second, values);
        Assert.All(values, v => Assert.Equal(0f, v));   // Allocate clears a reused buffer
    }
}

/// <summary>The counts are process-wide: this collection runs alone, after the parallel ones.</summary>
[CollectionDefinition("resource counts", DisableParallelization = true)]
public class ResourceCountsCollection;
