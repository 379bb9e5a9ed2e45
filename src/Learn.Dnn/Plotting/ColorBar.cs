using System.Globalization;

namespace Learn.Dnn.Plotting;

/// <summary>
/// A colour bar beside the plot: the colormap drawn from Min (bottom) to Max (top) with nice ticks,
/// so a reader can turn a cell's colour back into a number. Min and Max are the data's range.
/// </summary>
internal sealed record ColorBar(double Min, double Max, Colormap Colormap, string Label)
{
    private const double Gap = 14, BarWidth = 16, FontSize = 12;

    private (double[] Ticks, string[] Labels) TicksFor(double height)
    {
        if (Max <= Min) return ([Min], Ticks.Labels([Min]));
        var axis = Axis.LinearAxis(Min, Max, margin: 0, Math.Clamp((int)(height / 45), 3, 8));
        return (axis.Ticks, axis.Labels);
    }

    /// <summary>The width the bar, its tick labels and its title take to the right of the plot.</summary>
    public double Width(double height) =>
        Gap + BarWidth + 6 + TicksFor(height).Labels.Max(l => SvgWriter.TextWidth(l, FontSize)) + (Label == "" ? 0 : 24);

    public void Render(SvgWriter svg, double left, double top, double height, string id)
    {
        string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        double x = left + Gap;
        svg.BeginGroup($"class=\"colorbar\" data-min=\"{R(Min)}\" data-max=\"{R(Max)}\"");
        // Gradient from t = 0 at the bottom (y2 = 1 in bounding-box units) to t = 1 at the top.
        var stops = Enumerable.Range(0, 11).Select(k =>
            $"<stop offset=\"{SvgWriter.Number(k / 10.0)}\" stop-color=\"{Colormap.Hex(k / 10.0)}\"/>");
        svg.Raw($"<linearGradient id=\"{id}\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">{string.Concat(stops)}</linearGradient>");
        svg.Rectangle(x, top, BarWidth, height, $"url(#{id})", "#444444", 0.8);

        var (ticks, labels) = TicksFor(height);
        for (int k = 0; k < ticks.Length; k++)
        {
            double y = Max > Min ? top + height - (ticks[k] - Min) / (Max - Min) * height : top + height / 2;
            svg.Line(x + BarWidth, y, x + BarWidth + 4, y, "#444444");
            svg.Text(x + BarWidth + 6, y, labels[k], FontSize, anchor: "start", cssClass: "colorbar-label", baseline: "central");
        }
        if (Label != "")
        {
            double labelX = x + BarWidth + 6 + labels.Max(l => SvgWriter.TextWidth(l, FontSize)) + 10;
            svg.Text(labelX, top + height / 2, Label, 13, rotate: 90, cssClass: "colorbar-title");
        }
        svg.EndGroup();
    }
}
