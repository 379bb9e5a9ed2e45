using System.Diagnostics;

namespace Learn.Dnn.Chapters;

/// <summary>
/// Timing done honestly inside one process: warm up first (the JIT compiles a method twice, the
/// second time optimised, and caches and pools fill on the first calls), repeat a call until one
/// run is long enough for the clock, and keep the best of several runs: on a shared machine other
/// processes only ever add time, so the fastest run is the closest to what the code costs.
/// </summary>
public static class Measure
{
    #region best-of
    /// <summary>
    /// Seconds per call of <paramref name="action"/>: called for <paramref name="warmUp"/> first, then
    /// timed in <paramref name="runs"/> runs of enough calls to last <paramref name="minRun"/> each; the best run wins.
    /// </summary>
    public static double BestSeconds(Action action, TimeSpan warmUp, TimeSpan minRun, int runs)
    {
        var watch = Stopwatch.StartNew();
        do action(); while (watch.Elapsed < warmUp);

        int calls = 1;                                   // double the calls until one run lasts minRun
        while (true)
        {
            watch.Restart();
            for (int i = 0; i < calls; i++) action();
            if (watch.Elapsed >= minRun || calls >= 1 << 20) break;
            calls *= 2;
        }
        double best = watch.Elapsed.TotalSeconds / calls;
        for (int run = 1; run < runs; run++)
        {
            watch.Restart();
            for (int i = 0; i < calls; i++) action();
            best = Math.Min(best, watch.Elapsed.TotalSeconds / calls);
        }
        return best;
    }
    #endregion
}
