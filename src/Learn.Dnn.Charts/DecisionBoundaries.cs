using ScottPlot;

namespace Learn.Dnn.Charts;

/// <summary>
/// A classifier's decision regions over a rectangle of the input plane. The model is evaluated
/// once on a grid of cell centres; then
/// - two classes: each cell is shaded by p = P(class 1 | x) from blue (class 0) through white
///   (p = 0.5) to orange (class 1), with a colour bar and the p = 0.5 line drawn in black;
/// - k classes: each cell takes the pale colour of its most probable class, with the borders
///   where the most probable class changes.
/// Add the data points afterwards with <see cref="Points.ClassScatter"/>: the colours match.
/// </summary>
public static class DecisionBoundaries
{
    /// <summary>The class colours washed towards white, so that points drawn on top stand out.</summary>
    private static Color Pale(int c, double amount = 0.6) => Chart.ColorOf(c).MixedWith(Colors.White, (float)amount);

    /// <summary>
    /// Two classes. <paramref name="probability"/> maps a batch of points [n, 2] (x, y) to
    /// P(class 1) for each, [n]; it is called once with resolution² points.
    /// </summary>
    public static Plot DecisionBoundary(this Plot plot, Func<float[,], float[]> probability,
                                        (double Min, double Max) x, (double Min, double Max) y, int resolution = 150)
    {
        var points = GridPoints(x, y, resolution);
        var p = probability(points);
        if (p.Length != resolution * resolution)
            throw new ArgumentException($"DecisionBoundary: the model returned {p.Length} probabilities for {resolution * resolution} points; return one P(class 1) per point.");
        var grid = new double[resolution, resolution];
        for (int i = 0; i < resolution; i++)
            for (int j = 0; j < resolution; j++)
            {
                double v = p[i * resolution + j];
                if (!(v >= -1e-6 && v <= 1 + 1e-6))
                    throw new ArgumentException($"DecisionBoundary: probabilities must lie in [0, 1], got {v} at ({points[i * resolution + j, 0]}, {points[i * resolution + j, 1]}). Pass P(class 1), not a logit.");
                grid[i, j] = v;
            }
        var shade = new ScottPlot.Colormaps.CustomInterpolated([Pale(0, 0.45), Colors.White, Pale(1, 0.45)]);
        plot.Heatmap(grid, x, y, "P(class 1)", new ColorScale(0, 1), shade);
        DrawContours(plot, grid, 0.5, x, y);
        return plot;
    }

    /// <summary>
    /// k classes. <paramref name="classProbabilities"/> maps points [n, 2] to P(class c) for each, [n, k].
    /// </summary>
    public static Plot DecisionRegions(this Plot plot, Func<float[,], float[,]> classProbabilities,
                                       (double Min, double Max) x, (double Min, double Max) y, int resolution = 150)
    {
        var points = GridPoints(x, y, resolution);
        var p = classProbabilities(points);
        int k = p.GetLength(1);
        if (p.GetLength(0) != resolution * resolution || k < 2)
            throw new ArgumentException($"DecisionRegions: the model returned [{p.GetLength(0)}, {k}] for {resolution * resolution} points; return [n, k] class probabilities, k ≥ 2.");
        var winner = new double[resolution, resolution];
        for (int i = 0; i < resolution; i++)
            for (int j = 0; j < resolution; j++)
            {
                int row = i * resolution + j, best = 0;
                for (int c = 1; c < k; c++) if (p[row, c] > p[row, best]) best = c;
                winner[i, j] = best;
            }
        var regions = plot.Add.Heatmap(Heatmaps.TopRowFirst(winner));
        regions.Extent = new CoordinateRect(x.Min, x.Max, y.Min, y.Max);
        regions.Colormap = new ScottPlot.Colormaps.CustomPalette([.. Enumerable.Range(0, k).Select(c => Pale(c))], "classes");
        regions.ManualRange = new ScottPlot.Range(0, k - 1);
        for (int c = 0; c < k; c++)
        {
            var margin = new double[resolution, resolution];   // p_c − max_{c' ≠ c} p_c': positive exactly where c wins
            for (int i = 0; i < resolution; i++)
                for (int j = 0; j < resolution; j++)
                {
                    int row = i * resolution + j;
                    double other = double.NegativeInfinity;
                    for (int c2 = 0; c2 < k; c2++) if (c2 != c) other = Math.Max(other, p[row, c2]);
                    margin[i, j] = p[row, c] - other;
                }
            DrawContours(plot, margin, 0, x, y);
        }
        plot.Axes.SetLimits(x.Min, x.Max, y.Min, y.Max);
        plot.Axes.Margins(0, 0);
        return plot;
    }

    /// <summary>The grid's cell centres as a batch [resolution², 2] of (x, y), row-major with row i along y (bottom first), column j along x.</summary>
    public static float[,] GridPoints((double Min, double Max) x, (double Min, double Max) y, int resolution)
    {
        if (resolution < 2) throw new ArgumentException($"DecisionBoundary: resolution must be at least 2, got {resolution}.");
        Heatmaps.RequireExtent("DecisionBoundary", "x", x);
        Heatmaps.RequireExtent("DecisionBoundary", "y", y);
        var points = new float[resolution * resolution, 2];
        for (int i = 0; i < resolution; i++)
            for (int j = 0; j < resolution; j++)
            {
                points[i * resolution + j, 0] = (float)(x.Min + (j + 0.5) * (x.Max - x.Min) / resolution);
                points[i * resolution + j, 1] = (float)(y.Min + (i + 0.5) * (y.Max - y.Min) / resolution);
            }
        return points;
    }

    /// <summary>The level line of a field sampled at cell centres, in data coordinates, solid black.</summary>
    private static void DrawContours(Plot plot, double[,] field, double level, (double Min, double Max) x, (double Min, double Max) y)
    {
        int rows = field.GetLength(0), columns = field.GetLength(1);
        double dx = (x.Max - x.Min) / columns, dy = (y.Max - y.Min) / rows;
        foreach (var polyline in Contour.Lines(field, level))
        {
            var line = plot.Add.ScatterLine(polyline.Select(p => x.Min + (p.X + 0.5) * dx).ToArray(),
                                            polyline.Select(p => y.Min + (p.Y + 0.5) * dy).ToArray(), Colors.Black.WithAlpha(0.85));
            line.LineWidth = 2;
            line.MarkerSize = 0;
        }
    }
}
