using System.Diagnostics;

namespace Learn.Dnn.Devices.Cpu;

// Dedicated worker threads, one per extra core, shared by everything the fast CPU device runs in
// parallel: the GEMM's strips (FastGemm), the optimizer's update (CpuDevice.Update.cs) and the
// parallel-for over images and over the parts of an elementwise map (CpuDevice.ParallelFor.cs).
// Parallel.For costs a few microseconds and a few allocations per call: nothing beside a 1024³
// product, but a training step makes thousands of GEMM calls of 10–100 µs each. A worker spins for a
// short while after each job (the next job of a training step usually comes within microseconds),
// then sleeps on a monitor until the next job is posted. Posting a job is a counter increment.
// Parts are claimed, not assigned: each thread first claims its own part (the caller part 0,
// worker w part w), then any part still unclaimed, so a worker that is asleep or preempted (a loaded
// machine) delays nothing: the caller runs that part itself and waits only for parts already under
// way. Own parts first means that, when every thread is awake, each starts on a different part
// instead of all racing for part 0. Which thread ran which part changes no result, and no allocation
// either: the GEMM's caller sizes its pack buffers for the whole product before it posts the job
// (PackedGemm.ReserveBuffers).

/// <summary>A pool of one background thread per extra core, running the parts of one job at a time.</summary>
internal sealed class WorkerPool
{
    /// <summary>How long an idle worker spins before it sleeps.</summary>
    static readonly long SpinTicks = Stopwatch.Frequency / 5_000;          // 200 µs

    public static WorkerPool Shared { get; } = new(Environment.ProcessorCount - 1);

    readonly object gate = new();
    readonly object busy = new();
    IParallelJob? job;
    long generation;
    readonly int[] claimed;   // claimed[s] = 1 once a thread has taken part s of the open job
    int unfinished;           // the open job's parts, claimed or not, that have not finished
    Exception? failure;

    WorkerPool(int workers)
    {
        WorkerCount = workers;
        claimed = new int[workers + 1];
        Array.Fill(claimed, 1);   // no job open: nothing to claim
        for (int w = 1; w <= workers; w++)
            new Thread(WorkerLoop) { IsBackground = true, Name = $"worker {w}" }.Start(w);
    }

    /// <summary>Threads besides the caller's.</summary>
    public int WorkerCount { get; }

    /// <summary>Parts per job: one per thread, the caller's included.</summary>
    public int Parts => WorkerCount + 1;

    /// <summary>
    /// Runs parts 0 … WorkerCount of <paramref name="work"/> at once, the calling thread
    /// included, and returns when all are done. False, with nothing run, when another caller is
    /// using the workers: that caller should then do the work alone.
    /// </summary>
    public bool TryRun(IParallelJob work)
    {
        if (Monitor.IsEntered(busy) || !Monitor.TryEnter(busy)) return false;   // (a part of this thread's own job asking again: not re-entered)
        try
        {
            failure = null;
            Volatile.Write(ref unfinished, Parts);
            Volatile.Write(ref job, work);
            for (int part = 0; part < Parts; part++) Volatile.Write(ref claimed[part], 0);   // open the job: its parts can be claimed
            lock (gate)
            {
                generation++;
                Monitor.PulseAll(gate);
            }
            RunClaimedParts(0);
            var spinner = new SpinWait();
            while (Volatile.Read(ref unfinished) != 0) spinner.SpinOnce(sleep1Threshold: -1);
            Volatile.Write(ref job, null);
            if (failure is not null) throw new AggregateException("WorkerPool: a worker thread failed.", failure);
            return true;
        }
        finally
        {
            Monitor.Exit(busy);
        }
    }

    #region claim
    /// <summary>Claims and runs the open job's parts, <paramref name="own"/> first, until none is left.</summary>
    void RunClaimedParts(int own)
    {
        for (int i = 0; i < Parts; i++)
        {
            int part = (own + i) % Parts;
            if (Interlocked.CompareExchange(ref claimed[part], 1, 0) != 0) continue;   // taken already
            try { Volatile.Read(ref job)!.RunPart(part); }   // read after the claim: the job the part belongs to
            catch (Exception exception) { failure = exception; }
            Interlocked.Decrement(ref unfinished);
        }
    }
    #endregion

    void WorkerLoop(object? part)
    {
        long seen = 0;
        while (true)
        {
            seen = WaitForJob(seen);
            RunClaimedParts((int)part!);
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
