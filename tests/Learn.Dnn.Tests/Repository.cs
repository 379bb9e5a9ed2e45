namespace Learn.Dnn.Tests;

/// <summary>The clone the tests run in: README.md, book/ and the sources, for tests that read documents.</summary>
internal static class Repository
{
    /// <summary>The folder that holds Learn.Dnn.sln, found upwards from the test assembly.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Learn.Dnn.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Learn.Dnn.sln not found above " + AppContext.BaseDirectory);
    }
}
