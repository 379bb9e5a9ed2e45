namespace Learn.Dnn.Devices.Cpu;

/// <summary>
/// The fast device's parallel-for: independent items shared out among the cores. The items are images
/// (convolution and pooling), fixed ranges of images (the narrow convolution's kernel gradient), or
/// the parts of an elementwise map (CpuDevice.cs). Each item writes its own part of the output, so the
/// cores take them one at a time, each core asking for the next item when it finishes one, until none
/// is left. They run on the <see cref="WorkerPool"/>, not on .NET's Parallel.For: on a machine with
/// few cores the thread pool's threads would spin beside the pool's own. Which core takes which item
/// does not change any number, since no two items add into the same place.
/// </summary>
public sealed partial class CpuDevice
{
    /// <summary>Below this many multiply-adds (or numbers moved), the items are done one after the other: handing work to another core costs more than it saves.</summary>
    private const long ParallelWork = 1 << 15;

    [ThreadStatic] private static ItemsJob? itemsJob;

    /// <summary>
    /// Runs <paramref name="item"/>(0 … count − 1), on every core when <paramref name="work"/> is large enough to
    /// share.
    /// </summary>
    private static void ParallelFor(int count, long work, Action<int> item)
    {
        if (count == 1 || work < ParallelWork)
        {
            for (int i = 0; i < count; i++) item(i);
            return;
        }
        var job = itemsJob ??= new ItemsJob();
        job.Start(count, item);
        if (!WorkerPool.Shared.TryRun(job)) job.RunPart(0);   // the workers are busy with another caller: this thread takes every item
        job.Clear();
    }

    /// <summary>The items, handed out one at a time to whichever thread asks next.</summary>
    private sealed class ItemsJob : IParallelJob
    {
        private Action<int>? item;
        private int count, next;

        public void Start(int count, Action<int> item) => (this.count, this.item, next) = (count, item, 0);

        public void Clear() => item = null;

        public void RunPart(int part)
        {
            for (int i = Interlocked.Increment(ref next) - 1; i < count; i = Interlocked.Increment(ref next) - 1) item!(i);
        }
    }
}
