using Xunit;
using Learn.Dnn.Plotting;

namespace Learn.Dnn.Tests.Plotting;

public class FigureTests
{
    [Fact]
    public void Every_sample_figure_is_well_formed_svg_with_a_title()
    {
        foreach (var (name, figure) in SampleFigures.All())
        {
            var svg = SvgAssert.Parse(figure);
            Assert.True(SvgAssert.Texts(svg, "figure-title").Count == 1, $"figure \"{name}\" should have its title.");
        }
    }

    [Fact]
    public void Sample_figures_are_written_to_the_temp_directory()
    {
        string directory = Path.Combine(Path.GetTempPath(), "learn-dnn-plots");
        foreach (var (name, figure) in SampleFigures.All())
        {
            string path = Path.Combine(directory, name + ".svg");
            figure.Save(path);
            Assert.True(File.Exists(path), $"Save should have written {path}.");
        }
    }

    [Fact]
    public void Save_creates_missing_directories()
    {
        string path = Path.Combine(Path.GetTempPath(), "learn-dnn-" + Guid.NewGuid(), "a", "b", "plot.svg");
        var figure = new Figure("saved");
        figure.Axes.Line(new double[] { 0, 1 }, new double[] { 1, 0 });
        figure.Save(path);
        Assert.Equal(figure.ToSvg(), File.ReadAllText(path));
        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(path)))!, recursive: true);
    }

    [Fact]
    public void Two_figures_have_distinct_ids_so_they_can_share_an_html_page()
    {
        static HashSet<string> Ids(Figure figure) => SvgAssert.Parse(figure).Descendants()
            .Select(e => e.Attribute("id")?.Value).OfType<string>().ToHashSet();
        var first = Ids(SampleFigures.Surfaces());
        var second = Ids(SampleFigures.Confusion());
        Assert.NotEmpty(first);
        Assert.Empty(first.Intersect(second));
        Assert.Equal(SampleFigures.Surfaces().ToSvg(), SampleFigures.Surfaces().ToSvg());   // and the same on every run
    }

    [Fact]
    public void Text_is_escaped_for_xml()
    {
        var figure = new Figure("a < b & \"c\"");
        figure.Axes.Line(new double[] { 0, 1 }, new double[] { 0, 1 }, "<series>");
        var svg = SvgAssert.Parse(figure);
        SvgAssert.HasText(svg, "figure-title", "a < b & \"c\"");
        SvgAssert.HasText(svg, "legend-label", "<series>");
    }

    [Fact]
    public void Panels_are_counted_row_by_row_and_a_missing_panel_is_named()
    {
        var figure = new Figure("grid", rows: 2, columns: 3);
        Assert.Same(figure[1, 2], figure[5]);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => figure[6]);
        Assert.Contains("the figure has 6 panels", error.Message);
    }

    [Fact]
    public void An_empty_figure_still_renders_axes()
    {
        var svg = SvgAssert.Parse(new Figure("empty"));
        Assert.NotEmpty(SvgAssert.Texts(svg, "x"));
    }

    [Fact]
    public void Public_plotting_types_name_chapter_one()
    {
        var types = typeof(Figure).Assembly.GetExportedTypes().Where(t => t.Namespace == "Learn.Dnn.Plotting");
        Assert.All(types, t => Assert.True(
            t.GetCustomAttributes(typeof(ChapterAttribute), false).Cast<ChapterAttribute>().SingleOrDefault()?.Number == 1,
            $"{t.Name} should carry [Chapter(1)]."));
    }
}
