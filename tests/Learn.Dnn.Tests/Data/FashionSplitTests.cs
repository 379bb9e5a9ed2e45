using System.Text;
using Learn.Dnn.Data;

namespace Learn.Dnn.Tests.Data;

/// <summary>Fashion-MNIST's class files and the seeded, stratified split made from them, on small made-up data.</summary>
public class FashionSplitTests
{
    /// <summary>A class file in the package's format: {"data": [[784 pixels], ...]}, pixel j of image i = (i + j) mod 256.</summary>
    private static byte[] ClassFile(int images, params string[] extraImages)
    {
        var arrays = Enumerable.Range(0, images)
            .Select(i => "[" + string.Join(",", Enumerable.Range(0, 784).Select(j => (i + j) % 256)) + "]")
            .Concat(extraImages);
        return Encoding.UTF8.GetBytes("{\"data\":[" + string.Join(",", arrays) + "]}");
    }

    [Fact]
    public void A_class_file_parses_into_28x28_images_and_skips_empty_arrays()
    {
        var images = FashionMnist.ParseClassFile(ClassFile(3, "[]"), "0.json");
        Assert.Equal(3, images.Count);
        Assert.All(images, image => Assert.Equal(784, image.Length));
        Assert.Equal((byte)((2 + 783) % 256), images[2][783]);
    }

    [Fact]
    public void An_image_of_the_wrong_size_names_the_image_and_its_offset()
    {
        var json = ClassFile(2, "[1,2,3]");
        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.ParseClassFile(json, "3.json"));
        int offset = Encoding.UTF8.GetString(json).IndexOf("[1,2,3]");
        Assert.Contains($"3.json, byte offset {offset}: image 2 has 3 pixels, expected 784", e.Message);
    }

    [Fact]
    public void A_pixel_out_of_range_is_an_error()
    {
        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.ParseClassFile(Encoding.UTF8.GetBytes("{\"data\":[[0,300]]}"), "5.json"));
        Assert.Contains("5.json, byte offset 12: pixel 1 of image 0 is 300, expected an integer in 0..255", e.Message);
    }

    [Fact]
    public void A_truncated_class_file_is_named_corrupt_or_truncated()
    {
        var json = ClassFile(2);
        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.ParseClassFile(json[..(json.Length - 700)], "7.json"));
        Assert.Contains("7.json, byte offset", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void The_split_is_stratified_disjoint_complete_and_deterministic()
    {
        // 3 classes of 12 images; image k of class c is filled with the number 16c + k, so each image is identifiable
        var byClass = Enumerable.Range(0, 3)
            .Select(c => Enumerable.Range(0, 12).Select(k => Enumerable.Repeat((byte)(16 * c + k), 784).ToArray()).ToList())
            .ToList();
        var files = FashionMnist.WriteSplit(byClass, testPerClass: 4);
        Assert.Equal(["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"], files.Select(f => f.File));
        var (trainPixels, trainCount, _, _) = Idx.ReadImages(files[0].Data, "train", rows: 28, columns: 28);
        var trainLabels = Idx.ReadLabels(files[1].Data, "train labels", trainCount);
        var (testPixels, testCount, _, _) = Idx.ReadImages(files[2].Data, "test", rows: 28, columns: 28);
        var testLabels = Idx.ReadLabels(files[3].Data, "test labels", testCount);

        Assert.Equal((24, 12), (trainCount, testCount));
        Assert.Equal([8, 8, 8], trainLabels.GroupBy(l => l).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Equal([4, 4, 4], testLabels.GroupBy(l => l).OrderBy(g => g.Key).Select(g => g.Count()));
        var trainIds = Enumerable.Range(0, trainCount).Select(i => trainPixels[i * 784]).ToArray();
        var testIds = Enumerable.Range(0, testCount).Select(i => testPixels[i * 784]).ToArray();
        Assert.Equal(Enumerable.Range(0, 36).Select(i => (byte)(16 * (i / 12) + i % 12)).Order(), trainIds.Concat(testIds).Order());
        for (int i = 0; i < trainCount; i++) Assert.Equal(trainLabels[i], trainIds[i] / 16);   // each label travels with its image
        Assert.NotEqual(trainLabels.Order(), trainLabels);                                    // shuffled, not sorted by class

        var again = FashionMnist.WriteSplit(byClass, testPerClass: 4);
        Assert.All(Enumerable.Range(0, 4), f => Assert.Equal(files[f].Data, again[f].Data));
    }
}
