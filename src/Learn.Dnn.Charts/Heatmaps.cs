using System.Globalization;
using ScottPlot;
using ScottPlot.Plottables;

namespace Learn.Dnn.Charts;

/// <summary>
/// The range of values a colour map spans. By default each heatmap spans its own smallest to
/// largest value; give several heatmaps one <see cref="ColorScale"/> and the same colour means the
/// same value in all of them (a true surface beside the fits of it).
/// </summary>
public readonly record struct ColorScale(double Min, double Max)
{
    /// <summary>The smallest to the largest value over all of <paramref name="grids"/>.</summary>
    public static ColorScale Spanning(params double[][,] grids)
    {
        var values = grids.SelectMany(g => g.Cast<double>()).Where(double.IsFinite).ToArray();
        if (values.Length == 0) throw new ArgumentException("ColorScale.Spanning: no finite values were given.");
        return new ColorScale(values.Min(), values.Max());
    }
}

/// <summary>Matrices as coloured cells: surfaces z(x, y) with a colour bar, and confusion matrices.</summary>
public static class Heatmaps
{
    /// <summary>
    /// A surface sampled on a grid: values[i, j] covers column cell j along <paramref name="x"/>
    /// and row cell i along <paramref name="y"/>, row 0 at the bottom (y = y.Min), with a colour bar labelled <paramref name="colorBarLabel"/>.
    /// </summary>
    public static Heatmap Heatmap(this Plot plot, double[,] values, (double Min, double Max) x, (double Min, double Max) y,
                                  string colorBarLabel = "", ColorScale? scale = null, IColormap? colormap = null)
    {
        RequireCells("Heatmap", values);
        RequireExtent("Heatmap", "x", x);
        RequireExtent("Heatmap", "y", y);
        var heatmap = plot.Add.Heatmap(TopRowFirst(values));
        heatmap.Extent = new CoordinateRect(x.Min, x.Max, y.Min, y.Max);
        heatmap.Colormap = colormap ?? new ScottPlot.Colormaps.Viridis();
        if (scale is { } s) heatmap.ManualRange = new ScottPlot.Range(s.Min, s.Max);
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = colorBarLabel;
        bar.LabelStyle.FontSize = 14;
        bar.Axis.TickLabelStyle.FontSize = 12;
        plot.Axes.SetLimits(x.Min, x.Max, y.Min, y.Max);
        plot.Axes.Margins(0, 0);
        return heatmap;
    }

    /// <inheritdoc cref="Heatmap(Plot, double[,], ValueTuple{double, double}, ValueTuple{double, double}, string, ColorScale?, IColormap?)"/>
    public static Heatmap Heatmap(this Plot plot, float[,] values, (double Min, double Max) x, (double Min, double Max) y,
                                  string colorBarLabel = "", ColorScale? scale = null, IColormap? colormap = null) =>
        plot.Heatmap(ToDouble(values), x, y, colorBarLabel, scale, colormap);

    /// <summary>
    /// counts[true class, predicted class] as a table: true classes down the rows (the first at the
    /// top), predicted classes across, each cell printed with its count; x "predicted", y "true".
    /// </summary>
    public static Heatmap ConfusionMatrix(this Plot plot, int[,] counts, string[] classNames)
    {
        int k = counts.GetLength(0);
        if (counts.GetLength(1) != k || classNames.Length != k)
            throw new ArgumentException($"ConfusionMatrix: counts is [{counts.GetLength(0)}, {counts.GetLength(1)}] with {classNames.Length} class names; it must be [k, k] with k names.");
        var values = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
                values[i, j] = counts[i, j];
        var heatmap = plot.Add.Heatmap(values);   // row 0 drawn at the top
        heatmap.Rectangle = new CoordinateRect(-0.5, k - 0.5, -0.5, k - 0.5);   // the cells' edges (Extent would place their centres there)
        heatmap.Colormap = new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Blues());   // more counts, darker blue
        var range = heatmap.GetRange();
        double max = Math.Max(range.Max, 1);
        heatmap.ManualRange = new ScottPlot.Range(0, max);
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                var label = plot.Add.Text(counts[i, j].ToString(CultureInfo.InvariantCulture), j, k - 1 - i);
                label.Alignment = Alignment.MiddleCenter;
                label.LabelFontSize = 18;
                label.LabelBold = true;
                var cell = heatmap.Colormap.GetColor(counts[i, j] / max);
                double luminance = 0.2126 * cell.Red + 0.7152 * cell.Green + 0.0722 * cell.Blue;   // 0–255
                label.LabelFontColor = luminance < 140 ? Colors.White : Colors.Black;              // dark cells get light ink
            }
        var positions = Enumerable.Range(0, k).Select(c => (double)c).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, classNames);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions.Reverse().ToArray(), classNames);
        plot.Axes.SetLimits(-0.5, k - 0.5, -0.5, k - 0.5);
        plot.HideGrid();
        plot.XLabel("predicted");
        plot.YLabel("true");
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = "count";
        bar.LabelStyle.FontSize = 14;
        return heatmap;
    }

    /// <summary>ScottPlot draws row 0 at the top; a surface has its first row at the bottom.</summary>
    internal static double[,] TopRowFirst(double[,] values)
    {
        int rows = values.GetLength(0), columns = values.GetLength(1);
        var flipped = new double[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                flipped[rows - 1 - i, j] = values[i, j];
        return flipped;
    }

    internal static double[,] ToDouble(float[,] values)
    {
        var result = new double[values.GetLength(0), values.GetLength(1)];
        for (int i = 0; i < values.GetLength(0); i++)
            for (int j = 0; j < values.GetLength(1); j++)
                result[i, j] = values[i, j];
        return result;
    }

    internal static void RequireCells(string what, double[,] values)
    {
        if (values.GetLength(0) == 0 || values.GetLength(1) == 0)
            throw new ArgumentException($"{what}: the matrix is [{values.GetLength(0)}, {values.GetLength(1)}]; it needs at least one cell.");
        foreach (double v in values)
            if (!double.IsFinite(v)) throw new ArgumentException($"{what}: the matrix holds {v}; every value must be finite.");
    }

    internal static void RequireExtent(string what, string axis, (double Min, double Max) extent)
    {
        if (!double.IsFinite(extent.Min) || !double.IsFinite(extent.Max) || extent.Max <= extent.Min)
            throw new ArgumentException($"{what}: the {axis} range must be finite with min < max, got ({extent.Min}, {extent.Max}).");
    }
}
