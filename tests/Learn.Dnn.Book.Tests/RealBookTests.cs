using System.Text.RegularExpressions;

namespace Learn.Dnn.Book.Tests;

/// <summary>End to end: the repository's book builds, and what it builds hangs together.</summary>
[Collection(RealBookCollection.Name)]
public sealed partial class RealBookTests(RealBook book)
{
    [GeneratedRegex(@"^(?<number>\d{2})-")]
    private static partial Regex NumberPrefix();

    [Fact]
    public void Real_book_builds_without_errors()
    {
        Assert.True(!book.Result.Errors.Any,
            "The book did not build. Each line names a file and line to fix:\n  " + string.Join("\n  ", book.Result.Errors.Messages));
    }

    [Fact]
    public void Every_page_is_built_and_listed_in_the_index()
    {
        var index = File.ReadAllText(Path.Combine(book.Site, "index.html"));
        foreach (var page in book.Result.Pages)
        {
            Assert.True(File.Exists(Path.Combine(book.Site, page.OutputName)), $"{page.MarkdownName} was not built into {page.OutputName}");
            Assert.Contains($"href=\"{page.OutputName}\"", index);
        }
    }

    [Fact]
    public void Every_include_is_resolved()
    {
        var unresolved = Directory.EnumerateFiles(book.Site, "*.html")
            .Where(f => IncludeResolver.ContainsDirective(File.ReadAllText(f)))
            .Select(Path.GetFileName).ToList();
        Assert.True(unresolved.Count == 0, "these pages still contain {{#include ...}}: " + string.Join(", ", unresolved));
    }

    [Fact]
    public void Every_image_and_internal_link_resolves_to_a_file_in_the_site()
    {
        var broken = SiteChecks.BrokenReferences(book.Site);
        Assert.True(broken.Count == 0, "broken references:\n  " + string.Join("\n  ", broken));
    }

    [Fact]
    public void Every_chapter_program_has_a_book_page_and_every_page_has_its_chapter()
    {
        var chaptersDir = Path.Combine(book.Root, "chapters");
        var programs = Directory.Exists(chaptersDir)
            ? Directory.GetDirectories(chaptersDir).Select(Path.GetFileName).OfType<string>()
                       .Where(n => NumberPrefix().IsMatch(n)).ToList()
            : [];
        var pages = Directory.GetFiles(Path.Combine(book.Root, "book"), "*.md").Select(Path.GetFileName).OfType<string>()
                             .Where(n => NumberPrefix().IsMatch(n)).ToList();
        string Number(string name) => NumberPrefix().Match(name).Groups["number"].Value;

        var programsWithoutPage = programs.Where(p => !pages.Any(page => Number(page) == Number(p))).ToList();
        var pagesWithoutProgram = pages.Where(p => Number(p) != "00" && !programs.Any(c => Number(c) == Number(p))).ToList();

        Assert.True(programsWithoutPage.Count == 0,
            "chapter programs without a book page (add book/NN-topic.md): " + string.Join(", ", programsWithoutPage));
        Assert.True(pagesWithoutProgram.Count == 0,
            "book pages whose chapter program chapters/NN-* does not exist: " + string.Join(", ", pagesWithoutProgram));
    }

    [Fact]
    public void Every_page_has_its_own_table_of_contents_linking_to_its_headings()
    {
        foreach (var page in book.Result.Pages)
        {
            var html = File.ReadAllText(Path.Combine(book.Site, page.OutputName));
            var toc = Regex.Match(html, "<nav class=\"page-toc\".*?</nav>", RegexOptions.Singleline);
            Assert.True(toc.Success, $"{page.OutputName} has no page table of contents (<nav class=\"page-toc\">).");
            foreach (Match link in Regex.Matches(toc.Value, "href=\"#([^\"]+)\""))
                Assert.True(html.Contains($"id=\"{link.Groups[1].Value}\"", StringComparison.Ordinal),
                    $"{page.OutputName}: the table of contents links to #{link.Groups[1].Value}, which no heading has.");
        }
    }

    [Fact]
    public void The_search_index_covers_every_page_and_every_page_loads_search_and_print_styles()
    {
        var script = File.ReadAllText(Path.Combine(book.Site, "search-index.js"));
        Assert.StartsWith("// Built by src/Learn.Dnn.Book", script);
        Assert.True(File.Exists(Path.Combine(book.Site, "search.js")), "search.js is not in the site.");
        Assert.True(File.Exists(Path.Combine(book.Site, "print.css")), "print.css is not in the site.");
        foreach (var page in book.Result.Pages)
        {
            Assert.Contains($"\"u\":\"{page.OutputName}", script);
            var html = File.ReadAllText(Path.Combine(book.Site, page.OutputName));
            Assert.Contains("<script src=\"search-index.js\" defer></script>", html);
            Assert.Contains("<link rel=\"stylesheet\" href=\"print.css\" media=\"print\">", html);
            Assert.DoesNotContain("https://cdn", html);
        }
    }

    [Fact]
    public void Appendices_come_after_the_chapters_and_chapters_link_to_the_glossary()
    {
        var pages = book.Result.Pages;
        var firstAppendix = pages.ToList().FindIndex(p => p.IsAppendix);
        Assert.True(firstAppendix > 0, "the book has no appendix page (book/a-*.md).");
        Assert.All(pages.Skip(firstAppendix), p => Assert.True(p.IsAppendix, $"{p.MarkdownName} comes after an appendix."));
        var glossary = pages.Single(p => p.Slug == "keras-glossary");
        foreach (var chapter in pages.Where(p => !p.IsAppendix && p.Number is >= 1 and <= 4))
            Assert.True(chapter.Markdown.Contains(glossary.MarkdownName, StringComparison.Ordinal),
                $"{chapter.MarkdownName} mentions Keras but does not link to the glossary ({glossary.MarkdownName}).");
        foreach (var chapter in pages.Where(p => !p.IsAppendix && p.Number >= 1))
            Assert.True(chapter.Markdown.Contains("\n## Further reading\n", StringComparison.Ordinal),
                $"{chapter.MarkdownName} has no '## Further reading' section.");
    }
}
