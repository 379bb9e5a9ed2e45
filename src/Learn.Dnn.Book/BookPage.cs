using System.Text.RegularExpressions;
using Markdig.Syntax;

namespace Learn.Dnn.Book;

/// <summary>
/// One page of the book: book/NN-slug.md becomes NN-slug.html. The chapter number comes from the
/// file name's two-digit prefix (00 is the introduction), the title from the first "# " heading.
/// </summary>
public sealed partial record BookPage(string SourcePath, int Number, string Slug, string Title, string Markdown)
{
    [GeneratedRegex(@"^(?<number>\d{2})-(?<slug>[a-z0-9][a-z0-9-]*)\.md$")]
    private static partial Regex FileName();

    public string OutputName => $"{Number:00}-{Slug}.html";

    public string MarkdownName => $"{Number:00}-{Slug}.md";

    /// <summary>True for names such as 01-perceptron.md.</summary>
    public static bool IsPageFile(string fileName) => FileName().IsMatch(fileName);

    /// <summary>Reads a page; reports a file without a "# Title" line.</summary>
    public static BookPage? Read(string path, string root, BuildErrors errors)
    {
        var match = FileName().Match(Path.GetFileName(path));
        if (!match.Success) return null;
        var markdown = File.ReadAllText(path).Replace("\r\n", "\n");
        var heading = Markdig.Markdown.Parse(markdown).Descendants<HeadingBlock>().FirstOrDefault(h => h.Level == 1);
        if (heading is null)
        {
            errors.Add(RepoRoot.Relative(root, path), 1, "the page has no '# Title' heading; its first '# ' line names it in the table of contents");
            return null;
        }
        return new BookPage(path, int.Parse(match.Groups["number"].Value), match.Groups["slug"].Value,
                            InlineText.Of(heading.Inline), markdown);
    }
}
