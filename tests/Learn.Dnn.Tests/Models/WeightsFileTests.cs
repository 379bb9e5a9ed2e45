using System.Buffers.Binary;
using System.Security.Cryptography;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;

namespace Learn.Dnn.Tests.Models;

/// <summary>
/// The weights file's reader and writer on the files a careful user meets: headers that claim huge tensors, a
/// folder with a weights file's name, an empty file.
/// </summary>
public sealed class WeightsFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("learn-dnn-weights-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathOf(string name) => Path.Combine(folder, name);

    private static Sequential SmallModel(ulong seed) => new([new Input(3), new Dense(4, seed: seed), new Dense(2, seed: seed + 1)]);

    /// <summary>A file of one tensor whose header says [rows, cols], followed by a few values and a right SHA-256.</summary>
    private static byte[] FileClaiming(uint rows, uint cols, bool digest)
    {
        var bytes = new byte[8 + 4 + 4 + 4 + 8 + 16 + 32];
        "LDNNWTS\0"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 1);      // version
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), 1);     // one tensor
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 2);     // of rank 2
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), rows);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24), cols);
        if (digest) SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).CopyTo(bytes.AsSpan(bytes.Length - 32));
        return bytes;
    }

    [Theory]
    [InlineData(2147483647u, 2147483647u, true)]
    [InlineData(2147483647u, 2147483647u, false)]
    [InlineData(1u << 30, 16u, true)]
    [InlineData(65536u, 65536u, false)]
    public void A_header_claiming_a_huge_tensor_is_refused_naming_the_file(uint rows, uint cols, bool digest)
    {
        var path = PathOf("huge.weights.bin");
        File.WriteAllBytes(path, FileClaiming(rows, cols, digest));
        var error = Assert.Throws<InvalidDataException>(() => SmallModel(1).LoadWeights(path));
        Assert.Contains(path, error.Message);
        Assert.Contains($"[{rows}, {cols}]", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void The_checksum_is_checked_before_any_value_is_trusted()
    {
        var path = PathOf("flipped.weights.bin");
        SmallModel(1).SaveWeights(path);
        var bytes = File.ReadAllBytes(path);
        bytes[20] ^= 0x01;                    // dimension 0 of tensor 0: [3, 4] becomes [2, 4], the sizes no longer add up
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<InvalidDataException>(() => SmallModel(1).LoadWeights(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("checksum does not match", error.Message);
    }

    [Fact]
    public void A_folder_with_a_weights_files_name_is_reported_as_a_folder()
    {
        var path = PathOf("x.weights.bin");
        Directory.CreateDirectory(path);
        var load = Assert.Throws<IOException>(() => SmallModel(1).LoadWeights(path));
        Assert.IsNotType<FileNotFoundException>(load);
        Assert.Contains($"\"{path}\" is a folder", load.Message);
        var save = Assert.Throws<IOException>(() => SmallModel(1).SaveWeights(path));
        Assert.Contains($"\"{path}\" is a folder", save.Message);
        Assert.Empty(Directory.GetFileSystemEntries(path));
    }

    [Fact]
    public void A_save_removes_the_stale_temporaries_of_its_own_file_and_nothing_else()
    {
        var path = PathOf("m.weights.bin");
        const string id = "0123456789abcdef0123456789abcdef";
        const int gone = 2_000_000_000;   // no process has this id (Linux's pid_max is at most 2²²)
        string stale = PathOf($".m.weights.bin.{gone}.{id}.tmp");
        string[] others =
        [
            PathOf($".m.weights.bin.{Environment.ProcessId}.{id}.tmp"),   // a live process's: it may be writing now
            PathOf($".other.weights.bin.{gone}.{id}.tmp"),               // another checkpoint's
            PathOf($".m.weights.bin.{gone}.not-a-guid.tmp"),              // not of the writer's form
            PathOf("m.weights.bin.tmp"),
            PathOf("notes.txt"),
        ];
        foreach (var file in others.Append(stale)) File.WriteAllText(file, "x");
        SmallModel(1).SaveWeights(path);
        Assert.False(File.Exists(stale), "the temporary of a process that is gone was not removed");
        Assert.All(others, file => Assert.True(File.Exists(file), $"{file} was removed, but it is not a stale temporary of this checkpoint"));
    }

    [Fact]
    public void An_operating_system_error_names_both_the_path_and_the_temporary()
    {
        var path = PathOf("full.weights.bin");
        var error = Assert.Throws<IOException>(() =>
            WeightsFile.Write(path, SmallModel(1).GetWeights(), _ => throw new IOException("No space left on device")));
        Assert.Contains($"\"{path}\"", error.Message);
        Assert.Contains($"{Path.DirectorySeparatorChar}.full.weights.bin.", error.Message);   // the temporary's name
        Assert.Contains("No space left on device", error.Message);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public void An_empty_file_is_refused_naming_the_file()
    {
        var path = PathOf("empty.weights.bin");
        File.WriteAllBytes(path, []);
        var error = Assert.Throws<InvalidDataException>(() => SmallModel(1).LoadWeights(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("empty", error.Message);
    }
}
