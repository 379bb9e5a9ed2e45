namespace Learn.Dnn.Book.Tests;

/// <summary>The repository's own book, built once into a temp folder and shared by the tests that read it.</summary>
public sealed class RealBook : IDisposable
{
    public string Root { get; }
    public string Site { get; }
    public BuildResult Result { get; }

    public RealBook()
    {
        Root = RepoRoot.TryFindFrom(AppContext.BaseDirectory)
               ?? throw new InvalidOperationException($"RealBook: no {RepoRoot.SolutionFile} above {AppContext.BaseDirectory}");
        Site = Directory.CreateTempSubdirectory("learn-dnn-site-").FullName;
        Result = new BookBuilder(BookOptions.ForRoot(Root, Site)).Build();
    }

    public void Dispose()
    {
        try { Directory.Delete(Site, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class RealBookCollection : ICollectionFixture<RealBook>
{
    public const string Name = "real book";
}
