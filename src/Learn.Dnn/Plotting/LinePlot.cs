namespace Learn.Dnn.Plotting;

/// <summary>A named series y(x) drawn as a connected line: a loss curve, an activation function.</summary>
internal sealed class LinePlot : PlotItem
{
    private readonly double[] _x, _y;
    private readonly string? _label;
    private readonly string _color;
    private readonly string? _dash;

    public LinePlot(double[] x, double[] y, string? label, string color, string? dash)
    {
        string series = label ?? "(unnamed)";
        DataCheck.SameLength("Line", series, x.Length, y.Length);
        _x = DataCheck.Finite("Line", series, "x", x);
        _y = DataCheck.Finite("Line", series, "y", y);
        _label = label;
        _color = color;
        _dash = dash;
    }

    public double[] Y => _y;
    public string Label => _label ?? "(unnamed)";

    public override (double Min, double Max)? XRange => DataCheck.RangeOrNull(_x);
    public override (double Min, double Max)? YRange => DataCheck.RangeOrNull(_y);

    public override double Margin => 0.05;

    /// <summary>The vertices and 8 points between each pair, so the legend avoids the segments too.</summary>
    public override IEnumerable<(double X, double Y)> Points =>
        _x.Length == 1 ? [(_x[0], _y[0])] :
        Enumerable.Range(0, _x.Length - 1).SelectMany(i => Enumerable.Range(0, 9).Select(k =>
            (_x[i] + k / 9.0 * (_x[i + 1] - _x[i]), _y[i] + k / 9.0 * (_y[i + 1] - _y[i]))));

    public override IEnumerable<LegendEntry> LegendEntries =>
        _label is null ? [] : [new LegendEntry(_label, _color, LegendSymbol.Line, Dash: _dash)];

    public override void Render(SvgWriter svg, Frame frame)
    {
        var pixels = _x.Zip(_y, frame.Map).ToList();
        if (pixels.Count == 1)
            svg.Path(Marker.PathData(MarkerShape.Circle, pixels[0].X, pixels[0].Y, 3), _color);
        else if (pixels.Count > 1)
            svg.Polyline(pixels, _color, 2, _dash);
    }
}
