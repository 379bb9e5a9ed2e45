namespace Learn.Dnn.Plotting;

/// <summary>
/// A classifier's decision regions over a rectangle of the input plane. The caller's model is
/// evaluated once on a grid of points (cell centres); each cell is shaded:
/// - two classes: by p = P(class 1 | x) on a blue (class 0) – white (p = 0.5) – orange (class 1)
///   scale, with the p = 0.5 contour drawn as a solid line;
/// - k classes: in the colour of the most probable class, paler where the model is less sure,
///   with the borders where the most probable class changes.
/// Scatter the data on top (add it after the boundary; rasters are always drawn first).
/// </summary>
internal sealed class DecisionBoundary : PlotItem
{
    private readonly double[,] _probabilities;   // [rows, columns] P(class 1); for k classes, P(class 0)
    private readonly double[][,]? _classProbabilities;   // k grids [rows, columns]
    private readonly (double Min, double Max) _x, _y;

    /// <summary>Faded, so that the data points drawn on top stand out; the colour bar shows the same map.</summary>
    private static readonly Colormap Shade = Colormap.BlueOrange.Faded(0.45);

    /// <summary>Two classes: probability[i, j] = P(class 1) at row i (y, bottom first), column j (x).</summary>
    public DecisionBoundary(double[,] probability, (double Min, double Max) x, (double Min, double Max) y)
    {
        RequireExtent("x", x);
        RequireExtent("y", y);
        if (probability.GetLength(0) < 2 || probability.GetLength(1) < 2)
            throw new ArgumentException($"DecisionBoundary: the probability grid is [{probability.GetLength(0)}, {probability.GetLength(1)}]; it needs at least 2×2 points.");
        _probabilities = DataCheck.Finite("DecisionBoundary", "probability", probability);
        RequireProbabilities(_probabilities);
        (_x, _y) = (x, y);
    }

    /// <summary>k classes: classProbabilities[c][i, j] = P(class c) at row i, column j.</summary>
    public DecisionBoundary(double[][,] classProbabilities, (double Min, double Max) x, (double Min, double Max) y)
        : this(classProbabilities[0], x, y)
    {
        _classProbabilities = classProbabilities;
        foreach (var grid in classProbabilities) RequireProbabilities(DataCheck.Finite("DecisionBoundary", "class probability", grid));
    }

    /// <summary>The grid's sample points, cell centres, as a batch [rows·columns, 2] of (x, y), row-major.</summary>
    public static float[,] GridPoints((double Min, double Max) x, (double Min, double Max) y, int resolution)
    {
        if (resolution < 2)
            throw new ArgumentException($"DecisionBoundary: resolution must be at least 2, got {resolution}.");
        RequireExtent("x", x);
        RequireExtent("y", y);
        var points = new float[resolution * resolution, 2];
        for (int i = 0; i < resolution; i++)
            for (int j = 0; j < resolution; j++)
            {
                points[i * resolution + j, 0] = (float)(x.Min + (j + 0.5) * (x.Max - x.Min) / resolution);
                points[i * resolution + j, 1] = (float)(y.Min + (i + 0.5) * (y.Max - y.Min) / resolution);
            }
        return points;
    }

    public override (double Min, double Max)? XRange => _x;
    public override (double Min, double Max)? YRange => _y;
    public override bool IsRaster => true;

    public override ColorBar? ColorBar =>
        _classProbabilities is null ? new ColorBar(0, 1, Shade, "P(class 1)") : null;

    private int Rows => _probabilities.GetLength(0);
    private int Columns => _probabilities.GetLength(1);

