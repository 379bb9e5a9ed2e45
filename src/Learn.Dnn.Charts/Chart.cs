using ScottPlot;

namespace Learn.Dnn.Charts;

/// <summary>
/// A new chart in the book's style: the bundled font, readable sizes, a light grid, the colour-blind
/// safe Okabe–Ito colours for series and classes. Everything else is plain ScottPlot: a chart is a
/// <see cref="Plot"/>, and the helpers in this project are extension methods on it.
/// <code>
/// var plot = Chart.Create("XOR net: training loss", xLabel: "epoch", yLabel: "loss");
/// plot.LogScaleY();
/// plot.LearningCurve(losses, "mean squared error");
/// File.WriteAllText("xor-loss.svg", plot.ToSvg());
/// </code>
/// </summary>
public static class Chart
{
    /// <summary>The size a single chart is saved at, in SVG pixels.</summary>
    public const int DefaultWidth = 640, DefaultHeight = 440;

    private static readonly string[] OkabeIto = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"];

    /// <summary>Okabe and Ito's eight colours, distinguishable with every common colour-vision deficiency: series and classes in this order (yellow last: it is faint on white).</summary>
    public static IReadOnlyList<Color> Palette { get; } = [.. OkabeIto.Select(Color.FromHex)];

    /// <summary>The colour of series or class <paramref name="index"/> (the palette repeats after eight).</summary>
    public static Color ColorOf(int index) => Palette[((index % Palette.Count) + Palette.Count) % Palette.Count];

    /// <summary>A blank chart with a title and axis labels (each may be empty).</summary>
    public static Plot Create(string title = "", string xLabel = "", string yLabel = "")
    {
        ChartFonts.Register();
        var plot = new Plot();
        plot.Font.Set(ChartFonts.Family);
        plot.Add.Palette = new ScottPlot.Palettes.Custom(OkabeIto);
        plot.Axes.Title.Label.FontSize = 17;
        plot.Axes.Title.Label.Bold = true;
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.Label.FontSize = 15;
            axis.Label.Bold = false;
            axis.TickLabelStyle.FontSize = 13;
        }
        plot.Grid.MajorLineColor = Color.FromHex("#000000").WithAlpha(0.08);
        plot.Legend.FontSize = 13;
        plot.Legend.FontName = ChartFonts.Family;
        if (title.Length > 0) plot.Title(title);
        if (xLabel.Length > 0) plot.XLabel(xLabel);
        if (yLabel.Length > 0) plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>The chart as an SVG document of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static string ToSvg(this Plot plot, int width = DefaultWidth, int height = DefaultHeight)
    {
        ChartFonts.Register();
        return SvgOutput.Finish(plot.GetSvgXml(width, height), idPrefix: "").ToString();
    }
}
