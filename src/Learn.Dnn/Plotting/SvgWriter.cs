using System.Globalization;
using System.Text;

namespace Learn.Dnn.Plotting;

/// <summary>
/// Writes SVG elements into a string. Every number is written with the invariant culture
/// (a decimal point, never a comma) and every text is escaped for XML.
/// </summary>
internal sealed class SvgWriter
{
    public const string FontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif";

    private readonly StringBuilder _svg = new();

    /// <summary>A coordinate or length, rounded to 0.01 px: "12.5", "-3", never "1,5".</summary>
    public static string Number(double value) =>
        Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// Estimated width of a text in px: about 0.6 em per character for a sans-serif font
    /// (digits are 0.64 em in DejaVu Sans). Used to size margins so that labels are not clipped.
    /// </summary>
    public static double TextWidth(string text, double size) => text.Length * size * 0.62;

    /// <summary>Replaces the five characters XML reserves with their entities.</summary>
    public static string Escape(string text) => text
        .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;")
        .Replace("\"", "&quot;").Replace("'", "&apos;");

    public void Begin(double width, double height)
    {
        _svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Number(width)}\" height=\"{Number(height)}\" ")
            .Append($"viewBox=\"0 0 {Number(width)} {Number(height)}\" font-family=\"{FontFamily}\">\n");
    }

    public void End() => _svg.Append("</svg>\n");

    /// <summary>Opens a group; <paramref name="attributes"/> is written as given (already escaped).</summary>
    public void BeginGroup(string attributes) => _svg.Append($"<g {attributes}>\n");

    public void EndGroup() => _svg.Append("</g>\n");

    public void ClipRectangle(string id, double x, double y, double width, double height) =>
        _svg.Append($"<clipPath id=\"{id}\"><rect x=\"{Number(x)}\" y=\"{Number(y)}\" ")
            .Append($"width=\"{Number(width)}\" height=\"{Number(height)}\"/></clipPath>\n");

    public void Rectangle(double x, double y, double width, double height, string fill,
                          string? stroke = null, double strokeWidth = 1, string? extra = null)
    {
        _svg.Append($"<rect x=\"{Number(x)}\" y=\"{Number(y)}\" width=\"{Number(width)}\" height=\"{Number(height)}\" fill=\"{fill}\"");
        if (stroke is not null) _svg.Append($" stroke=\"{stroke}\" stroke-width=\"{Number(strokeWidth)}\"");
        if (extra is not null) _svg.Append(' ').Append(extra);
        _svg.Append("/>\n");
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1,
                     string? dash = null)
    {
        _svg.Append($"<line x1=\"{Number(x1)}\" y1=\"{Number(y1)}\" x2=\"{Number(x2)}\" y2=\"{Number(y2)}\" ")
            .Append($"stroke=\"{stroke}\" stroke-width=\"{Number(strokeWidth)}\"");
        if (dash is not null) _svg.Append($" stroke-dasharray=\"{dash}\"");
        _svg.Append("/>\n");
    }

    /// <summary>A connected line through pixel points (x0, y0), (x1, y1), ...</summary>
    public void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double strokeWidth,
                         string? dash = null)
    {
        _svg.Append("<polyline fill=\"none\" stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"");
        foreach (var (x, y) in points) _svg.Append(Number(x)).Append(',').Append(Number(y)).Append(' ');
        _svg.Append($"\" stroke=\"{stroke}\" stroke-width=\"{Number(strokeWidth)}\"");
        if (dash is not null) _svg.Append($" stroke-dasharray=\"{dash}\"");
        _svg.Append("/>\n");
    }

    /// <summary>A path from SVG path data ("M 1 2 L 3 4 ...").</summary>
    public void Path(string data, string fill, string? stroke = null, double strokeWidth = 1, string? extra = null)
    {
        _svg.Append($"<path d=\"{data}\" fill=\"{fill}\"");
        if (stroke is not null) _svg.Append($" stroke=\"{stroke}\" stroke-width=\"{Number(strokeWidth)}\"");
        if (extra is not null) _svg.Append(' ').Append(extra);
        _svg.Append("/>\n");
    }

    public void Text(double x, double y, string text, double size, string anchor = "middle",
                     string fill = "#222222", string? weight = null, double rotate = 0, string? cssClass = null,
                     string baseline = "auto")
    {
        _svg.Append($"<text x=\"{Number(x)}\" y=\"{Number(y)}\" font-size=\"{Number(size)}\" text-anchor=\"{anchor}\" fill=\"{fill}\"");
        if (baseline != "auto") _svg.Append($" dominant-baseline=\"{baseline}\"");
        if (weight is not null) _svg.Append($" font-weight=\"{weight}\"");
        if (rotate != 0) _svg.Append($" transform=\"rotate({Number(rotate)} {Number(x)} {Number(y)})\"");
        if (cssClass is not null) _svg.Append($" class=\"{cssClass}\"");
        _svg.Append('>').Append(Escape(text)).Append("</text>\n");
    }

    /// <summary>An embedded PNG, stretched over the rectangle.</summary>
    public void Image(double x, double y, double width, double height, byte[] png, bool pixelated)
    {
        _svg.Append($"<image x=\"{Number(x)}\" y=\"{Number(y)}\" width=\"{Number(width)}\" height=\"{Number(height)}\" preserveAspectRatio=\"none\"");
        if (pixelated) _svg.Append(" style=\"image-rendering:pixelated\"");
        _svg.Append(" href=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\"/>\n");
    }

    /// <summary>A raw element (already escaped), for gradients and other rare shapes.</summary>
    public void Raw(string element) => _svg.Append(element).Append('\n');

    public override string ToString() => _svg.ToString();
}
