namespace Learn.Dnn.Exercises.Ch06;

/// <summary>Chapter 6: the index splits of k-fold cross-validation.</summary>
public static class Folds
{
    /// <summary>
    /// Exercise ch06.kfold — the k (train, validation) index pairs of scikit-learn's <c>KFold(n_splits=k)</c>
    /// without shuffling, over the samples 0 … n−1. The samples are cut into k contiguous folds whose sizes
    /// differ by at most one: the first n mod k folds hold ⌊n/k⌋ + 1 samples, the others ⌊n/k⌋. Pair i validates
    /// on fold i and trains on all the other samples; both arrays in ascending order. Throw an
    /// <see cref="ArgumentOutOfRangeException"/> when k &lt; 2 or k &gt; n.
    /// <para>Hint 1 (nudge): share the n mod k left-over samples out one each to the first folds; everything not in the validation fold is training.</para>
    /// <para>Hint 2 (formula): size_f = ⌊n/k⌋ + (f &lt; n mod k ? 1 : 0); fold f = [start_f, start_f + size_f) with start_f = Σ_{j&lt;f} size_j; train_f = {0 … n−1} ∖ fold f.</para>
    /// <para>Hint 3 (code): int start = 0; for (int f = 0; f &lt; k; f++) { int size = n / k + (f &lt; n % k ? 1 : 0); var validation = Enumerable.Range(start, size).ToArray(); var train = Enumerable.Range(0, n).Where(i =&gt; i &lt; start || i &gt;= start + size).ToArray(); splits.Add((train, validation)); start += size; }</para>
    /// </summary>
    public static List<(int[] Train, int[] Validation)> Split(int n, int k)
    {
        // BEGIN SOLUTION ch06.kfold
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), $"Split: k-fold needs at least 2 folds, got k = {k}.");
        if (k > n) throw new ArgumentOutOfRangeException(nameof(k), $"Split: cannot cut {n} samples into k = {k} folds.");
        var splits = new List<(int[] Train, int[] Validation)>();
        int start = 0;
        for (int f = 0; f < k; f++)
        {
            int size = n / k + (f < n % k ? 1 : 0);       // the first n mod k folds take one more
            var validation = Enumerable.Range(start, size).ToArray();
            var train = Enumerable.Range(0, n).Where(i => i < start || i >= start + size).ToArray();
            splits.Add((train, validation));
            start += size;
        }
        return splits;
        // END SOLUTION
    }
}
