using System.Globalization;
using ScottPlot;

namespace Learn.Dnn.Charts;

/// <summary>
/// Ticks for an axis whose coordinates are log₁₀ of the data (see <see cref="Lines.LogScaleY"/>):
/// labelled ticks at the powers of ten when the axis spans 2.5 decades or more, else at 1, 2 and 5
/// times them (and 3 and 7 within one decade); unlabelled minor ticks at 2…9 times each power of ten.
/// </summary>
internal sealed class LogTicks : ITickGenerator
{
    public Tick[] Ticks { get; set; } = [];

    public int MaxTickCount { get; set; } = 1000;

    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
    {
        double low = Math.Min(range.Min, range.Max), high = Math.Max(range.Min, range.Max);
        if (!double.IsFinite(low) || !double.IsFinite(high)) { Ticks = []; return; }
        int first = (int)Math.Floor(low), last = (int)Math.Ceiling(high);
        int decadeStep = Math.Max(1, (int)Math.Ceiling((last - first) / 8.0));   // at most ~8 labelled decades
        double span = high - low;
        double[] labelled = span >= 2.5 ? [1] : span >= 1 ? [1, 2, 5] : [1, 2, 3, 5, 7];
        var ticks = new List<Tick>();
        for (int decade = first; decade <= last; decade++)
            for (int m = 1; m <= 9; m++)
            {
                double position = decade + Math.Log10(m);
                if (position < low - 1e-9 || position > high + 1e-9) continue;
                bool major = labelled.Contains(m) && (m != 1 || decade % decadeStep == 0);
                ticks.Add(major ? Tick.Major(position, Label(m * Math.Pow(10, decade))) : Tick.Minor(position));
            }
        Ticks = [.. ticks];
    }

    /// <summary>0.001, 0.02, 1, 50, 1000; 1e-05 and 1e+06 beyond.</summary>
    private static string Label(double value) =>
        value is >= 1e-4 and < 1e5
            ? value.ToString("0.####", CultureInfo.InvariantCulture)
            : value.ToString("0e+0", CultureInfo.InvariantCulture);
}
