using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Learn.Dnn.Charts;

/// <summary>Finishing touches on ScottPlot's SVG, so that it reads well in a browser and nests in a figure.</summary>
internal static partial class SvgOutput
{
    private static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";

    [GeneratedRegex(@"url\(#(?<id>[^)]+)\)")]
    private static partial Regex UrlReference();

    /// <summary>
    /// ScottPlot embeds heatmaps as tiny images (a 3×3 confusion matrix is a 3×3 PNG): draw their
    /// pixels as crisp squares, not blurred. Prefix every id (clip paths, images) with
    /// <paramref name="idPrefix"/>, so that panels nested in one document keep their own definitions.
    /// </summary>
    public static XElement Finish(string svg, string idPrefix)
    {
        var root = XElement.Parse(svg);
        foreach (var image in root.Descendants().Where(e => e.Name.LocalName == "image"))
            image.SetAttributeValue("style", "image-rendering:pixelated");
        if (idPrefix.Length == 0) return root;
        foreach (var element in root.DescendantsAndSelf())
            foreach (var attribute in element.Attributes().ToList())
            {
                if (attribute.Name == "id")
                    attribute.Value = idPrefix + attribute.Value;
                else if (attribute.Name == XLink + "href" || attribute.Name == "href")
                {
                    if (attribute.Value.StartsWith('#')) attribute.Value = "#" + idPrefix + attribute.Value[1..];
                }
                else if (attribute.Value.Contains("url(#", StringComparison.Ordinal))
                    attribute.Value = UrlReference().Replace(attribute.Value, m => $"url(#{idPrefix}{m.Groups["id"].Value})");
            }
        return root;
    }
}
