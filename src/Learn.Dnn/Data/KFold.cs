namespace Learn.Dnn.Data;

/// <summary>
/// k-fold cross-validation: the n samples are cut into k folds; round i validates on fold i and trains
/// on the other k − 1, so every sample is validated exactly once, and the k validation scores average
/// into an estimate less dependent on one lucky split.
/// <code>
/// foreach (var (train, validation) in KFold.Split(n: 150, k: 5, shuffle: true, seed: 42))
///     model.Fit(x.Rows(train), y.Rows(train), validationData: (x.Rows(validation), y.Rows(validation)));
/// </code>
/// As scikit-learn's KFold: fold sizes differ by at most one (the first n mod k folds take one more).
/// <see cref="Stratified"/> keeps each class's proportion in every fold.
/// </summary>
[Chapter(6)]
public static class KFold
{
    #region split
    /// <summary>
    /// The k (train, validation) index pairs over samples 0..n−1. Without shuffling, fold i is a
    /// contiguous run; with it, the samples are permuted first (Fisher–Yates from <paramref name="seed"/>).
    /// Both arrays of a pair are in ascending order.
    /// </summary>
    public static IEnumerable<(int[] Train, int[] Validation)> Split(int n, int k, bool shuffle = false, ulong seed = 0)
    {
        Require(n, k, "KFold.Split");
        int[] order = shuffle ? new Rng(seed).Permutation(n) : Enumerable.Range(0, n).ToArray();
        var fold = new int[n];
        int start = 0;
        for (int f = 0; f < k; f++)
        {
            int size = n / k + (f < n % k ? 1 : 0);             // the first n mod k folds take one more
            for (int i = start; i < start + size; i++) fold[order[i]] = f;
            start += size;
        }
        return Pairs(fold, k);
    }
    #endregion

    #region stratified
    /// <summary>
    /// Folds that keep each class's proportion: the samples of each class (in class order, shuffled
    /// within the class if asked) are dealt to the folds in turn, continuing the deal from one class to
    /// the next, so each fold gets ⌊n_c/k⌋ or ⌈n_c/k⌉ of class c and the fold sizes differ by at most one.
    /// </summary>
    /// <param name="labels">The class of each sample (integer labels, e.g. from <see cref="Categorical.Labels"/>).</param>
    /// <param name="k">The number of folds.</param>
    /// <param name="shuffle">Whether to permute each class's samples before dealing them.</param>
    /// <param name="seed">The permutation's seed.</param>
    public static IEnumerable<(int[] Train, int[] Validation)> Stratified(IReadOnlyList<int> labels, int k, bool shuffle = false, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(labels);
        Require(labels.Count, k, "KFold.Stratified");
        var rng = new Rng(seed);
        var fold = new int[labels.Count];
        int dealt = 0;
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            int[] members = group.ToArray();
            if (shuffle) members = rng.Permutation(members.Length).Select(i => members[i]).ToArray();
            foreach (int sample in members) fold[sample] = dealt++ % k;
        }
        return Pairs(fold, k);
    }
    #endregion

    private static IEnumerable<(int[] Train, int[] Validation)> Pairs(int[] fold, int k)
    {
        for (int f = 0; f < k; f++)
        {
            int current = f;
            yield return (Enumerable.Range(0, fold.Length).Where(i => fold[i] != current).ToArray(),
                          Enumerable.Range(0, fold.Length).Where(i => fold[i] == current).ToArray());
        }
    }

    private static void Require(int n, int k, string operation)
    {
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), $"{operation}: k must be at least 2 (one fold to validate, one to train), got {k}.");
        if (n < k) throw new ArgumentException($"{operation}: cannot cut {n} samples into k = {k} folds; k must be at most the number of samples.");
    }
}
