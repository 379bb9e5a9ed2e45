using System.Text.RegularExpressions;
using Markdig.Syntax;

namespace Learn.Dnn.Book;

/// <summary>
/// One page of the book: book/NN-slug.md becomes NN-slug.html. The chapter number comes from the
/// file name's two-digit prefix (00 is the introduction), the title from the first "# " heading.
/// An appendix is book/x-slug.md with a letter instead of the number (a-engine-notes.md is appendix A);
/// appendices come after the chapters.
/// </summary>
public sealed partial record BookPage(string SourcePath, int Number, string Slug, string Title, string Markdown, char? Appendix = null)
{
    [GeneratedRegex(@"^(?:(?<number>\d{2})|(?<appendix>[a-z]))-(?<slug>[a-z0-9][a-z0-9-]*)\.md$")]
    private static partial Regex FileName();

    /// <summary>Appendices sort after every chapter: appendix A is number 1000, B 1001, ...</summary>
    public const int FirstAppendixNumber = 1000;

    public bool IsAppendix => Appendix is not null;

    private string Prefix => Appendix is { } letter ? letter.ToString() : $"{Number:00}";

    public string OutputName => $"{Prefix}-{Slug}.html";

    public string MarkdownName => $"{Prefix}-{Slug}.md";

    /// <summary>"Chapter 3", "Appendix A", or "" for the introduction.</summary>
    public string Eyebrow => Appendix is { } letter ? $"Appendix {char.ToUpperInvariant(letter)}" : Number == 0 ? "" : $"Chapter {Number}";

    /// <summary>True for names such as 01-perceptron.md and a-engine-notes.md.</summary>
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
        var appendix = match.Groups["appendix"].Success ? match.Groups["appendix"].Value[0] : (char?)null;
        var number = appendix is { } letter ? FirstAppendixNumber + (letter - 'a') : int.Parse(match.Groups["number"].Value);
        return new BookPage(path, number, match.Groups["slug"].Value, InlineText.Of(heading.Inline), markdown, appendix);
    }
}
