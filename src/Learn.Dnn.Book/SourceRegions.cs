using System.Text.RegularExpressions;

namespace Learn.Dnn.Book;

/// <summary>One named region of a source file: the lines between its #region and #endregion.</summary>
/// <param name="Name">the text after "#region"</param>
/// <param name="StartLine">1-based line of the "#region" marker</param>
/// <param name="EndLine">1-based line of the matching "#endregion" marker</param>
public sealed record SourceRegion(string Name, int StartLine, int EndLine)
{
    /// <summary>True when this region lies inside <paramref name="outer"/> (or is it).</summary>
    public bool IsWithin(SourceRegion outer) => StartLine >= outer.StartLine && EndLine <= outer.EndLine;
}

/// <summary>
/// The regions of one source file. Markers are C#'s <c>#region name</c> … <c>#endregion</c>
/// (also accepted as <c>// #region name</c> for languages without them, such as OpenCL C).
/// Regions may nest. A listing shows a region's lines without any marker lines and with the
/// common indentation removed.
/// </summary>
public sealed partial class SourceRegions
{
    [GeneratedRegex(@"^\s*(?://\s*)?#region\b[ \t]*(?<name>.*?)\s*$")]
    private static partial Regex RegionStart();

    [GeneratedRegex(@"^\s*(?://\s*)?#endregion\b")]
    private static partial Regex RegionEnd();

    public string[] Lines { get; }

    /// <summary>Every region in file order; a name defined twice appears twice (and is reported).</summary>
    public IReadOnlyList<SourceRegion> All { get; }

    private SourceRegions(string[] lines, IReadOnlyList<SourceRegion> all)
    {
        Lines = lines;
        All = all;
    }

    /// <summary>
    /// Reads the regions of <paramref name="path"/>; reports unbalanced markers and names defined
    /// twice to <paramref name="errors"/> as "<paramref name="displayPath"/>:line: ...".
    /// </summary>
    public static SourceRegions Read(string path, string displayPath, BuildErrors errors) =>
        Parse(File.ReadAllLines(path), displayPath, errors);

    public static SourceRegions Parse(string[] lines, string displayPath, BuildErrors errors)
    {
        var regions = new List<SourceRegion>();
        var open = new Stack<(string Name, int Line)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var start = RegionStart().Match(lines[i]);
            if (start.Success)
            {
                open.Push((start.Groups["name"].Value, i + 1));
            }
            else if (RegionEnd().IsMatch(lines[i]))
            {
                if (open.Count == 0)
                    errors.Add(displayPath, i + 1, "#endregion without a matching #region");
                else
                {
                    var (name, line) = open.Pop();
                    regions.Add(new SourceRegion(name, line, i + 1));
                }
            }
        }
        foreach (var (name, line) in open)
            errors.Add(displayPath, line, $"#region '{name}' is never closed by an #endregion");

        regions.Sort((a, b) => a.StartLine.CompareTo(b.StartLine));
        foreach (var group in regions.GroupBy(r => r.Name).Where(g => g.Count() > 1))
        {
            var lineList = string.Join(", ", group.Select(r => r.StartLine));
            foreach (var duplicate in group.Skip(1))
                errors.Add(displayPath, duplicate.StartLine,
                    $"region '{group.Key}' is defined twice in this file (lines {lineList}); an include could not tell which one to show");
        }
        return new SourceRegions(lines, regions);
    }

    public SourceRegion? Find(string name) => All.FirstOrDefault(r => r.Name == name);

    /// <summary>The text of a region: inner lines, markers removed, common indentation removed.</summary>
    public string Text(SourceRegion region) => Dedent(ContentLines(region.StartLine, region.EndLine - 1));

    /// <summary>The whole file, region markers removed.</summary>
    public string WholeText() => Dedent(ContentLines(0, Lines.Length));

    /// <summary>Lines with 0-based index in [from, to), marker lines left out.</summary>
    private IEnumerable<string> ContentLines(int from, int to) =>
        Lines[from..Math.Max(from, to)].Where(l => !RegionStart().IsMatch(l) && !RegionEnd().IsMatch(l));

    /// <summary>Removes the indentation every non-blank line shares (tabs count as four spaces) and blank edges.</summary>
    public static string Dedent(IEnumerable<string> lines)
    {
        var expanded = lines.Select(l => l.Replace("\t", "    ").TrimEnd()).ToList();
        while (expanded.Count > 0 && expanded[0].Length == 0) expanded.RemoveAt(0);
        while (expanded.Count > 0 && expanded[^1].Length == 0) expanded.RemoveAt(expanded.Count - 1);
        var indent = expanded.Where(l => l.Length > 0)
                             .Select(l => l.Length - l.TrimStart(' ').Length)
                             .DefaultIfEmpty(0).Min();
        return string.Join('\n', expanded.Select(l => l.Length >= indent ? l[indent..] : l));
    }
}
