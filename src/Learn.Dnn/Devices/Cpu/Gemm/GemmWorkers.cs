using System.Diagnostics;

namespace Learn.Dnn.Devices.Cpu;

// Dedicated GEMM threads. Parallel.For costs a few microseconds and a few allocations per call:
// nothing beside a 1024³ product, but a training step makes thousands of GEMM calls of
// 10–100 µs each. So FastGemm keeps one worker thread per extra core. A worker spins for a
// short while after each job (the next GEMM of a training step usually comes within
// microseconds), then sleeps on a monitor until the next job is posted. Posting a job is a
// counter increment; the caller runs part 0 itself and spins until the workers are done.

/// <summary>One background thread per extra core, running the parts of one job at a time.</summary>
internal sealed class GemmWorkers
{
    /// <summary>A job cut into <c>Parts</c> independent parts; part s runs on thread s.</summary>
    public interface IJob
    {
        void RunPart(int part);
    }

    /// <summary>How long an idle worker spins before it sleeps.</summary>
    static readonly long SpinTicks = Stopwatch.Frequency / 5_000;          // 200 µs

    public static GemmWorkers Shared { get; } = new(Environment.ProcessorCount - 1);

    readonly object gate = new();
    readonly object busy = new();
    IJob? job;
    long generation;
    int pending;
    Exception? failure;

    GemmWorkers(int workers)
    {
        WorkerCount = workers;
        for (int w = 1; w <= workers; w++)
            new Thread(WorkerLoop) { IsBackground = true, Name = $"GEMM worker {w}" }.Start(w);
    }

    /// <summary>Threads besides the caller's.</summary>
    public int WorkerCount { get; }

    /// <summary>
    /// Runs parts 0 … WorkerCount of <paramref name="work"/> at once (part 0 on the calling
    /// thread) and returns when all are done. False, with nothing run, when another caller is
    /// using the workers: that caller should then do the work alone.
    /// </summary>
    public bool TryRun(IJob work)
    {
        if (!Monitor.TryEnter(busy)) return false;
        try
        {
            job = work;
            failure = null;
            Volatile.Write(ref pending, WorkerCount);
            lock (gate)
            {
                generation++;
                Monitor.PulseAll(gate);
            }
            work.RunPart(0);
            var spinner = new SpinWait();
            while (Volatile.Read(ref pending) != 0) spinner.SpinOnce(sleep1Threshold: -1);
            job = null;
            if (failure is not null) throw new AggregateException("Gemm: a worker thread failed.", failure);
            return true;
        }
        finally
        {
            Monitor.Exit(busy);
        }
    }

    void WorkerLoop(object? part)
    {
        long seen = 0;
        while (true)
        {
            seen = WaitForJob(seen);
            try { job!.RunPart((int)part!); }
            catch (Exception exception) { failure = exception; }
            Interlocked.Decrement(ref pending);
        }
    }

    /// <summary>Spins up to SpinTicks for a generation after <paramref name="seen"/>, then sleeps.</summary>
    long WaitForJob(long seen)
    {
        long spinUntil = Stopwatch.GetTimestamp() + SpinTicks;
        var spinner = new SpinWait();
        while (Volatile.Read(ref generation) == seen)
        {
            if (Stopwatch.GetTimestamp() < spinUntil) { spinner.SpinOnce(sleep1Threshold: -1); continue; }
            lock (gate)
                while (generation == seen) Monitor.Wait(gate);
        }
        return Volatile.Read(ref generation);
    }
}
