using System.Net;
using System.Text.RegularExpressions;

namespace Learn.Dnn.Book.Tests;

/// <summary>Checks on a built site that need no browser: every local src/href points at a file, every #anchor at an id.</summary>
public static partial class SiteChecks
{
    public const string TinySvg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"60\"><rect width=\"120\" height=\"60\" fill=\"#fff\"/>" +
        "<polyline points=\"0,50 60,50 120,5\" fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"3\"/></svg>";

    [GeneratedRegex("(?:src|href)=\"(?<url>[^\"]*)\"")]
    private static partial Regex Reference();

    [GeneratedRegex("\\bid=\"(?<id>[^\"]+)\"")]
    private static partial Regex Id();

    /// <summary>"page.html: href 'x' ..." for every local reference that does not resolve.</summary>
    public static List<string> BrokenReferences(string site)
    {
        var broken = new List<string>();
        foreach (var page in Directory.EnumerateFiles(site, "*.html"))
        {
            var name = Path.GetFileName(page);
            foreach (Match match in Reference().Matches(File.ReadAllText(page)))
            {
                var url = WebUtility.HtmlDecode(match.Groups["url"].Value);
                if (url.Length == 0 || url.Contains("://") || url.StartsWith("mailto:") || url.StartsWith("data:")) continue;
                var hash = url.IndexOf('#');
                var file = hash >= 0 ? url[..hash] : url;
                var anchor = hash >= 0 ? url[(hash + 1)..] : null;
                var target = file.Length == 0 ? page : Path.GetFullPath(Path.Combine(site, Uri.UnescapeDataString(file)));
                if (!File.Exists(target))
                    broken.Add($"{name}: '{url}' points at {file}, which is not in the site");
                else if (anchor is not null && !Id().Matches(File.ReadAllText(target)).Any(m => m.Groups["id"].Value == anchor))
                    broken.Add($"{name}: '{url}' points at #{anchor}, which {Path.GetFileName(target)} does not define");
            }
        }
        return broken;
    }
}