    public override void Render(SvgWriter svg, Frame frame)
    {
        var png = PngEncoder.Encode(Columns, Rows, Shading());
        double left = frame.X.Map(_x.Min), right = frame.X.Map(_x.Max);
        double top = frame.Y.Map(_y.Max), bottom = frame.Y.Map(_y.Min);
        svg.BeginGroup("class=\"decision-boundary\"");
        svg.Image(left, top, right - left, bottom - top, png, pixelated: false);
        if (_classProbabilities is null)
            DrawContour(svg, frame, _probabilities, 0.5);
        else
            for (int c = 0; c < _classProbabilities.Length; c++)
                DrawContour(svg, frame, WinningMargin(c), 0);
        svg.EndGroup();
    }

    /// <summary>RGB bytes [rows, columns, 3], top row (largest y) first as PNG wants.</summary>
    private byte[] Shading()
    {
        var rgb = new byte[Rows * Columns * 3];
        var white = ((byte)255, (byte)255, (byte)255);
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++)
            {
                (byte R, byte G, byte B) color;
                if (_classProbabilities is null)
                    color = Shade.Rgb(_probabilities[i, j]);
                else
                {
                    int best = ArgMax(i, j);
                    double k = _classProbabilities.Length;
                    double sureness = (_classProbabilities[best][i, j] - 1 / k) / (1 - 1 / k);   // 0 at a uniform guess, 1 when certain
                    color = Palette.Mix(white, Palette.Rgb(best), 0.15 + 0.35 * sureness);
                }
                int offset = ((Rows - 1 - i) * Columns + j) * 3;
                (rgb[offset], rgb[offset + 1], rgb[offset + 2]) = color;
            }
        return rgb;
    }

    private int ArgMax(int i, int j)
    {
        int best = 0;
        for (int c = 1; c < _classProbabilities!.Length; c++)
            if (_classProbabilities[c][i, j] > _classProbabilities[best][i, j]) best = c;
        return best;
    }

    /// <summary>m_c = p_c − max_{c' ≠ c} p_c': positive exactly where class c wins, so its 0 contour is c's border.</summary>
    private double[,] WinningMargin(int c)
    {
        var margin = new double[Rows, Columns];
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++)
            {
                double other = double.NegativeInfinity;
                for (int c2 = 0; c2 < _classProbabilities!.Length; c2++)
                    if (c2 != c) other = Math.Max(other, _classProbabilities[c2][i, j]);
                margin[i, j] = _classProbabilities![c][i, j] - other;
            }
        return margin;
    }

    private void DrawContour(SvgWriter svg, Frame frame, double[,] field, double level)
    {
        // Grid point (column j, row i) sits at the centre of cell (i, j).
        double dx = (_x.Max - _x.Min) / Columns, dy = (_y.Max - _y.Min) / Rows;
        var path = new System.Text.StringBuilder();
        foreach (var (from, to) in Contour.Segments(field, level))
        {
            var (x1, y1) = frame.Map(_x.Min + (from.X + 0.5) * dx, _y.Min + (from.Y + 0.5) * dy);
            var (x2, y2) = frame.Map(_x.Min + (to.X + 0.5) * dx, _y.Min + (to.Y + 0.5) * dy);
            path.Append($"M {SvgWriter.Number(x1)} {SvgWriter.Number(y1)} L {SvgWriter.Number(x2)} {SvgWriter.Number(y2)} ");
        }
        if (path.Length > 0)
            svg.Path(path.ToString().TrimEnd(), "none", "#222222", 1.6, "stroke-linecap=\"round\" class=\"contour\"");
    }

    private static void RequireProbabilities(double[,] grid)
    {
        foreach (double p in grid)
            if (p < -1e-6 || p > 1 + 1e-6)
                throw new ArgumentException($"DecisionBoundary: probabilities must lie in [0, 1], got {p}. Pass P(class), not logits.");
    }

    private static void RequireExtent(string axis, (double Min, double Max) extent)
    {
        if (!double.IsFinite(extent.Min) || !double.IsFinite(extent.Max) || extent.Max <= extent.Min)
            throw new ArgumentException($"DecisionBoundary: the {axis} range must be finite with min < max, got ({extent.Min}, {extent.Max}).");
    }
}
