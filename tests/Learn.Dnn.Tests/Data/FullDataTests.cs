using System.IO.Compression;
using Learn.Dnn.Data;
using Xunit.Abstractions;

namespace Learn.Dnn.Tests.Data;

/// <summary>
/// The full datasets. These run only when the data is cached (or LEARN_DNN_FETCH_DATA=1 lets them
/// fetch it); otherwise xunit reports them as skipped, with the reason.
/// </summary>
public class FullDataTests(ITestOutputHelper output)
{
    [FactWhenDataCached]
    public void Mnist_has_60000_train_and_10000_test_digits_with_the_known_class_counts()
    {
        var (train, test) = Mnist.Load(cache: Cache(output));
        Assert.Equal((60_000, 28, 28), (train.Count, train.Height, train.Width));
        Assert.Equal((10_000, 28, 28), (test.Count, test.Height, test.Width));
        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], train.ClassCounts());
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], test.ClassCounts());
        Assert.Equal(5, train.Labels[0]);   // the famous first training digit
        Assert.Equal(7, test.Labels[0]);
    }

    [FactWhenDataCached]
    public void Fashion_mnist_is_split_6000_and_1000_per_class()
    {
        var (train, test) = FashionMnist.Load(cache: Cache(output));
        Assert.Equal((60_000, 28, 28), (train.Count, train.Height, train.Width));
        Assert.Equal((10_000, 28, 28), (test.Count, test.Height, test.Width));
        Assert.All(train.ClassCounts(), n => Assert.Equal(6000, n));
        Assert.All(test.ClassCounts(), n => Assert.Equal(1000, n));
    }

    /// <summary>
    /// The embedded subsets are exactly <c>Sample(1000, SubsetSeed)</c> and <c>Sample(500, SubsetSeed)</c> of the
    /// full data. With LEARN_DNN_WRITE_SUBSETS=folder it (re)writes them there as gzip-compressed IDX files:
    /// <c>LEARN_DNN_WRITE_SUBSETS=$PWD/src/Learn.Dnn/Data/Subsets dotnet test tests/Learn.Dnn.Tests --filter FullyQualifiedName~Embedded_subsets</c>.
    /// </summary>
    [FactWhenDataCached]
    public void Embedded_subsets_are_the_documented_sample_of_the_full_data()
    {
        string? writeTo = Environment.GetEnvironmentVariable("LEARN_DNN_WRITE_SUBSETS");
        foreach (var (files, full, seed, trainCount, testCount, embedded) in new[]
                 {
                     (Mnist.Files, Mnist.Load(cache: Cache(output)), Mnist.SubsetSeed, Mnist.SubsetTrainCount, Mnist.SubsetTestCount,
                      writeTo is null ? Mnist.Load(subset: true) : default),
                     (FashionMnist.Files, FashionMnist.Load(cache: Cache(output)), FashionMnist.SubsetSeed, FashionMnist.SubsetTrainCount, FashionMnist.SubsetTestCount,
                      writeTo is null ? FashionMnist.Load(subset: true) : default),
                 })
        {
            var train = full.Train.Sample(trainCount, seed);
            var test = full.Test.Sample(testCount, seed);
            if (writeTo is not null)
            {
                Write(Path.Combine(writeTo, $"{files.ResourcePrefix}-train-images-idx3-ubyte.gz"), Idx.Images(train.Images, train.Count, 28, 28));
                Write(Path.Combine(writeTo, $"{files.ResourcePrefix}-train-labels-idx1-ubyte.gz"), Idx.Labels(train.Labels.Select(l => (byte)l).ToArray()));
                Write(Path.Combine(writeTo, $"{files.ResourcePrefix}-t10k-images-idx3-ubyte.gz"), Idx.Images(test.Images, test.Count, 28, 28));
                Write(Path.Combine(writeTo, $"{files.ResourcePrefix}-t10k-labels-idx1-ubyte.gz"), Idx.Labels(test.Labels.Select(l => (byte)l).ToArray()));
                output.WriteLine($"wrote the {files.Dataset} subset to {writeTo}");
                continue;
            }
            Assert.Equal(train.Labels, embedded.Train.Labels);
            Assert.True(train.Images.AsSpan().SequenceEqual(embedded.Train.Images), $"{files.Dataset}: the embedded training images differ from Sample({trainCount}, {seed}) of the full data.");
            Assert.Equal(test.Labels, embedded.Test.Labels);
            Assert.True(test.Images.AsSpan().SequenceEqual(embedded.Test.Images), $"{files.Dataset}: the embedded test images differ from Sample({testCount}, {seed}) of the full data.");
        }
    }

    private static DataCache Cache(ITestOutputHelper output) => new(progress: new OutputWriter(output));

    private static void Write(string path, byte[] data)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        gzip.Write(data);
    }

    /// <summary>Sends the fetch progress line to the test output.</summary>
    private sealed class OutputWriter(ITestOutputHelper output) : StringWriter
    {
        public override void WriteLine(string? value) { output.WriteLine(ToString() + value); GetStringBuilder().Clear(); }
    }
}
