namespace Learn.Dnn.Chapters.Tests;

public sealed class Chapter07Run() : QuickRun(7, Chapter07.Run);

/// <summary>
/// Chapter 7's quick mode: a convolution by hand, then seed 001's and seed 003's CNNs trained on the 1,000
/// embedded MNIST digits and tested on the 500 (full mode, on all 60,000 and 10,000, is what reaches 98 % and 99 %).
/// </summary>
public sealed class Chapter07Tests(Chapter07Run chapter) : IClassFixture<Chapter07Run>
{
    [Theory]
    [InlineData("valid output size", 4)]            // ⌊(6 − 3)/1⌋ + 1
    [InlineData("same output size", 6)]             // ⌈6/1⌉
    [InlineData("same stride 2 output size", 3)]    // ⌈6/2⌉
    public void Output_sizes_follow_Keras_arithmetic(string result, int expected)
    {
        double size = chapter.Result(result);
        Assert.True(size == expected, $"A 3×3 kernel on a 6×6 picture: the {result} should be {expected}, got {size}.\n{chapter.Output}");
    }

    [Fact]
    public void The_dot_product_by_hand_equals_Conv2D()
    {
        double difference = chapter.Result("by-hand minus conv2d");
        Assert.True(difference < 1e-6, $"One output of the convolution computed by hand should equal Conv2D's, they differ by {difference}.");
    }

    [Theory]
    [InlineData("seed 001 parameters", 28_430)]       // 104 + 1,616 + 25,700 + 1,010
    [InlineData("seed 003 parameters", 104_202)]
    [InlineData("seed 003 conv 1 parameters", 320)]   // Keras' counts: 3·3·1·32 + 32
    [InlineData("seed 003 conv 2 parameters", 18_496)]   // 3·3·32·64 + 64
    [InlineData("seed 003 conv 3 parameters", 73_856)]   // 3·3·64·128 + 128
    public void Parameter_counts_are_Keras(string result, int expected)
    {
        double count = chapter.Result(result);
        Assert.True(count == expected, $"{result} should be {expected:N0} as in Keras' summary, got {count:N0}.\n{chapter.Output}");
    }

    [Fact]
    public void Seed_001_net_learns_the_small_subset()
    {
        // Measured 0.858 (seed 42: 15 epochs of 1,000 digits at batch 100, Adagrad 0.01). 500 test digits: one is 0.2 points.
        double accuracy = chapter.Result("seed 001 test accuracy");
        Assert.True(accuracy >= 0.80, $"Seed 001's CNN should get at least 80% of the 500 test digits after training on 1,000, got {accuracy:P1}.\n{chapter.Output}");
    }

    [Fact]
    public void Seed_003_net_learns_the_small_subset()
    {
        // Measured 0.896 (seed 42: 5 epochs of 1,000 digits at batch 64, RMSprop 0.001).
        double accuracy = chapter.Result("seed 003 test accuracy");
        Assert.True(accuracy >= 0.85, $"Seed 003's CNN should get at least 85% of the 500 test digits after training on 1,000, got {accuracy:P1}.\n{chapter.Output}");
    }

    [Fact]
    public void Figures_are_written_as_SVG() =>
        chapter.AssertFigures("hand-kernels", "learned-filters", "feature-maps", "misclassified", "confusion-matrix", "learning-curves");
}
