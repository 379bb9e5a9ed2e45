namespace Learn.Dnn.Plotting;

/// <summary>
/// The legend box: one row per labelled series (symbol, then label). It goes into whichever inner
/// corner of the plot area covers the fewest data points, as matplotlib's loc="best" does.
/// </summary>
internal static class Legend
{
    private const double FontSize = 12, RowHeight = 20, Inset = 8;

    public static void Render(SvgWriter svg, Frame frame, IReadOnlyList<LegendEntry> entries,
                              IEnumerable<(double X, double Y)> dataPoints)
    {
        if (entries.Count == 0) return;
        double width = 38 + entries.Max(e => SvgWriter.TextWidth(e.Label, FontSize)) + 10;
        double height = 8 + RowHeight * entries.Count;
        var pixels = dataPoints.Select(p => frame.Map(p.X, p.Y)).ToList();
        (double X, double Y)[] corners =
        [
            (frame.Right - Inset - width, frame.Top + Inset),        // top right
            (frame.Left + Inset, frame.Top + Inset),                 // top left
            (frame.Right - Inset - width, frame.Bottom - Inset - height),   // bottom right
            (frame.Left + Inset, frame.Bottom - Inset - height),     // bottom left
        ];
        var (x, y) = corners.MinBy(c => pixels.Count(p => p.X >= c.X - 4 && p.X <= c.X + width + 4 &&
                                                          p.Y >= c.Y - 4 && p.Y <= c.Y + height + 4));

        svg.BeginGroup("class=\"legend\"");
        svg.Rectangle(x, y, width, height, "#FFFFFF", "#BBBBBB", 1, "fill-opacity=\"0.88\" rx=\"3\"");
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
