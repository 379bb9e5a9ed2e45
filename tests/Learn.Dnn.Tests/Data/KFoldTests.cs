using Learn.Dnn.Data;

namespace Learn.Dnn.Tests.Data;

/// <summary>k-fold splits: every sample validated exactly once, folds of near-equal size, classes kept in proportion.</summary>
public sealed class KFoldTests
{
    [Theory]
    [InlineData(10, 3, false)]
    [InlineData(150, 5, true)]
    [InlineData(7, 7, true)]
    public void Every_sample_is_validated_exactly_once_and_never_trained_on_in_its_fold(int n, int k, bool shuffle)
    {
        var folds = KFold.Split(n, k, shuffle, seed: 3).ToList();
        Assert.Equal(k, folds.Count);
        Assert.Equal(Enumerable.Range(0, n), folds.SelectMany(f => f.Validation).Order());
        foreach (var (train, validation) in folds)
        {
            Assert.Empty(train.Intersect(validation));
            Assert.Equal(n, train.Length + validation.Length);
            Assert.InRange(validation.Length, n / k, n / k + 1);
        }
    }

    [Fact]
    public void Without_shuffling_the_folds_are_contiguous_and_the_first_ones_take_the_remainder()
    {
        var folds = KFold.Split(10, 3).ToList();
        Assert.Equal([0, 1, 2, 3], folds[0].Validation);
        Assert.Equal([4, 5, 6], folds[1].Validation);
        Assert.Equal([7, 8, 9], folds[2].Validation);
        Assert.Equal([0, 1, 2, 3, 7, 8, 9], folds[1].Train);
    }

    [Fact]
    public void The_same_seed_gives_the_same_folds_and_another_seed_others()
    {
        var a = KFold.Split(50, 5, shuffle: true, seed: 1).Select(f => f.Validation).ToList();
        var b = KFold.Split(50, 5, shuffle: true, seed: 1).Select(f => f.Validation).ToList();
        var c = KFold.Split(50, 5, shuffle: true, seed: 2).Select(f => f.Validation).ToList();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Stratified_folds_keep_each_class_in_proportion()
    {
        int[] labels = [.. Enumerable.Repeat(0, 50), .. Enumerable.Repeat(1, 30), .. Enumerable.Repeat(2, 20)];
        var folds = KFold.Stratified(labels, 5, shuffle: true, seed: 4).ToList();
        Assert.Equal(Enumerable.Range(0, 100), folds.SelectMany(f => f.Validation).Order());
        foreach (var (_, validation) in folds)
        {
            Assert.Equal(20, validation.Length);
            Assert.Equal(10, validation.Count(i => labels[i] == 0));
            Assert.Equal(6, validation.Count(i => labels[i] == 1));
            Assert.Equal(4, validation.Count(i => labels[i] == 2));
        }
    }

    [Fact]
    public void Bad_k_is_an_error_that_says_why()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KFold.Split(10, 1).ToList());
        Assert.Contains("at most the number of samples", Assert.Throws<ArgumentException>(() => KFold.Split(3, 5).ToList()).Message);
    }
}
