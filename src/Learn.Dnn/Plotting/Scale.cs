namespace Learn.Dnn.Plotting;

/// <summary>
/// Maps data values on one axis to pixels. Linear: p = p₀ + (v − min)/(max − min)·(p₁ − p₀).
/// Log: the same on log₁₀ v, so that equal ratios get equal distances.
/// For a y axis p₀ is the bottom pixel and p₁ the top one (SVG's y grows downwards).
/// </summary>
internal sealed class Scale(double min, double max, double pixelStart, double pixelEnd, bool log = false)
{
    public double Min { get; } = min;
    public double Max { get; } = max;
    public bool IsLog { get; } = log;

    public double Map(double value)
    {
        double t = IsLog
            ? (Math.Log10(value) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
            : (value - Min) / (Max - Min);
        return pixelStart + t * (pixelEnd - pixelStart);
    }

    public bool Contains(double value) => value >= Min - 1e-9 * Math.Abs(Max - Min) && value <= Max + 1e-9 * Math.Abs(Max - Min);
}
