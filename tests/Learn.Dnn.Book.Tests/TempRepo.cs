namespace Learn.Dnn.Book.Tests;

/// <summary>A throw-away repository in the temp folder: write files into it, build it, delete it.</summary>
public sealed class TempRepo : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("learn-dnn-book-").FullName;

    public string Site => System.IO.Path.Combine(Root, "book", "_site");

    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public TempRepo Write(string relative, string text)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path(relative))!);
        File.WriteAllText(Path(relative), text.Replace("\r\n", "\n"));
        return this;
    }

    /// <summary>A copy of a fixture book under Fixtures/ (copied next to the test assembly).</summary>
    public static TempRepo FromFixture(string name)
    {
        var repo = new TempRepo();
        var source = System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = repo.Path(System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return repo;
    }

    public BuildResult Build(bool runChapters = false) =>
        new BookBuilder(BookOptions.ForRoot(Root, runChapters: runChapters)).Build();

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
