using Xunit;
using System.Globalization;
using Learn.Dnn.Plotting;

namespace Learn.Dnn.Tests.Plotting;

public class HeatmapTests
{
    [Fact]
    public void A_confusion_matrix_shows_counts_class_names_and_true_predicted_labels()
    {
        var svg = SvgAssert.Parse(SampleFigures.Confusion());
        var counts = svg.Descendants(SvgAssert.Svg + "g").Single(g => g.Attribute("class")?.Value == "annotations")
                        .Elements(SvgAssert.Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal(["10", "0", "0", "0", "8", "2", "0", "1", "9"], counts);
        SvgAssert.HasText(svg, "ylabel", "true");
        SvgAssert.HasText(svg, "xlabel", "predicted");
        Assert.Equal(["setosa", "versicolor", "virginica"], SvgAssert.Texts(svg, "x"));
        Assert.Equal(["setosa", "versicolor", "virginica"], SvgAssert.Texts(svg, "y"));
    }

    [Fact]
    public void The_colour_bar_range_is_the_data_range()
    {
        var values = new double[,] { { -0.75, 0.1 }, { 2.5, 1.0 } };
        var figure = new Figure();
        figure.Axes.Heatmap(values, (0, 1), (0, 1), "z");
        var bar = SvgAssert.Parse(figure).Descendants(SvgAssert.Svg + "g").Single(g => g.Attribute("class")?.Value == "colorbar");
        Assert.Equal(-0.75, double.Parse(bar.Attribute("data-min")!.Value, CultureInfo.InvariantCulture));
        Assert.Equal(2.5, double.Parse(bar.Attribute("data-max")!.Value, CultureInfo.InvariantCulture));
        var labels = bar.Elements(SvgAssert.Svg + "text").Where(t => t.Attribute("class")?.Value == "colorbar-label")
                        .Select(t => double.Parse(t.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.True(labels.Count >= 2 && labels.All(v => v >= -0.75 && v <= 2.5),
            $"colour bar ticks [{string.Join(", ", labels)}] must lie inside the data range [-0.75, 2.5].");
    }

    [Fact]
    public void The_lowest_and_highest_cells_get_the_ends_of_the_colormap()
    {
        var figure = new Figure();
        figure.Axes.Heatmap(new double[,] { { 0, 5 }, { 10, 5 } }, (0, 2), (0, 2));
        var fills = SvgAssert.Parse(figure).Descendants(SvgAssert.Svg + "g").Single(g => g.Attribute("class")?.Value == "heatmap")
                        .Elements(SvgAssert.Svg + "rect").Select(r => r.Attribute("fill")!.Value).ToList();
        Assert.Equal([Colormap.Viridis.Hex(0), Colormap.Viridis.Hex(0.5), Colormap.Viridis.Hex(1), Colormap.Viridis.Hex(0.5)], fills);
    }

    [Fact]
    public void A_constant_matrix_renders_without_dividing_by_zero()
    {
        var figure = new Figure();
        figure.Axes.Heatmap(new double[,] { { 3, 3 }, { 3, 3 } }, ["a", "b"], ["c", "d"], annotate: true);
        SvgAssert.Parse(figure);
    }

    [Fact]
    public void Side_by_side_heatmaps_each_keep_their_title()
    {
        var svg = SvgAssert.Parse(SampleFigures.Surfaces());
        SvgAssert.HasText(svg, "figure-title", "Fitted surface vs data");
        Assert.Equal(["data z = sin x · cos y", "network (tanh)"], SvgAssert.Texts(svg, "title"));
        Assert.Equal(2, svg.Descendants(SvgAssert.Svg + "g").Count(g => g.Attribute("class")?.Value == "colorbar"));
    }

    [Fact]
    public void Non_finite_cells_throw_naming_the_cell()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Figure().Axes.Heatmap(new double[,] { { 0, 1 }, { double.PositiveInfinity, 2 } }, (0, 1), (0, 1), "loss surface"));
        Assert.Contains("\"loss surface\": value[1, 0] is +Infinity", error.Message);
    }

    [Fact]
    public void Row_and_column_labels_must_match_the_matrix()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Figure().Axes.Heatmap(new double[2, 3], ["a", "b"], ["x", "y"]));
        Assert.Contains("[2, 3]", error.Message);
    }
}
