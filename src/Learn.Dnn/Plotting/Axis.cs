namespace Learn.Dnn.Plotting;

/// <summary>One axis of a panel, laid out: its limits, where its ticks go, and their labels.</summary>
internal sealed record Axis(double Min, double Max, double[] Ticks, string[] Labels, bool IsLog, bool IsCategorical)
{
    /// <summary>
    /// Lays out an axis for the items' data. Categories give one tick per category. Otherwise the
    /// limits are the given ones, or the data's range: exactly (rasters), or widened to the
    /// enclosing nice ticks (lines, scatters: the axis then starts and ends on a labelled tick).
    /// </summary>
    public static Axis For(string panel, string name, IReadOnlyList<PlotItem> items, bool isY,
                           (double Min, double Max)? limits, bool log, int maxTicks)
    {
        var categories = items.Select(i => isY ? i.YCategories : i.XCategories).FirstOrDefault(c => c is not null);
        if (categories is not null)
            return new Axis(-0.5, categories.Count - 0.5, Enumerable.Range(0, categories.Count).Select(i => (double)i).ToArray(),
                            categories.ToArray(), false, true);

        var ranges = items.Select(i => isY ? i.YRange : i.XRange).OfType<(double Min, double Max)>().ToList();
        bool tight = limits is not null || items.Any(i => i.IsRaster);
        var (min, max) = limits ?? (ranges.Count == 0 ? (0, 1) : (ranges.Min(r => r.Min), ranges.Max(r => r.Max)));
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max)
            throw new ArgumentException($"Axes \"{panel}\": the {name} limits must be finite with min ≤ max, got ({min}, {max}).");
        if (log) return LogAxis(panel, name, min, max, tight, maxTicks);

        double margin = items.Count == 0 ? 0 : items.Max(i => i.Margin);
        if (!tight && margin > 0 && max > min) (min, max) = (min - margin * (max - min), max + margin * (max - min));
        double[] ticks = Plotting.Ticks.Linear(min, max, maxTicks);
        if (tight)
        {
            (min, max) = Plotting.Ticks.WidenIfConstant(min, max);
            var scale = new Scale(min, max, 0, 1);
            ticks = ticks.Where(scale.Contains).ToArray();
        }
        else (min, max) = (ticks[0], ticks[^1]);
        return new Axis(min, max, ticks, Plotting.Ticks.Labels(ticks), false, false);
    }

    private static Axis LogAxis(string panel, string name, double min, double max, bool tight, int maxTicks)
    {
        if (min <= 0)
            throw new ArgumentException(
                $"Axes \"{panel}\": the {name} axis is logarithmic but the data reach {min}; a log axis needs values > 0.");
        double[] ticks = Plotting.Ticks.Log(min, max, maxTicks);
        if (tight && max > min) ticks = ticks.Where(new Scale(min, max, 0, 1, log: true).Contains).ToArray();
        else (min, max) = (ticks[0], ticks[^1]);
        return new Axis(min, max, ticks, Plotting.Ticks.LogLabels(ticks), true, false);
    }

    public double WidestLabel(double fontSize) => Labels.Length == 0 ? 0 : Labels.Max(l => SvgWriter.TextWidth(l, fontSize));
}
