namespace Learn.Dnn.Plotting;

/// <summary>
/// Colours for series and classes: the Okabe–Ito palette, chosen to stay distinguishable
/// under the common forms of colour blindness. Series i gets colour i (mod 8); class c gets
/// colour c and also marker shape c, so that classes differ in two ways, not just in hue.
/// </summary>
[Chapter(1)]
public static class Palette
{
    /// <summary>Blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow, black.</summary>
    public static IReadOnlyList<string> OkabeIto { get; } =
        ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];

    /// <summary>The colour of series (or class) <paramref name="index"/>, as "#RRGGBB".</summary>
    public static string Color(int index) => OkabeIto[((index % OkabeIto.Count) + OkabeIto.Count) % OkabeIto.Count];

    /// <summary>The colour as bytes.</summary>
    internal static (byte R, byte G, byte B) Rgb(int index) => ParseHex(Color(index));

    internal static (byte R, byte G, byte B) ParseHex(string hex) => (
        Convert.ToByte(hex.Substring(1, 2), 16),
        Convert.ToByte(hex.Substring(3, 2), 16),
        Convert.ToByte(hex.Substring(5, 2), 16));

    internal static string ToHex((byte R, byte G, byte B) c) => $"#{c.R:X2}{c.G:X2}{c.B:X2}";

    /// <summary>(1 − amount)·a + amount·b, channel by channel.</summary>
    internal static (byte R, byte G, byte B) Mix((byte R, byte G, byte B) a, (byte R, byte G, byte B) b, double amount) => (
        (byte)Math.Round(a.R + (b.R - a.R) * amount),
        (byte)Math.Round(a.G + (b.G - a.G) * amount),
        (byte)Math.Round(a.B + (b.B - a.B) * amount));

    /// <summary>Relative luminance in [0, 1] (Rec. 709 weights), to choose black or white text on a fill.</summary>
    internal static double Luminance((byte R, byte G, byte B) c) => (0.2126 * c.R + 0.7152 * c.G + 0.0722 * c.B) / 255.0;
}
