using Xunit;
using Learn.Dnn.Plotting;

namespace Learn.Dnn.Tests.Plotting;

public class ImageGridTests
{
    [Fact]
    public void Every_image_is_embedded_with_its_caption_and_no_axes()
    {
        var svg = SvgAssert.Parse(SampleFigures.Digits());
        var grid = svg.Descendants(SvgAssert.Svg + "g").Single(g => g.Attribute("class")?.Value == "image-grid");
        Assert.Equal(12, grid.Elements(SvgAssert.Svg + "image").Count());
        Assert.Equal(12, SvgAssert.Texts(svg, "caption").Count);
        SvgAssert.HasText(svg, "caption", "0 (1)");
        Assert.Empty(SvgAssert.Texts(svg, "tick-label"));
    }

    [Fact]
    public void An_image_of_the_wrong_size_is_named_in_the_error()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Figure().Axes.ImageGrid([new float[784], new float[780]], 28, 28));
        Assert.Contains("image [1] has 780 pixels; a 28×28 image has 784", error.Message);
    }

    [Fact]
    public void Png_encoding_writes_a_valid_signature_and_header()
    {
        byte[] png = PngEncoder.Encode(3, 2, new byte[18]);
        Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(3, png[19]);   // width, big-endian, bytes 16–19
        Assert.Equal(2, png[23]);   // height, bytes 20–23
    }
}
