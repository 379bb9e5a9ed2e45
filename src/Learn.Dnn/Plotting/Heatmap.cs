using System.Globalization;

namespace Learn.Dnn.Plotting;

/// <summary>
/// A matrix drawn as coloured cells, with a colour bar from the smallest to the largest value.
/// Two layouts:
/// - extents: values[i, j] covers x ∈ [x₀ + j·Δx, x₀ + (j+1)·Δx], y likewise with row 0 at the
///   bottom (a surface z(x, y) sampled on a grid, rows = y);
/// - categories: one tick per row and column, row 0 at the top, as a table reads (a confusion
///   matrix: rows = true class, columns = predicted class), optionally with each value printed in its cell.
/// </summary>
internal sealed class Heatmap : PlotItem
{
    private readonly double[,] _values;               // [rows, columns]
    private readonly (double Min, double Max) _x, _y;
    private readonly string[]? _rowLabels, _columnLabels;
    private readonly bool _annotate;
    private readonly Colormap _colormap;
    private readonly string _colorbarLabel;
    private readonly double _min, _max;

    private int Rows => _values.GetLength(0);
    private int Columns => _values.GetLength(1);

    public Heatmap(double[,] values, (double Min, double Max) x, (double Min, double Max) y,
                   Colormap? colormap, string? colorbarLabel, bool annotate)
        : this(values, colormap, colorbarLabel, annotate)
    {
        RequireExtent("x", x);
        RequireExtent("y", y);
        (_x, _y) = (x, y);
    }

    public Heatmap(double[,] values, string[] rowLabels, string[] columnLabels,
                   Colormap? colormap, string? colorbarLabel, bool annotate)
        : this(values, colormap, colorbarLabel, annotate)
    {
        if (rowLabels.Length != Rows || columnLabels.Length != Columns)
            throw new ArgumentException(
                $"Heatmap: the matrix is [{Rows}, {Columns}] but {rowLabels.Length} row labels and " +
                $"{columnLabels.Length} column labels were given; give one label per row and per column.");
        (_rowLabels, _columnLabels) = (rowLabels.ToArray(), columnLabels.ToArray());
        _x = (-0.5, Columns - 0.5);
        _y = (-0.5, Rows - 0.5);
    }

    private Heatmap(double[,] values, Colormap? colormap, string? colorbarLabel, bool annotate)
    {
        if (values.GetLength(0) == 0 || values.GetLength(1) == 0)
            throw new ArgumentException($"Heatmap: the matrix is [{values.GetLength(0)}, {values.GetLength(1)}]; it needs at least one cell.");
        _values = DataCheck.Finite("Heatmap", colorbarLabel ?? "values", values);
        (_min, _max) = DataCheck.Range(_values.Cast<double>());
        _colormap = colormap ?? Colormap.Viridis;
        _colorbarLabel = colorbarLabel ?? "";
        _annotate = annotate;
    }

    public override (double Min, double Max)? XRange => _x;
    public override (double Min, double Max)? YRange => _y;
    public override bool IsRaster => true;
    public override IReadOnlyList<string>? XCategories => _columnLabels;
    public override IReadOnlyList<string>? YCategories => _rowLabels;
    public override ColorBar? ColorBar => new(_min, _max, _colormap, _colorbarLabel);

    /// <summary>t = (v − min)/(max − min), or 0.5 for a constant matrix (no division by zero).</summary>
    private double Normalize(double v) => _max > _min ? (v - _min) / (_max - _min) : 0.5;

    public override void Render(SvgWriter svg, Frame frame)
    {
        bool categorical = _rowLabels is not null;
        double dx = (_x.Max - _x.Min) / Columns, dy = (_y.Max - _y.Min) / Rows;
        svg.BeginGroup("class=\"heatmap\" shape-rendering=\"crispEdges\"");
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++)
            {
                // In the categorical layout row i is centred on y = i and the y axis runs downwards.
                double left = frame.X.Map(_x.Min + j * dx), right = frame.X.Map(_x.Min + (j + 1) * dx);
                double y0 = frame.Y.Map(_y.Min + i * dy), y1 = frame.Y.Map(_y.Min + (i + 1) * dy);
                svg.Rectangle(left, Math.Min(y0, y1), right - left, Math.Abs(y1 - y0), _colormap.Hex(Normalize(_values[i, j])));
            }
        svg.EndGroup();
        if (_annotate) Annotate(svg, frame, dx, dy);
    }

    private void Annotate(SvgWriter svg, Frame frame, double dx, double dy)
    {
        bool integers = _values.Cast<double>().All(v => v == Math.Round(v) && Math.Abs(v) < 1e9);
        double cellWidth = Math.Abs(frame.X.Map(dx) - frame.X.Map(0));
        double cellHeight = Math.Abs(frame.Y.Map(dy) - frame.Y.Map(0));
        double size = Math.Clamp(Math.Min(cellHeight * 0.4, cellWidth * 0.3), 7, 14);
        svg.BeginGroup("class=\"annotations\"");
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++)
            {
                double v = _values[i, j];
                var (px, py) = frame.Map(_x.Min + (j + 0.5) * dx, _y.Min + (i + 0.5) * dy);
                string text = integers ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("G3", CultureInfo.InvariantCulture);
                string ink = Palette.Luminance(_colormap.Rgb(Normalize(v))) > 0.45 ? "#000000" : "#FFFFFF";
                svg.Text(px, py, text, size, fill: ink, baseline: "central");
            }
        svg.EndGroup();
    }

    private static void RequireExtent(string axis, (double Min, double Max) extent)
    {
        if (!double.IsFinite(extent.Min) || !double.IsFinite(extent.Max) || extent.Max <= extent.Min)
            throw new ArgumentException($"Heatmap: the {axis} extent must be finite with min < max, got ({extent.Min}, {extent.Max}).");
    }
}
