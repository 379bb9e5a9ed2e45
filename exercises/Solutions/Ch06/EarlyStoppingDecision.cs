namespace Learn.Dnn.Exercises.Ch06;

/// <summary>Chapter 6: when Keras' EarlyStopping stops, and which epoch it keeps.</summary>
public static class EarlyStoppingDecision
{
    /// <summary>
    /// Exercise ch06.early-stopping — Keras 3's EarlyStopping decision over the monitored values of epochs
    /// 0, 1, 2… (<paramref name="values"/>, all finite). Keep the best value so far (none at first) and a wait count
    /// (0 at first). At the end of each epoch: wait ← wait + 1; if the value is an improvement, best ← value,
    /// bestEpoch ← epoch, wait ← 0; otherwise, if wait ≥ patience and epoch &gt; 0, training stops at this epoch.
    /// An improvement beats the best by more than minDelta: value + minDelta &lt; best in mode "min",
    /// value − minDelta &gt; best in mode "max" (Keras shifts the value, not the best); the first value always counts. Return the epoch training stopped at
    /// (null when it ran through every value) and the best epoch, whose weights restoreBestWeights puts back
    /// (0 when there are no values). Throw an <see cref="ArgumentException"/> when the mode is not "min" or "max",
    /// and an <see cref="ArgumentOutOfRangeException"/> when patience &lt; 0.
    /// <para>Hint 1 (nudge): count the epochs since the last real improvement; a small improvement (no more than minDelta) does not reset the count, and does not become the best either.</para>
    /// <para>Hint 2 (formula): per epoch e: wait += 1; if (best is none or value ∓ minDelta beats best) { best = value; bestEpoch = e; wait = 0 } else if (wait ≥ patience and e &gt; 0) stop at e.</para>
    /// <para>Hint 3 (code): double? best = null; int wait = 0, bestEpoch = 0; for (int e = 0; e &lt; values.Count; e++) { wait++; bool better = best is null || (mode == "min" ? values[e] + Math.Abs(minDelta) &lt; best : values[e] - Math.Abs(minDelta) &gt; best); if (better) { best = values[e]; bestEpoch = e; wait = 0; } else if (wait &gt;= patience &amp;&amp; e &gt; 0) return (e, bestEpoch); } return (null, bestEpoch);</para>
    /// </summary>
    public static (int? StoppedEpoch, int BestEpoch) Decide(IReadOnlyList<double> values, int patience, double minDelta = 0, string mode = "min")
    {
        // BEGIN SOLUTION ch06.early-stopping
        if (mode is not ("min" or "max")) throw new ArgumentException($"Decide: mode must be \"min\" or \"max\", got \"{mode}\".", nameof(mode));
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), $"Decide: patience must be ≥ 0, got {patience}.");
        double delta = Math.Abs(minDelta);
        double? best = null;
        int wait = 0, bestEpoch = 0;
        for (int epoch = 0; epoch < values.Count; epoch++)
        {
            double value = values[epoch];
            wait += 1;                                    // Keras counts first, then checks
            bool better = best is not { } b || (mode == "min" ? value + delta < b : value - delta > b);
            if (better)
            {
                best = value;
                bestEpoch = epoch;
                wait = 0;
            }
            else if (wait >= patience && epoch > 0)
            {
                return (epoch, bestEpoch);
            }
        }
        return (null, bestEpoch);
        // END SOLUTION
    }
}
