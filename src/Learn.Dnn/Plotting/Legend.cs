namespace Learn.Dnn.Plotting;

/// <summary>
/// The legend box: one row per labelled series (symbol, then label). It goes into whichever inner
/// corner of the plot area covers the fewest data points, as matplotlib's loc="best" does; when
/// every corner would cover some, the panel moves it outside, to the right of the plot area.
/// </summary>
internal static class Legend
{
    private const double FontSize = 12, RowHeight = 20, Inset = 8;

    public static double Width(IReadOnlyList<LegendEntry> entries) =>
        38 + entries.Max(e => SvgWriter.TextWidth(e.Label, FontSize)) + 10;

    public static double Height(IReadOnlyList<LegendEntry> entries) => 8 + RowHeight * entries.Count;

    /// <summary>The inner corner covering the fewest data points, and how many it covers.</summary>
    public static (double X, double Y, int Covered) BestCorner(Frame frame, IReadOnlyList<LegendEntry> entries,
                                                                IEnumerable<(double X, double Y)> dataPoints)
    {
        double width = Width(entries), height = Height(entries);
        var pixels = dataPoints.Select(p => frame.Map(p.X, p.Y)).ToList();
        (double X, double Y)[] corners =
        [
            (frame.Right - Inset - width, frame.Top + Inset),                 // top right
            (frame.Left + Inset, frame.Top + Inset),                          // top left
            (frame.Right - Inset - width, frame.Bottom - Inset - height),     // bottom right
            (frame.Left + Inset, frame.Bottom - Inset - height),              // bottom left
        ];
        return corners
            .Select(c => (c.X, c.Y, Covered: pixels.Count(p => p.X >= c.X - 6 && p.X <= c.X + width + 6 &&
                                                              p.Y >= c.Y - 6 && p.Y <= c.Y + height + 6)))
            .MinBy(c => c.Covered);
    }

    public static void Render(SvgWriter svg, double x, double y, IReadOnlyList<LegendEntry> entries)
    {
        svg.BeginGroup("class=\"legend\"");
        svg.Rectangle(x, y, Width(entries), Height(entries), "#FFFFFF", "#BBBBBB", 1, "fill-opacity=\"0.88\" rx=\"3\"");
        for (int n = 0; n < entries.Count; n++)
        {
            var entry = entries[n];
            double rowY = y + 4 + RowHeight * (n + 0.5);
            if (entry.Symbol == LegendSymbol.Line)
                svg.Line(x + 8, rowY, x + 30, rowY, entry.Color, 2.5, entry.Dash);
            else if (entry.Symbol == LegendSymbol.Marker)
                svg.Path(Marker.PathData(entry.Shape, x + 19, rowY, 5), entry.Color, "#FFFFFF", 0.8);
            else
                svg.Rectangle(x + 10, rowY - 6, 18, 12, entry.Color);
            svg.Text(x + 38, rowY, entry.Label, FontSize, anchor: "start", cssClass: "legend-label", baseline: "central");
        }
        svg.EndGroup();
    }
}
