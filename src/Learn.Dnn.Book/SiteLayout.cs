using System.Net;

namespace Learn.Dnn.Book;

/// <summary>
/// The HTML around each page: head, header with the book's name and the search box, the page's own
/// table of contents after its title, previous/next links.
/// </summary>
public static class SiteLayout
{
    public const string BookTitle = "Learn.Dnn";
    public const string Subtitle = "A deep-learning engine in C#, built one chapter at a time";

    public static string Page(BookPage page, string body, BookPage? previous, BookPage? next, bool hasMath,
                              IReadOnlyList<PageHeading>? headings = null)
    {
        var eyebrow = page.Eyebrow.Length == 0 ? "" : $"<p class=\"chapter-label\">{page.Eyebrow}</p>\n";
        var contents = PageToc(headings ?? []);
        int titleEnd = body.IndexOf("</h1>", StringComparison.Ordinal);
        body = titleEnd >= 0 && contents.Length > 0
            ? body[..(titleEnd + 5)] + "\n" + contents + body[(titleEnd + 5)..]
            : contents + body;
        return Document($"{Label(page)} — {BookTitle}", eyebrow + body, hasMath, Navigation(previous, next));
    }

    /// <summary>The page's sections (## and ### headings) as a nested list of links; empty when the page has fewer than two.</summary>
    public static string PageToc(IReadOnlyList<PageHeading> headings)
    {
        if (headings.Count < 2) return "";
        var html = new System.Text.StringBuilder("<nav class=\"page-toc\" aria-label=\"On this page\">\n<p class=\"page-toc-title\">On this page</p>\n<ol>\n");
        for (int i = 0; i < headings.Count; i++)
        {
            var h = headings[i];
            html.Append($"<li class=\"toc-level-{h.Level}\"><a href=\"#{Encode(h.Id)}\">{Encode(h.Text)}</a></li>\n");
        }
        return html.Append("</ol>\n</nav>\n").ToString();
    }

    public static string Index(IReadOnlyList<BookPage> pages)
    {
        var items = string.Concat(pages.Select(p =>
            $"<li><a href=\"{p.OutputName}\"><span class=\"toc-number\">{(p.Appendix is { } letter ? char.ToUpperInvariant(letter).ToString() : p.Number == 0 ? "" : p.Number.ToString())}</span>" +
            $"<span class=\"toc-title\">{Encode(p.Title)}</span></a></li>\n"));
        var body = $"""
            <h1 class="book-title">{BookTitle}</h1>
            <p class="book-subtitle">{Subtitle}</p>
            <h2 id="contents">Contents</h2>
            <ol class="toc">
            {items}</ol>
            """;
        var first = pages.Count > 0 ? pages[0] : null;
        return Document(BookTitle, body, hasMath: false, Navigation(null, first, fromIndex: true));
    }

    private static string Label(BookPage page) =>
        page.IsAppendix ? $"{page.Eyebrow}. {page.Title}" : page.Number == 0 ? page.Title : $"{page.Number}. {page.Title}";

    private static string Navigation(BookPage? previous, BookPage? next, bool fromIndex = false)
    {
        var back = fromIndex ? "<span class=\"nav-prev\"></span>"
            : previous is null
            ? "<a class=\"nav-prev\" href=\"index.html\" rel=\"prev\"><span class=\"nav-label\">Contents</span></a>"
            : $"<a class=\"nav-prev\" href=\"{previous.OutputName}\" rel=\"prev\"><span class=\"nav-label\">Previous</span>{Encode(Label(previous))}</a>";
        var forward = next is null
            ? "<span class=\"nav-next\"></span>"
            : $"<a class=\"nav-next\" href=\"{next.OutputName}\" rel=\"next\"><span class=\"nav-label\">Next</span>{Encode(Label(next))}</a>";
        return $"<nav class=\"page-nav\" aria-label=\"Chapters\">{back}{forward}</nav>";
    }

    private static string Document(string title, string body, bool hasMath, string navigation) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{Encode(title)}</title>
        {(hasMath ? "<link rel=\"stylesheet\" href=\"katex/katex.min.css\">\n" : "")}<link rel="stylesheet" href="book.css">
        <link rel="stylesheet" href="print.css" media="print">
        <script src="search-index.js" defer></script>
        <script src="search.js" defer></script>
        </head>
        <body>
        <header class="site-header"><a href="index.html">{BookTitle}</a>
        <form class="search" role="search" action="#" onsubmit="return false">
        <input type="search" id="search-input" placeholder="Search the book" aria-label="Search the book" autocomplete="off">
        <ol id="search-results" class="search-results" hidden></ol>
        </form>
        </header>
        <main>
        {body}
        </main>
        <footer>
        {navigation}
        </footer>
        </body>
        </html>

        """;

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
