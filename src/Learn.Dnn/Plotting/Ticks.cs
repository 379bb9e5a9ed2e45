using System.Globalization;

namespace Learn.Dnn.Plotting;

/// <summary>
/// "Nice" tick values: evenly spaced by a step of 1, 2 or 5 × 10^k, the first at or below the
/// data minimum and the last at or above the data maximum, and at most <c>maxCount</c> of them.
/// A reader can then read any value off the axis by eye.
/// </summary>
[Chapter(1)]
public static class Ticks
{
    private static readonly double[] Mantissas = [1, 2, 5];

    /// <summary>
    /// Ticks covering [min, max] on a linear axis. A constant range (min = max, or nearly) is widened
    /// to min ± 10 % (or ± 1 around zero), so that a flat series still gets an axis.
    /// </summary>
    public static double[] Linear(double min, double max, int maxCount = 8)
    {
        RequireRange("Ticks.Linear", min, max);
        if (maxCount < 3)
            throw new ArgumentException($"Ticks.Linear: maxCount must be at least 3 (a range around zero needs −s, 0, s), got {maxCount}.");
        (min, max) = WidenIfConstant(min, max);

        double smallestStep = (max - min) / (maxCount - 1);
        for (int exponent = (int)Math.Floor(Math.Log10(smallestStep)); ; exponent++)
        {
            foreach (double mantissa in Mantissas)
            {
                double step = mantissa * Math.Pow(10, exponent);
                if (step < smallestStep) continue;
                double first = FirstMultipleAtOrBelow(min, step);
                double last = LastMultipleAtOrAbove(max, step);
                long count = (long)Math.Round(last - first) + 1;
                if (count <= maxCount)
                    return Enumerable.Range(0, (int)count).Select(i => (first + i) * step).ToArray();
            }
        }
    }

    /// <summary>
    /// Ticks covering [min, max] on a log axis (min &gt; 0): 1, 2, 5 × 10^k when at most maxCount
    /// of them cover the range, else the powers of ten (every second or third one for many decades).
    /// </summary>
    public static double[] Log(double min, double max, int maxCount = 8)
    {
        RequireRange("Ticks.Log", min, max);
        if (min <= 0)
            throw new ArgumentException($"Ticks.Log: a log axis needs positive values, got the range [{Format(min)}, {Format(max)}].");
        int low = (int)Math.Floor(Math.Log10(min) + 1e-12);
        int high = (int)Math.Ceiling(Math.Log10(max) - 1e-12);
        if (high == low) high++;

        var fine = new List<double>();   // 1, 2, 5 × 10^k: used when few enough cover the range
        for (int exponent = low; exponent < high; exponent++)
            foreach (double mantissa in Mantissas)
                fine.Add(mantissa * Math.Pow(10, exponent));
        fine.Add(Math.Pow(10, high));
        int first = fine.FindLastIndex(t => t <= min);
        int last = fine.FindIndex(t => t >= max);
        if (last == first) last++;   // a constant series still gets an axis
        if (last - first + 1 <= maxCount) return fine.GetRange(first, last - first + 1).ToArray();

        int stride = (int)Math.Ceiling((high - low) / (double)(maxCount - 1));   // every stride-th power of ten
        low = (int)Math.Floor(low / (double)stride) * stride;
        high = (int)Math.Ceiling(high / (double)stride) * stride;
        return Enumerable.Range(0, (high - low) / stride + 1).Select(i => Math.Pow(10, low + i * stride)).ToArray();
    }

    /// <summary>
    /// Labels for linear ticks, with as many decimals as the step needs ("0", "0.5", "1.0")
    /// and scientific notation ("2e6", "1.5e-7") when the largest tick is ≥ 10⁵ or &lt; 10⁻³.
    /// </summary>
    public static string[] Labels(IReadOnlyList<double> ticks)
    {
        if (ticks.Count == 0) return [];
        double step = ticks.Count > 1 ? Math.Abs(ticks[1] - ticks[0]) : Math.Max(Math.Abs(ticks[0]), 1);
        double largest = ticks.Max(Math.Abs);
        int stepExponent = (int)Math.Floor(Math.Log10(step) + 1e-9);
        bool scientific = largest >= 1e5 || largest < 1e-3;   // 1 ± 1e-7 still reads best as 1.0000001
        return ticks.Select(t => Math.Abs(t) < step * 1e-6 ? "0"
                                 : scientific ? Scientific(t, stepExponent)
                                 : t.ToString("F" + Math.Clamp(-stepExponent, 0, 15), CultureInfo.InvariantCulture))
                    .ToArray();
    }

    /// <summary>Labels for log ticks: "0.01", "1", "100", or "1e-6", "5e8" far from 1.</summary>
    public static string[] LogLabels(IReadOnlyList<double> ticks) => ticks
        .Select(t =>
        {
            int exponent = (int)Math.Floor(Math.Log10(t) + 1e-9);
            return exponent is >= -4 and <= 4
                ? t.ToString("0.####", CultureInfo.InvariantCulture)
                : Scientific(t, exponent);
        })
        .ToArray();

    /// <summary>t as mantissa "e" exponent, with the decimals needed to resolve 10^resolution.</summary>
    private static string Scientific(double t, int resolutionExponent)
    {
        int exponent = (int)Math.Floor(Math.Log10(Math.Abs(t)) + 1e-9);
        double mantissa = t / Math.Pow(10, exponent);
        int decimals = Math.Clamp(exponent - resolutionExponent, 0, 15);
        string digits = mantissa.ToString("F" + decimals, CultureInfo.InvariantCulture);
        if (digits.Contains('.')) digits = digits.TrimEnd('0').TrimEnd('.');
        return $"{digits}e{exponent}";
    }

    /// <summary>
    /// A range narrower than 10⁻⁹ of its magnitude is treated as constant (float32 data cannot
    /// resolve it anyway, and ticks that close would lose their step to rounding).
    /// </summary>
    internal static (double Min, double Max) WidenIfConstant(double min, double max)
    {
        double magnitude = Math.Max(Math.Abs(min), Math.Abs(max));
        if (max - min > 1e-9 * magnitude) return (min, max);
        double center = (min + max) / 2;
        double half = center == 0 ? 1 : Math.Abs(center) * 0.1;
        return (center - half, center + half);
    }

    // k·step for the largest integer k with k·step ≤ value (checked after rounding, so the
    // tick really is at or below the value in floating point).
    private static double FirstMultipleAtOrBelow(double value, double step)
    {
        double k = Math.Floor(value / step);
        while (k * step > value) k--;
        return k;
    }

    private static double LastMultipleAtOrAbove(double value, double step)
    {
        double k = Math.Ceiling(value / step);
        while (k * step < value) k++;
        return k;
    }

    private static void RequireRange(string operation, double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || Math.Abs(min) > 1e300 || Math.Abs(max) > 1e300)
            throw new ArgumentException($"{operation}: the range must be finite, got [{Format(min)}, {Format(max)}].");
        if (min > max)
            throw new ArgumentException($"{operation}: min must not exceed max, got [{Format(min)}, {Format(max)}].");
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
