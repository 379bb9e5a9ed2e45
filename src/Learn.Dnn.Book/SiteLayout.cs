using System.Net;

namespace Learn.Dnn.Book;

/// <summary>The HTML around each page: head, header with the book's name, previous/next links.</summary>
public static class SiteLayout
{
    public const string BookTitle = "Learn.Dnn";
    public const string Subtitle = "A deep-learning engine in C#, built one chapter at a time";

    public static string Page(BookPage page, string body, BookPage? previous, BookPage? next, bool hasMath)
    {
        var eyebrow = page.Number == 0 ? "" : $"<p class=\"chapter-label\">Chapter {page.Number}</p>\n";
        return Document($"{Label(page)} — {BookTitle}", eyebrow + body, hasMath, Navigation(previous, next));
    }

    public static string Index(IReadOnlyList<BookPage> pages)
    {
        var items = string.Concat(pages.Select(p =>
            $"<li><a href=\"{p.OutputName}\"><span class=\"toc-number\">{(p.Number == 0 ? "" : p.Number.ToString())}</span>" +
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

    private static string Label(BookPage page) => page.Number == 0 ? page.Title : $"{page.Number}. {page.Title}";

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
        </head>
        <body>
        <header class="site-header"><a href="index.html">{BookTitle}</a></header>
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
