using System.Xml.Linq;
using Learn.Dnn.Data;

namespace Learn.Dnn.Tests.Keras;

/// <summary>
/// Keras' load_data() gives pixels 0..255; ToTensors scales them to [0, 1] and says so, and
/// ToTensors(scaled: false) gives them as Keras does, so nobody divides by 255 twice unknowingly.
/// </summary>
public sealed class DataScalingTests
{
    public static TheoryData<string> Datasets() => new("mnist", "fashion_mnist");

    private static ImageDataset Train(string name) => name == "mnist" ? Mnist.Load(subset: true).Train : FashionMnist.Load(subset: true).Train;

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Scaled_is_pixel_over_255_and_raw_is_the_bytes(string name)
    {
        var train = Train(name);
        var (raw, yRaw) = train.ToTensors(scaled: false);
        var (scaled, y) = train.ToTensors();
        Assert.Equal(train.Images.Select(b => (float)b), raw.ToArray());
        Assert.Equal(train.Images.Select(b => b / 255f), scaled.ToArray());
        Assert.Equal(255f, raw.ToArray().Max());
        Assert.Equal(1f, scaled.ToArray().Max());
        Assert.Equal(y.ToArray(), yRaw.ToArray());
        Assert.Equal(new Shape(train.Count, 28 * 28), train.ImagesTensor(flatten: true, scaled: false).Shape);
    }

    [Theory]
    [InlineData("T:Learn.Dnn.Data.Mnist")]
    [InlineData("T:Learn.Dnn.Data.FashionMnist")]
    [InlineData("T:Learn.Dnn.Data.ImageDataset")]
    public void The_loaders_documentation_states_the_scaling(string member)
    {
        string xml = Path.Combine(AppContext.BaseDirectory, "Learn.Dnn.xml");
        var summary = XDocument.Load(xml).Descendants("member").Single(m => (string?)m.Attribute("name") == member).Value;
        Assert.Contains("[0, 1]", summary);
        Assert.Contains("0..255", summary);
        Assert.Contains("scaled: false", summary);
        Assert.Contains("255.0", summary);
    }
}
