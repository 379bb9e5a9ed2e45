namespace Learn.Dnn.Plotting;

/// <summary>One axis of a panel, laid out: its limits, where its ticks go, and their labels.</summary>
internal sealed record Axis(double Min, double Max, double[] Ticks, string[] Labels, bool IsLog, bool IsCategorical)
{
    /// <summary>
    /// Lays out an axis for the items' data. Categories give one tick per category. Otherwise the
    /// limits are the given ones, or the data's range plus a margin (5 % on each side for lines and
    /// markers, so nothing sits on the frame; none for rasters, which fill the plot exactly), and
    /// the ticks are the nice ticks that fall inside the limits.
    /// </summary>
    public static Axis For(string panel, string name, IReadOnlyList<PlotItem> items, bool isY,
                           (double Min, double Max)? limits, bool log, int maxTicks)
    {
        var categories = items.Select(i => isY ? i.YCategories : i.XCategories).FirstOrDefault(c => c is not null);
        if (categories is not null)
            return new Axis(-0.5, categories.Count - 0.5, Enumerable.Range(0, categories.Count).Select(i => (double)i).ToArray(),
                            categories.ToArray(), false, true);

        var ranges = items.Select(i => isY ? i.YRange : i.XRange).OfType<(double Min, double Max)>().ToList();
        var (min, max) = limits ?? (ranges.Count == 0 ? (0, 1) : (ranges.Min(r => r.Min), ranges.Max(r => r.Max)));
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max)
            throw new ArgumentException($"Axes \"{panel}\": the {name} limits must be finite with min ≤ max, got ({min}, {max}).");
        double margin = limits is not null || items.Any(i => i.IsRaster) || items.Count == 0 ? 0 : items.Max(i => i.Margin);
        return log ? LogAxis(panel, name, min, max, margin, maxTicks) : LinearAxis(min, max, margin, maxTicks);
    }

    internal static Axis LinearAxis(double min, double max, double margin, int maxTicks)
    {
        (min, max) = Plotting.Ticks.WidenIfConstant(min, max);
        (min, max) = (min - margin * (max - min), max + margin * (max - min));
        var inside = new Scale(min, max, 0, 1);
        // Ticks that cover the range may fall outside it; ask for finer steps until at least
        // four (or maxTicks − 1, if fewer) land inside.
        int wanted = Math.Min(4, maxTicks - 1);
        double[] ticks = [];
        for (int count = maxTicks; count <= 2 * maxTicks + 2 && ticks.Length < wanted; count++)
            ticks = Plotting.Ticks.Linear(min, max, count).Where(inside.Contains).ToArray();
        return new Axis(min, max, ticks, Plotting.Ticks.Labels(ticks), false, false);
    }

    /// <summary>On a log axis the margin is a factor: [min / r^margin, max · r^margin] with r = max / min.</summary>
    private static Axis LogAxis(string panel, string name, double min, double max, double margin, int maxTicks)
    {
        if (min <= 0)
            throw new ArgumentException(
                $"Axes \"{panel}\": the {name} axis is logarithmic but the data reach {min}; a log axis needs values > 0.");
        if (max / min < 1.01) (min, max) = (min / 1.1, max * 1.1);   // a constant series still gets a range
        double factor = Math.Pow(max / min, margin);
        (min, max) = (min / factor, max * factor);
        var inside = new Scale(min, max, 0, 1, log: true);
        double[] ticks = Plotting.Ticks.Log(min, max, maxTicks).Where(inside.Contains).ToArray();
        if (ticks.Length < 3)   // fewer than three powers of ten inside: label 1, 2, 5 × 10^k instead
            ticks = Plotting.Ticks.Log(min, max, int.MaxValue).Where(inside.Contains).ToArray();
        return new Axis(min, max, ticks, Plotting.Ticks.LogLabels(ticks), true, false);
    }

    public double WidestLabel(double fontSize) => Labels.Length == 0 ? 0 : Labels.Max(l => SvgWriter.TextWidth(l, fontSize));
}
