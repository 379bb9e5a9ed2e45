using Xunit;
using Learn.Dnn.Plotting;

namespace Learn.Dnn.Tests.Plotting;

public class LinePlotTests
{
    [Fact]
    public void A_line_plot_shows_its_title_axis_labels_legend_and_tick_labels()
    {
        var figure = new Figure("Loss per epoch");
        figure.Axes.Line(new double[] { 1, 2, 3, 4 }, new double[] { 2.0, 1.1, 0.6, 0.4 }, "train")
                   .Line(new double[] { 1, 2, 3, 4 }, new double[] { 2.1, 1.3, 0.9, 0.8 }, "validation");
        (figure.Axes.XLabel, figure.Axes.YLabel) = ("epoch", "loss");

        var svg = SvgAssert.Parse(figure);
        SvgAssert.HasText(svg, "figure-title", "Loss per epoch");
        SvgAssert.HasText(svg, "xlabel", "epoch");
        SvgAssert.HasText(svg, "ylabel", "loss");
        SvgAssert.HasText(svg, "legend-label", "train");
        SvgAssert.HasText(svg, "legend-label", "validation");
        Assert.Equal(["1.0", "1.5", "2.0", "2.5", "3.0", "3.5", "4.0"], SvgAssert.Texts(svg, "x"));
        Assert.Equal(["0.5", "1.0", "1.5", "2.0"], SvgAssert.Texts(svg, "y"));
    }

    [Fact]
    public void A_single_unlabelled_series_has_no_legend()
    {
        var figure = new Figure();
        figure.Axes.Line(new double[] { 0, 1 }, new double[] { 0, 1 });
        Assert.Empty(SvgAssert.Texts(SvgAssert.Parse(figure), "legend-label"));
    }

    [Fact]
    public void A_log_y_axis_has_power_of_ten_ticks()
    {
        var figure = new Figure();
        figure.Axes.Line(new double[] { 1, 2, 3 }, new double[] { 2.3, 0.05, 0.002 }, "loss");
        figure.Axes.LogY = true;
        Assert.Equal(["0.01", "0.1", "1"], SvgAssert.Texts(SvgAssert.Parse(figure), "y"));
    }

    [Fact]
    public void A_log_y_axis_rejects_zero_with_the_axis_named()
    {
        var figure = new Figure();
        figure.Axes.Line(new double[] { 1, 2 }, new double[] { 1, 0 }, "loss");
        figure.Axes.LogY = true;
        var error = Assert.Throws<ArgumentException>(figure.ToSvg);
        Assert.Contains("log", error.Message);
    }

    [Fact]
    public void A_constant_series_renders_without_dividing_by_zero()
    {
        var figure = new Figure("flat");
        figure.Axes.Line(new double[] { 0, 1, 2 }, new double[] { 3, 3, 3 }, "constant");
        var svg = SvgAssert.Parse(figure);   // fails on NaN or Infinity in the output
        Assert.NotEmpty(SvgAssert.Texts(svg, "y"));
    }

    [Fact]
    public void A_single_point_renders()
    {
        var figure = new Figure();
        figure.Axes.Line(new double[] { 5 }, new double[] { 7 }, "one epoch");
        SvgAssert.Parse(figure);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Non_finite_data_throws_naming_the_series_and_index(double bad, string described)
    {
        var figure = new Figure();
        var error = Assert.Throws<ArgumentException>(() =>
            figure.Axes.Line(new double[] { 1, 2, 3 }, new double[] { 0.5, 0.4, bad }, "train"));
        Assert.Contains("\"train\"", error.Message);
        Assert.Contains($"y[2] is {described}", error.Message);
    }

    [Fact]
    public void Mismatched_x_and_y_lengths_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Figure().Axes.Line(new double[] { 1, 2 }, new double[] { 1 }, "s"));
        Assert.Contains("x has 2 values but y has 1", error.Message);
    }

    [Fact]
    public void Function_samples_a_function_over_its_range()
    {
        var figure = new Figure();
        figure.Axes.Function(Math.Tanh, -4, 4, "tanh");
        var svg = SvgAssert.Parse(figure);
        Assert.Equal(["-4", "-2", "0", "2", "4"], SvgAssert.Texts(svg, "x"));
        Assert.Equal(["-1.0", "-0.5", "0", "0.5", "1.0"], SvgAssert.Texts(svg, "y"));
    }
}
