using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Learn.Dnn.Book;

/// <summary>
/// Puts every image the pages reference into the site. Figures are written by the chapter
/// programs: <c>![caption](figures/ch01/decision-lines.svg)</c> is
/// artifacts/figures/ch01/decision-lines.svg, copied to _site/figures/ch01/. A figure that does
/// not exist yet is produced by running its chapter program (full mode, or quick mode with --quick),
/// <c>dotnet run --project chapters/01-Perceptron -- --quick --out artifacts/figures/ch01</c>.
/// Any other relative image is copied from beside the Markdown.
/// </summary>
public sealed partial class FigureCollector(string root, string outputDirectory, bool runChapters, bool quick, BuildErrors errors)
{
    [GeneratedRegex(@"^figures/ch(?<chapter>\d{2})/[^/]+$")]
    private static partial Regex ChapterFigure();

    private sealed record Reference(string Url, string Page, int Line, string SourceDirectory);

    private readonly List<Reference> _references = [];

    /// <summary>Per chapter ("01"), why a figure may still be missing: not run, no program, the program failed...</summary>
    private readonly Dictionary<string, string> _whyMissing = [];

    /// <summary>Notes an image of <paramref name="page"/> (repo-relative) at 1-based <paramref name="line"/>.</summary>
    public void Request(string url, string page, int line, string sourceDirectory)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "file")
            errors.Add(page, line, $"image '{url}' is not part of the repository; the book must work offline, so put the image in the repo");
        else
            _references.Add(new Reference(Uri.UnescapeDataString(url), page, line, sourceDirectory));
    }

    /// <summary>Runs the chapters whose figures are missing, copies all figures, reports the ones still missing.</summary>
    public void Complete()
    {
        var chapters = _references.Select(r => ChapterFigure().Match(r.Url))
                                  .Where(m => m.Success).Select(m => m.Groups["chapter"].Value)
                                  .Distinct().Order().ToList();
        foreach (var chapter in chapters)
        {
            var missing = _references.Where(r => r.Url.StartsWith($"figures/ch{chapter}/", StringComparison.Ordinal)
                                                 && !File.Exists(ArtifactPath(r.Url))).ToList();
            _whyMissing[chapter] = !runChapters ? "--no-run: chapter programs were not run"
                : missing.Count > 0 ? RunChapter(chapter)
                : "";
            CopyFolder(Path.Combine(root, "artifacts", "figures", $"ch{chapter}"), Path.Combine(outputDirectory, "figures", $"ch{chapter}"));
        }

        foreach (var reference in _references)
        {
            var figure = ChapterFigure().Match(reference.Url);
            var isFigure = figure.Success;
            var source = isFigure ? ArtifactPath(reference.Url) : Path.GetFullPath(Path.Combine(reference.SourceDirectory, reference.Url));
            if (!File.Exists(source))
            {
                errors.Add(reference.Page, reference.Line, isFigure
                    ? $"figure '{reference.Url}' does not exist: expected {RepoRoot.Relative(root, source)}, written by chapter " +
                      $"{figure.Groups["chapter"].Value}'s program ({_whyMissing.GetValueOrDefault(figure.Groups["chapter"].Value)})"
                    : $"image '{reference.Url}' does not exist (looked for {RepoRoot.Relative(root, source)})");
                continue;
            }
            if (!isFigure) Copy(source, Path.Combine(outputDirectory, reference.Url));
        }
    }

    private string ArtifactPath(string url) => Path.Combine(root, "artifacts", url);

    /// <summary>Runs chapters/NN-* (in Release, full mode unless quick figures were asked for); returns what to tell the reader if a figure is still missing.</summary>
    private string RunChapter(string chapter)
    {
        var chaptersDir = Path.Combine(root, "chapters");
        var project = Directory.Exists(chaptersDir)
            ? Directory.GetDirectories(chaptersDir, $"{chapter}-*").Order(StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (project is null)
            return $"there is no chapter program chapters/{chapter}-* to produce it";

        var relativeProject = RepoRoot.Relative(root, project);
        var outDir = $"artifacts/figures/ch{chapter}";
        string[] arguments = quick
            ? ["run", "--project", relativeProject, "--", "--quick", "--out", outDir]
            : ["run", "-c", "Release", "--project", relativeProject, "--", "--out", outDir];
        var command = "dotnet " + string.Join(' ', arguments);
        Console.WriteLine($"Drawing the figures of chapter {chapter}: {command}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("FigureCollector: could not start 'dotnet'");
        process.WaitForExit();
        return process.ExitCode == 0
            ? $"'{command}' ran and did not write it"
            : $"'{command}' failed with exit code {process.ExitCode}";
    }

    private static void CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from)) return;
        foreach (var file in Directory.EnumerateFiles(from).Where(f => Path.GetExtension(f) is ".svg" or ".png" or ".jpg" or ".gif" or ".webp"))
            Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }
}
