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
}
