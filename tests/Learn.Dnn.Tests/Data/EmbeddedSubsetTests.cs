using Learn.Dnn.Data;

namespace Learn.Dnn.Tests.Data;

/// <summary>The real subsets embedded in the engine: they load offline, with the documented shapes and classes.</summary>
public class EmbeddedSubsetTests
{
    [Fact]
    public void Mnist_subset_has_1000_train_and_500_test_digits_of_28x28()
    {
        var (train, test) = Mnist.Load(subset: true);
        Assert.Equal((1000, 28, 28), (train.Count, train.Height, train.Width));
        Assert.Equal((500, 28, 28), (test.Count, test.Height, test.Width));
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], train.Classes);
    }

    [Fact]
    public void Mnist_subset_keeps_each_digits_share_of_the_full_set()
    {
        var (train, test) = Mnist.Load(subset: true);
        // the full training set has 5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949 of each digit;
        // 1000 of 60000 rounds those shares (largest remainder) to:
        Assert.Equal([99, 112, 99, 102, 97, 90, 99, 105, 98, 99], train.ClassCounts());
        // the test set has 980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009 → 500 of 10000:
        Assert.Equal([49, 57, 52, 50, 49, 45, 48, 51, 49, 50], test.ClassCounts());
    }

    [Fact]
    public void Fashion_subset_has_100_train_and_50_test_images_of_each_class()
    {
        var (train, test) = FashionMnist.Load(subset: true);
        Assert.Equal((1000, 28, 28), (train.Count, train.Height, train.Width));
        Assert.Equal((500, 28, 28), (test.Count, test.Height, test.Width));
        Assert.All(train.ClassCounts(), n => Assert.Equal(100, n));
        Assert.All(test.ClassCounts(), n => Assert.Equal(50, n));
        Assert.Equal("Ankle boot", train.Classes[9]);
    }

    [Fact]
    public void Subsets_are_not_sorted_by_class()
    {
        foreach (var (train, _) in new[] { Mnist.Load(subset: true), FashionMnist.Load(subset: true) })
        {
            var firstHundred = train.Labels.Take(100).Distinct().Count();
            Assert.True(firstHundred == 10, $"{train.Name}: the first 100 images hold {firstHundred} classes; expected all 10 (a shuffled order).");
        }
    }

    [Fact]
    public void Images_look_like_images_ink_on_a_dark_background()
    {
        foreach (var (train, test) in new[] { Mnist.Load(subset: true), FashionMnist.Load(subset: true) })
            foreach (var part in new[] { train, test })
            {
                double mean = part.Images.Average(p => (double)p);
                int corner = Enumerable.Range(0, part.Count).Count(i => part.Image(i)[0] == 0);
                Assert.True(mean is > 20 and < 110, $"{part.Name}: mean pixel {mean:F1}; expected 20..110 for 0..255 images.");
                Assert.True(corner > part.Count * 9 / 10, $"{part.Name}: only {corner} of {part.Count} images have a black top-left pixel.");
                Assert.Equal(255, part.Images.Max());
            }
    }

    [Fact]
    public void ToTensors_gives_x_in_0_to_1_as_n_by_28_by_28_and_y_as_n_labels()
    {
        var (train, _) = Mnist.Load(subset: true);
        var (x, y) = train.ToTensors();
        Assert.Equal(new Shape(1000, 28, 28), x.Shape);
        Assert.Equal(new Shape(1000), y.Shape);
        var xs = x.ToArray();
        Assert.Equal(0f, xs.Min());
        Assert.Equal(1f, xs.Max());
        Assert.Equal(train.Images[300] / 255f, xs[300]);
        Assert.Equal(train.Labels.Select(l => (float)l), y.ToArray());
        Assert.Equal(new Shape(1000, 784), train.ImagesTensor(flatten: true).Shape);
    }

    [Fact]
    public void Sample_is_stratified_deterministic_and_in_dataset_order()
    {
        var (train, _) = FashionMnist.Load(subset: true);
        var a = train.Sample(200, seed: 9);
        var b = train.Sample(200, seed: 9);
        var c = train.Sample(200, seed: 10);
        Assert.Equal(a.Images, b.Images);
        Assert.NotEqual(a.Images, c.Images);
        Assert.All(a.ClassCounts(), n => Assert.Equal(20, n));

        var (digits, _) = Mnist.Load(subset: true);
        var s = digits.Sample(37, seed: 1);
        Assert.Equal(37, s.ClassCounts().Sum());
        var expectedShares = digits.ClassCounts().Select(n => 37.0 * n / digits.Count).ToArray();
        for (int k = 0; k < 10; k++)
            Assert.True(Math.Abs(s.ClassCounts()[k] - expectedShares[k]) < 1, $"class {k}: {s.ClassCounts()[k]} images, share {expectedShares[k]:F2}");
    }

    [Fact]
    public void A_bad_sample_size_or_index_is_a_clear_error()
    {
        var (train, _) = Mnist.Load(subset: true);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => train.Sample(1001, 1));
        Assert.Contains("cannot sample 1001 of 1000 images", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => train.Image(1000));
        Assert.Equal(10, train.Take(10).Count);
    }
}
