using Xunit;
using System.Xml.Linq;
using Learn.Dnn.Plotting;

namespace Learn.Dnn.Tests.Plotting;

/// <summary>Reads a figure's SVG back as XML and finds its texts by class.</summary>
internal static class SvgAssert
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Parses the SVG; throws (failing the test) if it is not well-formed XML.</summary>
    public static XDocument Parse(Figure figure)
    {
        string svg = figure.ToSvg();
        Assert.DoesNotContain("NaN", svg);
        Assert.DoesNotContain("Infinity", svg);
        return XDocument.Parse(svg);
    }

    public static List<string> Texts(XDocument document, string cssClass) => document.Descendants(Svg + "text")
        .Where(t => (t.Attribute("class")?.Value ?? "").Split(' ').Contains(cssClass))
        .Select(t => t.Value)
        .ToList();

    public static List<string> AllTexts(XDocument document) => document.Descendants(Svg + "text").Select(t => t.Value).ToList();

    public static void HasText(XDocument document, string cssClass, string expected) =>
        Assert.True(Texts(document, cssClass).Contains(expected),
            $"Expected a <text class=\"{cssClass}\"> reading \"{expected}\"; found: [{string.Join(", ", Texts(document, cssClass))}].");
}
