using ScottPlot;

namespace Learn.Dnn.Charts;

/// <summary>
/// The one font every chart uses: DejaVu Sans, regular and bold, shipped beside the assembly
/// (Fonts/*.ttf, copied to the output). ScottPlot measures and draws text with a Skia typeface; on
/// a machine with no fonts installed it finds none and silently drops every title, label and tick.
/// Registering a bundled font makes the figures the same on every machine.
/// </summary>
public static class ChartFonts
{
    /// <summary>The family name the charts ask for.</summary>
    public const string Family = "DejaVu Sans";

    private static readonly Lock Gate = new();
    private static bool registered;

    /// <summary>Registers the bundled font and makes it ScottPlot's default; safe to call any number of times.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (registered) return;
            Fonts.AddFontFile(Family, FontPath("DejaVuSans.ttf"), bold: false, italic: false);
            Fonts.AddFontFile(Family, FontPath("DejaVuSans-Bold.ttf"), bold: true, italic: false);
            Fonts.Default = Family;
            registered = true;
        }
    }

    private static string FontPath(string file)
    {
        string path = Path.Combine(Path.GetDirectoryName(typeof(ChartFonts).Assembly.Location) is { Length: > 0 } dir ? dir : AppContext.BaseDirectory,
                                   "Fonts", file);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Learn.Dnn.Charts: the bundled font {path} is missing; it is copied to the build output from src/Learn.Dnn.Charts/Fonts. Rebuild the project.", path);
    }
}
