using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Learn.Dnn.Chapters;

/// <summary>
/// The two roofs of this machine, measured: how many floating-point operations per second its
/// cores can do at best (every core issuing fused multiply-adds back to back), and how many bytes
/// per second its memory delivers to a plain copy. No program can beat the first; a program that
/// touches each byte once and does little arithmetic on it cannot beat the second.
/// </summary>
public static class MachinePeak
{
    /// <summary>Lanes of the widest vector this CPU runs natively: 16 floats with AVX-512, 8 with AVX2.</summary>
    public static int VectorLanes => Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : 4;

    #region fma-peak
    /// <summary>
    /// GFLOP/s of every core running independent FMA chains at once: in each of <paramref name="rounds"/>
    /// rounds every core does <paramref name="iterations"/> steps of 12 vector FMAs (2 flops per lane
    /// each) and times itself. The peak is the sum over cores of each core's best rate: a core that
    /// another process preempted in one round does better in another.
    /// </summary>
    public static double FmaGflops(long iterations, int rounds)
    {
        int cores = Environment.ProcessorCount;
        double flopsPerCore = iterations * 12.0 * VectorLanes * 2;
        var best = Enumerable.Repeat(double.MaxValue, cores).ToArray();   // seconds, per core
        for (int round = 0; round < rounds + 1; round++)   // round 0 warms up (the JIT optimises the loop)
        {
            using var start = new Barrier(cores);
            bool timed = round > 0;
            var threads = Enumerable.Range(0, cores).Select(core => new Thread(() =>
            {
                start.SignalAndWait();                      // all cores start together
                var watch = Stopwatch.StartNew();
                Sink += Vector512.IsHardwareAccelerated ? Fma512(iterations) : Fma256(iterations);
                if (timed) best[core] = Math.Min(best[core], watch.Elapsed.TotalSeconds);
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }
        return best.Sum(seconds => flopsPerCore / seconds) / 1e9;
    }

    /// <summary>
    /// 12 independent chains c ← c·m + a: an FMA takes 4 cycles and a core starts 2 per cycle, so it
    /// needs at least 8 in flight to never wait for a result; fewer chains measure the latency, not the peak.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static float Fma512(long iterations)
    {
        var m = Vector512.Create(0.999999f);
        var a = Vector512.Create(1e-6f);
        Vector512<float> c0 = Vector512.Create(0.0f), c1 = Vector512.Create(0.1f), c2 = Vector512.Create(0.2f),
            c3 = Vector512.Create(0.3f), c4 = Vector512.Create(0.4f), c5 = Vector512.Create(0.5f),
            c6 = Vector512.Create(0.6f), c7 = Vector512.Create(0.7f), c8 = Vector512.Create(0.8f),
            c9 = Vector512.Create(0.9f), c10 = Vector512.Create(1.0f), c11 = Vector512.Create(1.1f);
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, m, a); c1 = Vector512.FusedMultiplyAdd(c1, m, a);
            c2 = Vector512.FusedMultiplyAdd(c2, m, a); c3 = Vector512.FusedMultiplyAdd(c3, m, a);
            c4 = Vector512.FusedMultiplyAdd(c4, m, a); c5 = Vector512.FusedMultiplyAdd(c5, m, a);
            c6 = Vector512.FusedMultiplyAdd(c6, m, a); c7 = Vector512.FusedMultiplyAdd(c7, m, a);
            c8 = Vector512.FusedMultiplyAdd(c8, m, a); c9 = Vector512.FusedMultiplyAdd(c9, m, a);
            c10 = Vector512.FusedMultiplyAdd(c10, m, a); c11 = Vector512.FusedMultiplyAdd(c11, m, a);
        }
        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);   // used, so not optimised away
    }
    #endregion

    /// <summary>The same 12 chains with 8-lane vectors, for CPUs without AVX-512.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static float Fma256(long iterations)
    {
        var m = Vector256.Create(0.999999f);
        var a = Vector256.Create(1e-6f);
        Vector256<float> c0 = Vector256.Create(0.0f), c1 = Vector256.Create(0.1f), c2 = Vector256.Create(0.2f),
            c3 = Vector256.Create(0.3f), c4 = Vector256.Create(0.4f), c5 = Vector256.Create(0.5f),
            c6 = Vector256.Create(0.6f), c7 = Vector256.Create(0.7f), c8 = Vector256.Create(0.8f),
            c9 = Vector256.Create(0.9f), c10 = Vector256.Create(1.0f), c11 = Vector256.Create(1.1f);
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, m, a); c1 = Vector256.FusedMultiplyAdd(c1, m, a);
            c2 = Vector256.FusedMultiplyAdd(c2, m, a); c3 = Vector256.FusedMultiplyAdd(c3, m, a);
            c4 = Vector256.FusedMultiplyAdd(c4, m, a); c5 = Vector256.FusedMultiplyAdd(c5, m, a);
            c6 = Vector256.FusedMultiplyAdd(c6, m, a); c7 = Vector256.FusedMultiplyAdd(c7, m, a);
            c8 = Vector256.FusedMultiplyAdd(c8, m, a); c9 = Vector256.FusedMultiplyAdd(c9, m, a);
            c10 = Vector256.FusedMultiplyAdd(c10, m, a); c11 = Vector256.FusedMultiplyAdd(c11, m, a);
        }
        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    /// <summary>Keeps the FMA loops' results alive.</summary>
    static float Sink;

    #region copy-bandwidth
    /// <summary>
    /// GB/s of memory traffic in a copy of <paramref name="floats"/> floats split over every core: each
    /// byte is read once and written once, so the traffic is twice the array. The array is far bigger
    /// than the caches, so this is main memory's speed, not the cache's.
    /// </summary>
    public static double CopyGBps(int floats, int rounds)
    {
        float[] source = new float[floats], destination = new float[floats];
        source.AsSpan().Fill(1f);
        int cores = Environment.ProcessorCount, chunk = (floats + cores - 1) / cores;
        void Copy() => Parallel.For(0, cores, c =>
        {
            int start = c * chunk, length = Math.Min(chunk, floats - start);
            source.AsSpan(start, length).CopyTo(destination.AsSpan(start, length));
        });
        double seconds = Measure.BestSeconds(Copy, TimeSpan.FromMilliseconds(20), TimeSpan.Zero, rounds);
        return 2.0 * floats * sizeof(float) / seconds / 1e9;
    }
    #endregion
}
