namespace Learn.Dnn.Plotting;

/// <summary>
/// The line w₁·x + w₂·y + b = 0 (a perceptron's decision line), clipped to the axes' rectangle.
/// It does not widen the axes: it is drawn over whatever range the data set.
/// </summary>
internal sealed class StraightLine : PlotItem
{
    private readonly double _w1, _w2, _b;
    private readonly string? _label;
    private readonly string _color;

    public StraightLine(double w1, double w2, double b, string? label, string color)
    {
        if (!double.IsFinite(w1) || !double.IsFinite(w2) || !double.IsFinite(b))
            throw new ArgumentException($"StraightLine: w1, w2 and b must be finite, got w1 = {w1}, w2 = {w2}, b = {b}.");
        if (w1 == 0 && w2 == 0)
            throw new ArgumentException("StraightLine: w1 and w2 are both zero, so w1·x + w2·y + b = 0 is not a line.");
        (_w1, _w2, _b, _label, _color) = (w1, w2, b, label, color);
    }

    public override (double Min, double Max)? XRange => null;
    public override (double Min, double Max)? YRange => null;

    public override IEnumerable<LegendEntry> LegendEntries =>
        _label is null ? [] : [new LegendEntry(_label, _color, LegendSymbol.Line, Dash: "7 4")];

    public override void Render(SvgWriter svg, Frame frame)
    {
        if (frame.X.IsLog || frame.Y.IsLog)
            throw new InvalidOperationException("StraightLine: a straight line needs linear axes; this panel has a log axis.");
        var ends = ClipToRectangle(frame.X.Min, frame.X.Max, frame.Y.Min, frame.Y.Max);
        if (ends is not { } e) return;   // the line misses the visible range
        var (x1, y1) = frame.Map(e.X1, e.Y1);
        var (x2, y2) = frame.Map(e.X2, e.Y2);
        svg.Line(x1, y1, x2, y2, _color, 2.2, "7 4");
    }

    /// <summary>
    /// Where the line crosses the rectangle's edges: y = −(w₁x + b)/w₂ at x = xmin, xmax and
    /// x = −(w₂y + b)/w₁ at y = ymin, ymax; keep the crossings inside, take the two farthest apart.
    /// </summary>
    internal (double X1, double Y1, double X2, double Y2)? ClipToRectangle(double xMin, double xMax, double yMin, double yMax)
    {
        var crossings = new List<(double X, double Y)>();
        if (_w2 != 0)
            foreach (double x in new[] { xMin, xMax })
                crossings.Add((x, -(_w1 * x + _b) / _w2));
        if (_w1 != 0)
            foreach (double y in new[] { yMin, yMax })
                crossings.Add((-(_w2 * y + _b) / _w1, y));
        double slackX = 1e-9 * (xMax - xMin), slackY = 1e-9 * (yMax - yMin);
        var inside = crossings.Where(p => p.X >= xMin - slackX && p.X <= xMax + slackX &&
                                          p.Y >= yMin - slackY && p.Y <= yMax + slackY).ToList();
        if (inside.Count < 2) return null;
        var best = (inside[0], inside[1]);
        double farthest = -1;
        foreach (var p in inside)
            foreach (var q in inside)
            {
                double d = (p.X - q.X) * (p.X - q.X) + (p.Y - q.Y) * (p.Y - q.Y);
                if (d > farthest) (farthest, best) = (d, (p, q));
            }
        return (best.Item1.X, best.Item1.Y, best.Item2.X, best.Item2.Y);
    }
}
