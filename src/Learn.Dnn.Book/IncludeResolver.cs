using System.Text.RegularExpressions;

namespace Learn.Dnn.Book;

/// <summary>A code listing taken from a real source file.</summary>
/// <param name="RepoPath">repo-relative path of the source file, shown in the caption</param>
/// <param name="Region">the region's name, or null for the whole file</param>
/// <param name="FirstLine">1-based first line of the region's body in the file</param>
/// <param name="LastLine">1-based last line of the region's body in the file</param>
/// <param name="Code">the listing text: markers removed, common indentation removed</param>
public sealed record Listing(string RepoPath, string? Region, int FirstLine, int LastLine, string Code)
{
    /// <summary>"csharp" for .cs files (highlighted), otherwise the extension.</summary>
    public string Language => Path.GetExtension(RepoPath) == ".cs" ? "csharp" : Path.GetExtension(RepoPath).TrimStart('.');
}

/// <summary>
/// Resolves the include directive of the book's Markdown,
/// <c>{{#include ../src/Learn.Dnn/Activations/Relu.cs#forward}}</c> (path relative to the Markdown
/// file, <c>#region</c> optional), and remembers which lines of which files the book shows, so that
/// a region no chapter shows can be reported.
/// </summary>
public sealed partial class IncludeResolver(string root, BuildErrors errors)
{
    [GeneratedRegex(@"^\s*\{\{#include\s+(?<target>[^\s}]+)\s*\}\}\s*$")]
    private static partial Regex Directive();

    private readonly Dictionary<string, SourceRegions> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SourceRegion>> _shown = new(StringComparer.Ordinal);

    /// <summary>The folders whose *.cs regions must all be shown by some chapter.</summary>
    public static readonly string[] CheckedFolders = ["src", "chapters", "exercises"];

    /// <summary>True when the whole line is an include directive; <paramref name="target"/> is "path[#region]".</summary>
    public static bool TryParseDirective(string line, out string target)
    {
        var match = Directive().Match(line);
        target = match.Success ? match.Groups["target"].Value : "";
        return match.Success;
    }

    /// <summary>True when the text holds a directive anywhere (used to prove none is left unresolved).</summary>
    public static bool ContainsDirective(string text) => text.Contains("{{#include", StringComparison.Ordinal);

    /// <summary>
    /// The listing for <paramref name="target"/> ("path" or "path#region"), or null after reporting
    /// a missing file or region at <paramref name="markdownFile"/>:<paramref name="markdownLine"/>.
    /// </summary>
    public Listing? Resolve(string target, string markdownFile, int markdownLine)
    {
        var page = RepoRoot.Relative(root, markdownFile);
        var hash = target.LastIndexOf('#');
        var relativePath = hash >= 0 ? target[..hash] : target;
        var regionName = hash >= 0 ? target[(hash + 1)..] : null;

        var fullPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(markdownFile)!, relativePath));
        var repoPath = RepoRoot.Relative(root, fullPath);
        if (!File.Exists(fullPath))
        {
            errors.Add(page, markdownLine, $"include '{target}': file '{repoPath}' does not exist (the path is relative to the Markdown file)");
            return null;
        }

        var regions = RegionsOf(fullPath);
        if (regionName is null)
        {
            MarkShown(fullPath, new SourceRegion("", 1, regions.Lines.Length));
            return new Listing(repoPath, null, 1, regions.Lines.Length, regions.WholeText());
        }

        var region = regions.Find(regionName);
        if (region is null)
        {
            var known = regions.All.Count == 0 ? "it has no regions" : "its regions are " + string.Join(", ", regions.All.Select(r => $"'{r.Name}'").Distinct());
            errors.Add(page, markdownLine, $"include '{target}': region '{regionName}' does not exist in '{repoPath}' ({known})");
            return null;
        }
        MarkShown(fullPath, region);
        return new Listing(repoPath, regionName, region.StartLine + 1, region.EndLine - 1, regions.Text(region));
    }

    /// <summary>
    /// Reports every region of every *.cs file under src/, chapters/ and exercises/ that no include
    /// shows (neither by name, nor inside an included region or whole file).
    /// </summary>
    public void ReportUnusedRegions()
    {
        foreach (var folder in CheckedFolders)
        {
            var dir = Path.Combine(root, folder);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in SourceFiles(dir))
            {
                var shown = _shown.GetValueOrDefault(file) ?? [];
                foreach (var region in RegionsOf(file).All.Where(r => !shown.Any(r.IsWithin)))
                    errors.Add(RepoRoot.Relative(root, file), region.StartLine,
                        region.Name.Length == 0
                            ? "#region without a name: name it and include it in a chapter, or remove it"
                            : $"region '{region.Name}' is not included by any book page; include it in a chapter with " +
                              $"{{{{#include ../{RepoRoot.Relative(root, file)}#{region.Name}}}}} or remove the region");
            }
        }
    }

    private static IEnumerable<string> SourceFiles(string dir) =>
        Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
                 .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules"))
                 .Order(StringComparer.Ordinal);

    private SourceRegions RegionsOf(string fullPath)
    {
        if (!_files.TryGetValue(fullPath, out var regions))
            _files[fullPath] = regions = SourceRegions.Read(fullPath, RepoRoot.Relative(root, fullPath), errors);
        return regions;
    }

    private void MarkShown(string fullPath, SourceRegion span)
    {
        if (!_shown.TryGetValue(fullPath, out var list)) _shown[fullPath] = list = [];
        list.Add(span);
    }
}
