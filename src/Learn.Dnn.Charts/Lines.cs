using ScottPlot;
using ScottPlot.Plottables;

namespace Learn.Dnn.Charts;

/// <summary>Line plots: series, learning curves, functions, and the line w₁x + w₂y + b = 0.</summary>
public static class Lines
{
    /// <summary>
    /// Makes the y axis logarithmic. Call it before adding series: ScottPlot draws straight
    /// coordinates, so the helpers here plot log₁₀(y) on a log-scale plot and label the ticks with y.
    /// </summary>
    public static Plot LogScaleY(this Plot plot)
    {
        if (plot.GetPlottables().Any())
            throw new InvalidOperationException("LogScaleY: call it before adding series; the series added so far were drawn on a linear axis.");
        plot.Axes.Left.TickGenerator = new LogTicks();
        plot.Grid.YAxisStyle.MinorLineStyle.Width = 0;
        return plot;
    }

    /// <summary>Whether <see cref="LogScaleY"/> was called on the plot.</summary>
    public static bool IsLogScaleY(this Plot plot) => plot.Axes.Left.TickGenerator is LogTicks;

    /// <summary>Makes the x axis logarithmic, as <see cref="LogScaleY"/> does the y axis (call it before adding series).</summary>
    public static Plot LogScaleX(this Plot plot)
    {
        if (plot.GetPlottables().Any())
            throw new InvalidOperationException("LogScaleX: call it before adding series; the series added so far were drawn on a linear axis.");
        plot.Axes.Bottom.TickGenerator = new LogTicks();
        plot.Grid.XAxisStyle.MinorLineStyle.Width = 0;
        return plot;
    }

    /// <summary>Whether <see cref="LogScaleX"/> was called on the plot.</summary>
    public static bool IsLogScaleX(this Plot plot) => plot.Axes.Bottom.TickGenerator is LogTicks;

    /// <summary>A series y against x, in the next palette colour, with an optional legend entry.</summary>
    public static Scatter Line(this Plot plot, IReadOnlyList<double> x, IReadOnlyList<double> y, string? label = null, bool dashed = false)
    {
        if (x.Count != y.Count)
            throw new ArgumentException($"Line: {x.Count} x values but {y.Count} y values; give one y per x.");
        var ys = plot.IsLogScaleY() ? ToLog10("Line", label, y, "y") : [.. y];
        var xs = plot.IsLogScaleX() ? ToLog10("Line", label, x, "x") : [.. x];
        var line = plot.Add.ScatterLine(xs, ys);
        line.LineWidth = 2;
        line.MarkerSize = 0;
        if (dashed) line.LinePattern = LinePattern.Dashed;
        if (label is not null)
        {
            line.LegendText = label;
            plot.ShowLegend(Alignment.UpperRight);
        }
        return line;
    }

    /// <summary>A value per epoch (a training loss): epochs 1, 2, …, n on x, whose ticks are whole epochs.</summary>
    public static Scatter LearningCurve(this Plot plot, IReadOnlyList<double> perEpoch, string? label = null)
    {
        plot.WholeEpochTicks();
        return plot.Line([.. Enumerable.Range(1, perEpoch.Count).Select(e => (double)e)], perEpoch, label);
    }

    /// <summary>Ticks on x at whole numbers only: an epoch axis has no epoch 2.5.</summary>
    public static void WholeEpochTicks(this Plot plot) =>
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

    /// <summary>y = f(x) sampled at <paramref name="samples"/> points from <paramref name="xMin"/> to <paramref name="xMax"/>.</summary>
    public static Scatter Function(this Plot plot, Func<double, double> f, double xMin, double xMax, string? label = null,
                                   bool dashed = false, int samples = 401)
    {
        var x = Enumerable.Range(0, samples).Select(i => xMin + (xMax - xMin) * i / (samples - 1)).ToArray();
        return plot.Line(x, [.. x.Select(f)], label, dashed);
    }

    /// <summary>
    /// The line w₁x + w₂y + b = 0 (a perceptron's decision line) across x ∈ <paramref name="xRange"/>,
    /// dashed; vertical when w₂ = 0.
    /// </summary>
    public static IPlottable StraightLine(this Plot plot, double w1, double w2, double b, (double Min, double Max) xRange,
                                          string? label = null, Color? color = null)
    {
        if (w1 == 0 && w2 == 0)
            throw new ArgumentException("StraightLine: w₁ = w₂ = 0 describes no line.");
        var style = new LineStyle { Width = 2, Pattern = LinePattern.Dashed, Color = color ?? Colors.Black };
        IPlottable line;
        if (w2 != 0)
        {
            var segment = plot.Add.Line(xRange.Min, -(w1 * xRange.Min + b) / w2, xRange.Max, -(w1 * xRange.Max + b) / w2);   // y = −(w₁x + b)/w₂
            segment.LineStyle = style;
            segment.MarkerSize = 0;
            segment.LegendText = label ?? "";
            line = segment;
        }
        else
        {
            var vertical = plot.Add.VerticalLine(-b / w1);   // x = −b/w₁
            vertical.LineStyle = style;
            vertical.LegendText = label ?? "";
            line = vertical;
        }
        if (label is not null) plot.ShowLegend();
        return line;
    }

    private static double[] ToLog10(string what, string? label, IReadOnlyList<double> y, string axis = "y")
    {
        var logs = new double[y.Count];
        for (int i = 0; i < y.Count; i++)
            logs[i] = y[i] > 0
                ? Math.Log10(y[i])
                : throw new ArgumentException($"{what} \"{label}\": {axis}[{i}] = {y[i]} cannot be drawn on a log scale; every value must be positive.");
        return logs;
    }
}
