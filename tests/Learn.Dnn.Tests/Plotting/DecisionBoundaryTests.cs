using Xunit;
using Learn.Dnn.Plotting;

namespace Learn.Dnn.Tests.Plotting;

public class DecisionBoundaryTests
{
    [Fact]
    public void The_model_is_called_once_on_a_batch_of_grid_points_inside_the_range()
    {
        int calls = 0;
        float[,]? seen = null;
        var figure = new Figure();
        figure.Axes.DecisionBoundary(points =>
        {
            calls++;
            seen = points;
            return new float[points.GetLength(0)];
        }, (-1, 3), (0, 2), resolution: 20);
        Assert.Equal(1, calls);
        Assert.Equal(400, seen!.GetLength(0));
        Assert.Equal(2, seen.GetLength(1));
        for (int i = 0; i < 400; i++)
        {
            Assert.InRange(seen[i, 0], -1f, 3f);
            Assert.InRange(seen[i, 1], 0f, 2f);
        }
    }

    [Fact]
    public void A_two_class_boundary_has_a_shaded_image_a_contour_a_colour_bar_and_the_data_legend()
    {
        var svg = SvgAssert.Parse(SampleFigures.MoonsBoundary());
        var group = svg.Descendants(SvgAssert.Svg + "g").Single(g => g.Attribute("class")?.Value == "decision-boundary");
        Assert.StartsWith("data:image/png;base64,", group.Element(SvgAssert.Svg + "image")!.Attribute("href")!.Value);
        Assert.Contains(group.Elements(SvgAssert.Svg + "path"), p => p.Attribute("class")?.Value == "contour");
        Assert.Contains(svg.Descendants(SvgAssert.Svg + "g"), g => g.Attribute("class")?.Value == "colorbar");
        SvgAssert.HasText(svg, "legend-label", "moon 0");
        SvgAssert.HasText(svg, "legend-label", "moon 1");
    }

    [Fact]
    public void The_contour_of_a_linear_probability_lies_on_the_line_p_equals_one_half()
    {
        // p(x, y) = x on [0, 1]²: the 0.5 contour is the vertical line x = 0.5, i.e. the middle of the plot.
        var grid = new double[10, 10];
        for (int i = 0; i < 10; i++)
            for (int j = 0; j < 10; j++)
                grid[i, j] = (j + 0.5) / 10;
        var segments = Contour.Segments(grid, 0.5);
        Assert.Equal(9, segments.Count);
        Assert.All(segments, s => { Assert.Equal(4.5, s.From.X, 9); Assert.Equal(4.5, s.To.X, 9); });
    }

    [Fact]
    public void A_multi_class_boundary_draws_class_borders()
    {
        var svg = SvgAssert.Parse(SampleFigures.ThreeClassBoundary());
        var group = svg.Descendants(SvgAssert.Svg + "g").Single(g => g.Attribute("class")?.Value == "decision-boundary");
        Assert.Equal(3, group.Elements(SvgAssert.Svg + "path").Count(p => p.Attribute("class")?.Value == "contour"));
        Assert.Equal(["A", "B", "C"], SvgAssert.Texts(svg, "legend-label"));
    }

    [Fact]
    public void Given_the_data_the_boundary_covers_it_and_scatters_it_on_top()
    {
        var (points, labels) = SampleFigures.TwoMoons(50, 1);
        float[,]? grid = null;
        var figure = new Figure();
        figure.Axes.DecisionBoundary(batch => { grid = batch; return new float[batch.GetLength(0)]; }, points, labels, ["a", "b"], resolution: 10);
        for (int i = 0; i < points.GetLength(0); i++)
            for (int d = 0; d < 2; d++)
            {
                var column = Enumerable.Range(0, grid!.GetLength(0)).Select(n => grid[n, d]).ToArray();
                Assert.InRange(points[i, d], column.Min(), column.Max());
            }
        var svg = SvgAssert.Parse(figure);
        Assert.Equal(["a", "b"], SvgAssert.Texts(svg, "legend-label"));
    }

    [Fact]
    public void A_model_returning_the_wrong_number_of_probabilities_is_named_in_the_error()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Figure().Axes.DecisionBoundary(points => new float[3], (0, 1), (0, 1), resolution: 4));
        Assert.Contains("returned 3 values for 16 points", error.Message);
    }

    [Fact]
    public void Logits_instead_of_probabilities_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Figure().Axes.DecisionBoundary(points => Enumerable.Repeat(3f, points.GetLength(0)).ToArray(), (0, 1), (0, 1), 4));
        Assert.Contains("not logits", error.Message);
    }
}
