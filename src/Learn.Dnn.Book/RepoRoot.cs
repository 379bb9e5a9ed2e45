namespace Learn.Dnn.Book;

/// <summary>Finds the repository root: the nearest folder, walking up, that holds Learn.Dnn.sln.</summary>
public static class RepoRoot
{
    public const string SolutionFile = "Learn.Dnn.sln";

    public static string? TryFindFrom(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                return dir.FullName;
        return null;
    }

    /// <summary>From the working directory first, then from where this assembly runs.</summary>
    public static string Find() =>
        TryFindFrom(Directory.GetCurrentDirectory())
        ?? TryFindFrom(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException(
            $"RepoRoot: no {SolutionFile} found above '{Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}'; " +
            "run the book builder inside a Learn.Dnn checkout.");

    /// <summary>A path relative to the root, with '/' separators, for messages and captions.</summary>
    public static string Relative(string root, string path) =>
        Path.GetRelativePath(root, path).Replace('\\', '/');
}
