namespace Learn.Dnn.Plotting;

/// <summary>
/// Maps a number t in [0, 1] to a colour by linear interpolation between evenly spaced stops.
/// Viridis (the default for heatmaps) is perceptually uniform and readable in greyscale and by
/// colour-blind readers; Grays is for images; BlueOrange is the two-class diverging map whose
/// ends are the colours of class 0 and class 1.
/// </summary>
[Chapter(1)]
public sealed class Colormap
{
    private readonly (byte R, byte G, byte B)[] _stops;

    private Colormap(string name, params string[] stops)
    {
        Name = name;
        _stops = stops.Select(Palette.ParseHex).ToArray();
    }

    public string Name { get; }

    /// <summary>Matplotlib's viridis, sampled at t = 0, 0.1, ..., 1: dark purple → blue → green → yellow.</summary>
    public static Colormap Viridis { get; } = new("viridis",
        "#440154", "#482475", "#414487", "#355F8D", "#2A788E", "#21918C",
        "#22A884", "#44BF70", "#7AD151", "#BDDF26", "#FDE725");

    /// <summary>Black at 0, white at 1.</summary>
    public static Colormap Grays { get; } = new("grays", "#000000", "#FFFFFF");

    /// <summary>White at 0, black at 1 (dark ink on white paper).</summary>
    public static Colormap GraysReversed { get; } = new("grays-reversed", "#FFFFFF", "#000000");

    /// <summary>Class-0 blue at 0, white at 0.5, class-1 orange at 1 (Okabe–Ito ends).</summary>
    public static Colormap BlueOrange { get; } = new("blue-orange", "#0072B2", "#FFFFFF", "#E69F00");

    /// <summary>The same map faded towards white: each stop becomes (1 − strength)·white + strength·stop.</summary>
    public Colormap Faded(double strength) => new(
        $"{Name}-faded", _stops.Select(c => Palette.ToHex(Palette.Mix((255, 255, 255), c, strength))).ToArray());

    /// <summary>The colour at t (clamped to [0, 1]).</summary>
    public (byte R, byte G, byte B) Rgb(double t)
    {
        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);
        double position = t * (_stops.Length - 1);              // which pair of stops, and how far between them
        int lower = Math.Min((int)Math.Floor(position), _stops.Length - 2);
        return Palette.Mix(_stops[lower], _stops[lower + 1], position - lower);
    }

    /// <summary>The colour at t as "#RRGGBB".</summary>
    public string Hex(double t) => Palette.ToHex(Rgb(t));
}
