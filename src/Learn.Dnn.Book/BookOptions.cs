namespace Learn.Dnn.Book;

/// <summary>
/// What to build and where. Command line:
/// <c>dotnet run --project src/Learn.Dnn.Book [-- --out DIR] [--no-run] [--root DIR]</c>.
/// </summary>
/// <param name="Root">the repository: book/, src/, chapters/, exercises/, artifacts/</param>
/// <param name="OutputDirectory">where the site goes (default book/_site)</param>
/// <param name="RunChapters">run a chapter program when one of its figures is missing (--no-run turns this off)</param>
/// <param name="ToolDirectory">the builder's folder: package.json, node_modules/katex, render-math.cjs, assets/</param>
/// <param name="QuickFigures">run chapter programs in their quick mode (--quick: seconds, for tests) instead of the
/// full mode whose results the prose quotes (the default)</param>
public sealed record BookOptions(string Root, string OutputDirectory, bool RunChapters, string ToolDirectory, bool QuickFigures = false)
{
    public const string Usage = "usage: dotnet run --project src/Learn.Dnn.Book [-- --out DIR] [--no-run] [--quick] [--root DIR]";

    /// <summary>The builder's own folder in the checkout it was built from.</summary>
    public static string DefaultToolDirectory() =>
        Path.Combine(RepoRoot.TryFindFrom(AppContext.BaseDirectory) ?? RepoRoot.Find(), "src", "Learn.Dnn.Book");

    public static BookOptions ForRoot(string root, string? outputDirectory = null, bool runChapters = true, bool quickFigures = true) =>
        new(root, outputDirectory ?? Path.Combine(root, "book", "_site"), runChapters, DefaultToolDirectory(), quickFigures);

    public static BookOptions Parse(string[] args)
    {
        string? root = null, output = null;
        var runChapters = true;
        var quickFigures = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--no-run": runChapters = false; break;
                case "--quick": quickFigures = true; break;
                case "--out": output = Path.GetFullPath(Value(args, ref i)); break;
                case "--root": root = Path.GetFullPath(Value(args, ref i)); break;
                default: throw new ArgumentException($"book builder: unknown argument '{args[i]}'\n{Usage}");
            }
        }
        return ForRoot(root ?? RepoRoot.Find(), output, runChapters, quickFigures);
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"book builder: '{args[i - 1]}' needs a value\n{Usage}");
}
