using System.Xml.Linq;

namespace Learn.Dnn.Charts.Tests;

/// <summary>The chart helpers draw what they are asked to, as well-formed SVG whose text survives on any machine.</summary>
public sealed class ChartTests
{
    private static string AllText(string svg) =>
        string.Join("\n", XElement.Parse(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));

    [Fact]
    public void Svg_contains_the_title_and_axis_labels_with_the_bundled_font()
    {
        var plot = Chart.Create("Training loss per epoch", xLabel: "epoch", yLabel: "cross-entropy");
        plot.LearningCurve([1.0, 0.5, 0.25], "train");
        string text = AllText(plot.ToSvg());
        foreach (var expected in new[] { "Training loss per epoch", "epoch", "cross-entropy", "train" })
            Assert.True(text.Contains(expected, StringComparison.Ordinal),
                $"The SVG should contain the text \"{expected}\" (with no font, ScottPlot drops all text silently). Its text: {text}");
        Assert.Equal(ChartFonts.Family, ScottPlot.Fonts.Default);
    }

    [Fact]
    public void Figure_panels_keep_their_own_ids_so_heatmaps_do_not_share_images()
    {
        var figure = new Figure("two heatmaps", rows: 1, columns: 2);
        figure[0].Heatmap(new double[,] { { 0, 1 }, { 2, 3 } }, (0, 1), (0, 1), "a");
        figure[1].Heatmap(new double[,] { { 3, 2 }, { 1, 0 } }, (0, 1), (0, 1), "b");
        var ids = XElement.Parse(figure.ToSvg()).Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        Assert.True(ids.Count == ids.Distinct().Count(), $"Every id in a figure must be unique; got {string.Join(", ", ids)}.");
    }

    [Fact]
    public void Confusion_matrix_prints_every_count_and_the_class_names()
    {
        var plot = Chart.Create("confusion");
        plot.ConfusionMatrix(new[,] { { 7, 1 }, { 2, 13 } }, ["cat", "dog"]);
        string text = AllText(plot.ToSvg());
        foreach (var expected in new[] { "7", "1", "2", "13", "cat", "dog", "predicted", "true" })
            Assert.Contains(expected, text);
    }

    [Fact]
    public void Shared_color_scale_spans_every_grid()
    {
        var scale = ColorScale.Spanning(new double[,] { { 0, 1 } }, new double[,] { { -2, 5 } });
        Assert.Equal(new ColorScale(-2, 5), scale);
    }

    [Fact]
    public void Log_scale_rejects_a_value_that_is_not_positive()
    {
        var plot = Chart.Create().LogScaleY();
        var error = Assert.Throws<ArgumentException>(() => plot.LearningCurve([0.5, 0.0], "loss"));
        Assert.Contains("y[1] = 0", error.Message);
    }

    [Fact]
    public void Decision_boundary_rejects_logits()
    {
        var plot = Chart.Create();
        var error = Assert.Throws<ArgumentException>(() => plot.DecisionBoundary(points => new float[points.GetLength(0)].Select(_ => 3f).ToArray(), (0, 1), (0, 1), resolution: 4));
        Assert.Contains("not a logit", error.Message);
    }

    [Fact]
    public void Image_grid_captions_every_image()
    {
        var plot = Chart.Create("digits");
        var images = Enumerable.Range(0, 3).Select(n => Enumerable.Range(0, 4).Select(p => (float)(p * n)).ToArray()).ToList();
        plot.ImageGrid(images, 2, 2, ["pred 3 / true 5", "pred 1 / true 1", "pred 0 / true 0"]);
        string text = AllText(plot.ToSvg());
        Assert.Contains("pred 3 / true 5", text);
        Assert.Contains("digits", text);
    }
}
