namespace Learn.Dnn.Data;

/// <summary>Seeded train/test splits, optionally stratified (each class keeps its proportion in both parts).</summary>
[Chapter(4)]
public static class Split
{
    #region split
    /// <summary>
    /// Shuffles the samples with <paramref name="seed"/> and puts a <paramref name="testFraction"/> of them
    /// in the test set. With <paramref name="stratify"/> the shuffle and the cut are done per class of
    /// <paramref name="y"/>, so a 50/50/50 dataset split 0.2 gives 10/10/10 test samples.
    /// </summary>
    public static (Tensor XTrain, Tensor YTrain, Tensor XTest, Tensor YTest) TrainTest(
        Tensor x, Tensor y, double testFraction, ulong seed, bool stratify = false)
    {
        if (x.Shape[0] != y.Shape[0])
            throw new ShapeMismatchException($"Split.TrainTest: x has {x.Shape[0]} samples ({x.Shape}) but y has {y.Shape[0]} ({y.Shape}).");
        if (testFraction <= 0 || testFraction >= 1)
            throw new ArgumentOutOfRangeException(nameof(testFraction), $"Split.TrainTest: testFraction must be in (0, 1), got {testFraction}.");
        DataCheck.RequireFinite(x, "Split.TrainTest");
        var rng = new Rng(seed);
        var groups = stratify
            ? Categorical.Labels(y).Select((label, i) => (label, i)).GroupBy(p => p.label).OrderBy(g => g.Key).Select(g => g.Select(p => p.i).ToArray())
            : [Enumerable.Range(0, x.Shape[0]).ToArray()];
        var train = new List<int>();
        var test = new List<int>();
        foreach (var group in groups)
        {
            var order = rng.Permutation(group.Length).Select(i => group[i]).ToArray();
            int testCount = (int)Math.Round(group.Length * testFraction);
            test.AddRange(order.Take(testCount));
            train.AddRange(order.Skip(testCount));
        }
        int[] trainRows = [.. train], testRows = [.. test];
        return (x.Rows(trainRows), y.Rows(trainRows), x.Rows(testRows), y.Rows(testRows));
    }
    #endregion
}
