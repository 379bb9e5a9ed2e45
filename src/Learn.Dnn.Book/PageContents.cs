using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Learn.Dnn.Book;

/// <summary>A section heading of a page: its level (2 or 3), anchor and text.</summary>
public sealed record PageHeading(int Level, string Id, string Text);

/// <summary>One section of one page in the search index: where it is, its heading, and its prose.</summary>
public sealed record SearchEntry(string Url, string Page, string Section, string Text);

/// <summary>
/// What the builder reads back from a parsed page: the headings for the page's own table of contents,
/// and the sections for the offline search. The search index is a script (search-index.js), not a JSON
/// file, so that it loads from file:// too, where a browser refuses fetch().
/// </summary>
public static partial class PageContents
{
    /// <summary>The page's ## and ### headings, in order, with the anchors Markdig gave them.</summary>
    public static List<PageHeading> Headings(MarkdownDocument document) =>
        document.Descendants<HeadingBlock>()
            .Where(h => h.Level is 2 or 3 && h.GetAttributes().Id is { Length: > 0 })
            .Select(h => new PageHeading(h.Level, h.GetAttributes().Id!, Tidy(InlineText.Of(h.Inline))))
            .ToList();

    /// <summary>One entry per section (the text before the first ## belongs to the page's title): headings and prose, no listings.</summary>
    public static List<SearchEntry> SearchEntries(BookPage page, MarkdownDocument document)
    {
        var entries = new List<SearchEntry>();
        var pageTitle = page.IsAppendix ? $"{page.Eyebrow}. {page.Title}" : page.Title;
        string section = "", anchor = "";
        var text = new StringBuilder();
        void Flush()
        {
            if (text.Length > 0 || section.Length > 0)
                entries.Add(new SearchEntry(page.OutputName + (anchor.Length > 0 ? "#" + anchor : ""), pageTitle, section, Tidy(text.ToString())));
            text.Clear();
        }
        foreach (var block in document.Descendants<Block>())
        {
            switch (block)
            {
                case HeadingBlock { Level: 2 or 3 } heading when heading.GetAttributes().Id is { Length: > 0 } id:
                    Flush();
                    section = Tidy(InlineText.Of(heading.Inline));
                    anchor = id;
                    break;
                case ParagraphBlock paragraph:
                    text.Append(InlineText.Of(paragraph.Inline)).Append(' ');
                    break;
            }
        }
        Flush();
        return entries;
    }

    /// <summary>search-index.js: <c>window.LEARN_DNN_SEARCH = [{u, p, s, t}, ...];</c></summary>
    public static string SearchIndexScript(IEnumerable<SearchEntry> entries)
    {
        var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var json = JsonSerializer.Serialize(entries.Select(e => new { u = e.Url, p = e.Page, s = e.Section, t = e.Text }), options);
        // </script> cannot appear in a JSON string here, but keep the file safe to inline anyway.
        return "// Built by src/Learn.Dnn.Book: the book's sections, for search.js.\nwindow.LEARN_DNN_SEARCH = " +
               json.Replace("</", "<\\/") + ";\n";
    }

    private static string Tidy(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
