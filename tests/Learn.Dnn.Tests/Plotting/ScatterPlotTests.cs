using Xunit;
using System.Xml.Linq;
using Learn.Dnn.Plotting;

namespace Learn.Dnn.Tests.Plotting;

public class ScatterPlotTests
{
    [Fact]
    public void Class_coloured_points_get_one_legend_entry_per_class()
    {
        var svg = SvgAssert.Parse(SampleFigures.XorPerceptron());
        SvgAssert.HasText(svg, "figure-title", "XOR is not linearly separable");
        SvgAssert.HasText(svg, "legend-label", "XOR = 0");
        SvgAssert.HasText(svg, "legend-label", "XOR = 1");
        SvgAssert.HasText(svg, "legend-label", "perceptron: x₁ + x₂ − 0.5 = 0");
        SvgAssert.HasText(svg, "xlabel", "x₁");
        SvgAssert.HasText(svg, "ylabel", "x₂");
        Assert.Contains("0", SvgAssert.Texts(svg, "x"));
        Assert.Contains("1.0", SvgAssert.Texts(svg, "x"));
    }

    [Fact]
    public void Classes_without_names_are_called_class_0_class_1()
    {
        var figure = new Figure();
        figure.Axes.Scatter(new float[,] { { 0, 0 }, { 1, 1 }, { 2, 0 } }, [0, 2, 1]);
        var labels = SvgAssert.Texts(SvgAssert.Parse(figure), "legend-label");
        Assert.Equal(["class 0", "class 1", "class 2"], labels);
    }

    [Fact]
    public void Each_point_is_drawn_in_its_class_colour()
    {
        var figure = new Figure();
        figure.Axes.Scatter(new double[] { 0, 1, 2 }, new double[] { 0, 1, 0 }, [0, 1, 1]);
        var fills = SvgAssert.Parse(figure).Descendants(SvgAssert.Svg + "path")
            .Where(p => p.Parent?.Attribute("class")?.Value != "legend")
            .Select(p => p.Attribute("fill")!.Value).ToList();
        Assert.Equal(1, fills.Count(f => f == Palette.Color(0)));
        Assert.Equal(2, fills.Count(f => f == Palette.Color(1)));
    }

    [Fact]
    public void A_straight_line_is_clipped_to_the_axes_rectangle()
    {
        var figure = new Figure();
        figure.Axes.Scatter(new double[] { 0, 1 }, new double[] { 0, 1 }).StraightLine(1, 1, -0.5);
        var line = SvgAssert.Parse(figure).Descendants(SvgAssert.Svg + "line")
            .Single(l => l.Attribute("stroke-dasharray")?.Value == "7 4");
        double x1 = Read(line, "x1"), x2 = Read(line, "x2"), y1 = Read(line, "y1"), y2 = Read(line, "y2");
        Assert.True(Math.Abs(x1 - x2) > 10 && Math.Abs(y1 - y2) > 10, "the line x + y = 0.5 should run diagonally across the plot.");
        Assert.All(new[] { x1, x2 }, x => Assert.InRange(x, 0, 640));
        Assert.All(new[] { y1, y2 }, y => Assert.InRange(y, 0, 440));
    }

    [Fact]
    public void Clipping_a_line_returns_the_crossings_with_the_rectangle()
    {
        var plot = new Learn.Dnn.Plotting.StraightLine(1, 1, -1, null, "#000000");   // x + y = 1
        var ends = plot.ClipToRectangle(0, 2, 0, 2)!.Value;
        var points = new[] { (ends.X1, ends.Y1), (ends.X2, ends.Y2) }.OrderBy(p => p.Item1).ToArray();
        Assert.Equal((0.0, 1.0), points[0]);
        Assert.Equal((1.0, 0.0), points[1]);
        Assert.Null(plot.ClipToRectangle(5, 6, 5, 6));
        var vertical = new Learn.Dnn.Plotting.StraightLine(2, 0, -1, null, "#000000");   // x = 0.5
        Assert.Equal((0.5, 0.0, 0.5, 1.0), vertical.ClipToRectangle(0, 1, 0, 1));
    }

    [Fact]
    public void A_line_with_both_weights_zero_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Figure().Axes.StraightLine(0, 0, 1));
        Assert.Contains("not a line", error.Message);
    }

    [Fact]
    public void Non_finite_points_throw_naming_the_series_and_index()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Figure().Axes.Scatter(new double[] { 0, double.NaN }, new double[] { 0, 1 }, "moons"));
        Assert.Contains("\"moons\": x[1] is NaN", error.Message);
    }

    [Fact]
    public void A_label_per_point_is_required()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Figure().Axes.Scatter(new double[] { 0, 1 }, new double[] { 0, 1 }, [0]));
        Assert.Contains("2 points but 1 class labels", error.Message);
    }

    private static double Read(XElement element, string attribute) =>
        double.Parse(element.Attribute(attribute)!.Value, System.Globalization.CultureInfo.InvariantCulture);
}
