namespace Learn.Dnn.Plotting;

/// <summary>
/// Points (x, y), one marker each. With class labels, point i gets the colour and shape of its
/// class, and the legend lists the classes; without, all points share the series colour.
/// </summary>
internal sealed class ScatterPlot : PlotItem
{
    private readonly double[] _x, _y;
    private readonly int[]? _classes;
    private readonly string[]? _classNames;
    private readonly string? _label;
    private readonly string _color;
    private readonly MarkerShape _shape;

    /// <summary>One series in one colour.</summary>
    public ScatterPlot(double[] x, double[] y, string? label, string color, MarkerShape shape)
    {
        string series = label ?? "(unnamed)";
        DataCheck.SameLength("Scatter", series, x.Length, y.Length);
        _x = DataCheck.Finite("Scatter", series, "x", x);
        _y = DataCheck.Finite("Scatter", series, "y", y);
        _label = label;
        _color = color;
        _shape = shape;
    }

    /// <summary>Points coloured by class: classes[i] ≥ 0 is the class of point i.</summary>
    public ScatterPlot(double[] x, double[] y, int[] classes, string[]? classNames)
        : this(x, y, null, Palette.Color(0), MarkerShape.Circle)
    {
        if (classes.Length != x.Length)
            throw new ArgumentException($"Scatter: {x.Length} points but {classes.Length} class labels; give one label per point.");
        int negative = Array.FindIndex(classes, c => c < 0);
        if (negative >= 0)
            throw new ArgumentException($"Scatter: class label [{negative}] is {classes[negative]}; labels must be 0, 1, 2, ...");
        if (classNames is not null && classes.Length > 0 && classes.Max() >= classNames.Length)
            throw new ArgumentException(
                $"Scatter: class label {classes.Max()} has no name; {classNames.Length} class names were given.");
        _classes = classes.ToArray();
        _classNames = classNames;
    }

    public override (double Min, double Max)? XRange => DataCheck.RangeOrNull(_x);
    public override (double Min, double Max)? YRange => DataCheck.RangeOrNull(_y);
    public override double Margin => 0.05;
    public override IEnumerable<(double X, double Y)> Points => _x.Zip(_y);

    public override IEnumerable<LegendEntry> LegendEntries
    {
        get
        {
            if (_classes is null)
                return _label is null ? [] : [new LegendEntry(_label, _color, LegendSymbol.Marker, _shape)];
            return _classes.Distinct().Order().Select(c => new LegendEntry(
                _classNames?[c] ?? $"class {c}", Palette.Color(c), LegendSymbol.Marker, Marker.ForClass(c)));
        }
    }

    public override void Render(SvgWriter svg, Frame frame)
    {
        double radius = _x.Length > 300 ? 3.5 : 5;
        for (int i = 0; i < _x.Length; i++)
        {
            var (px, py) = frame.Map(_x[i], _y[i]);
            var shape = _classes is null ? _shape : Marker.ForClass(_classes[i]);
            string color = _classes is null ? _color : Palette.Color(_classes[i]);
            svg.Path(Marker.PathData(shape, px, py, radius), color, "#FFFFFF", 0.8, "fill-opacity=\"0.9\"");
        }
    }
}
