using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Learn.Dnn.Models;

/// <summary>
/// The weights file, <c>*.weights.bin</c>: a model's weight tensors in <see cref="Model.Weights"/>
/// order. Every number is little-endian:
/// <code>
/// offset  size        field
/// 0       8           magic "LDNNWTS\0"
/// 8       4           uint32 version = 1
/// 12      4           uint32 count: the number of tensors
///         per tensor: uint32 rank, then rank × int32 dimensions, then size × float32 values (row-major)
/// end−32  32          SHA-256 of every byte before it
/// </code>
/// Writing is atomic: the bytes go to a temporary file in the same folder, which is flushed to disk and
/// then renamed over the target (a rename within a folder is atomic), so a crash mid-write leaves the
/// previous file whole. A temporary left by a writer that was killed is removed by the next save to the
/// same path. Reading bounds every length by the file's size before it allocates anything, and checks the
/// SHA-256 before it trusts a single value; a bad file gives an <see cref="InvalidDataException"/> naming
/// the file and what is wrong.
/// </summary>
[Chapter(6)]
internal static class WeightsFile
{
    public static ReadOnlySpan<byte> Magic => "LDNNWTS\0"u8;
    public const uint Version = 1;
    private const int ChecksumLength = 32;
    private const int MaxRank = 16;

    #region write
    /// <summary>Writes <paramref name="tensors"/> to <paramref name="path"/> atomically. <paramref name="wrap"/> lets a test interpose on the stream (to simulate a crash).</summary>
    public static void Write(string path, IReadOnlyList<Tensor> tensors, Func<Stream, Stream>? wrap = null)
    {
        var bytes = Encode(tensors);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new IOException($"SaveWeights: \"{path}\" is a folder; give the path of a file ending in `.weights.bin` inside it.");
        string directory = Path.GetDirectoryName(full)!;
        string temporary = Path.Combine(directory, TemporaryName(Path.GetFileName(full), Environment.ProcessId, Guid.NewGuid()));
        try
        {
            Directory.CreateDirectory(directory);
            RemoveStaleTemporaries(directory, Path.GetFileName(full));
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                var stream = wrap is null ? file : wrap(file);
                stream.Write(bytes);
                stream.Flush();
                file.Flush(flushToDisk: true);                // on the disk before the rename makes it the checkpoint
            }
            File.Move(temporary, full, overwrite: true);   // the atomic step: readers see the old file or the new one
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The operating system's message names the temporary file, which the user never chose: name both.
            string message = $"SaveWeights: could not write \"{path}\" (through the temporary file \"{temporary}\"): {e.Message}";
            throw e is UnauthorizedAccessException ? new UnauthorizedAccessException(message, e) : new IOException(message, e);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>".model.weights.bin.4242.3f2a….tmp": hidden, beside its target, and naming the process that writes it.</summary>
    private static string TemporaryName(string fileName, int processId, Guid id) => $".{fileName}.{processId}.{id:N}.tmp";

    /// <summary>
    /// Deletes the temporaries of earlier saves to <paramref name="fileName"/> whose writer is gone (a process
    /// killed mid-write leaves one as large as the checkpoint). Only names of exactly our form are candidates,
    /// and a temporary whose process still runs is left alone: it may be writing right now.
    /// </summary>
    private static void RemoveStaleTemporaries(string directory, string fileName)
    {
        string prefix = $".{fileName}.";
        foreach (string candidate in Directory.EnumerateFiles(directory, $"{prefix}*.tmp"))
        {
            string name = Path.GetFileName(candidate);
            if (name.Length < prefix.Length + ".tmp".Length) continue;
            string[] parts = name[prefix.Length..^".tmp".Length].Split('.');   // "4242", "3f2a…"
            if (parts.Length != 2 || !int.TryParse(parts[0], out int processId) || !Guid.TryParseExact(parts[1], "N", out _)) continue;
            if (processId == Environment.ProcessId || IsRunning(processId)) continue;
            TryDelete(candidate);
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false;   // no such process
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }   // cleanup is best effort: the save's own outcome is what matters
    }

    private static byte[] Encode(IReadOnlyList<Tensor> tensors)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);                     // BinaryWriter writes little-endian on every platform
            writer.Write((uint)tensors.Count);
            foreach (var tensor in tensors)
            {
                writer.Write((uint)tensor.Rank);
                foreach (int dimension in tensor.Shape.ToArray()) writer.Write(dimension);
                foreach (float value in tensor.ToArray()) writer.Write(value);
            }
        }
        buffer.Write(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        return buffer.ToArray();
    }
    #endregion

    #region read
    /// <summary>The tensors stored in <paramref name="path"/>, on the CPU.</summary>
    public static List<Tensor> Read(string path)
    {
        if (Directory.Exists(path))
            throw new IOException($"LoadWeights: \"{path}\" is a folder, not a weights file; give the path of the `.weights.bin` file itself.");
        if (!File.Exists(path)) throw new FileNotFoundException($"LoadWeights: the weights file \"{path}\" does not exist.", path);
        InvalidDataException Bad(string what) => new($"LoadWeights: \"{path}\" is not a valid weights file: {what}.");
        long length = new FileInfo(path).Length;
        if (length == 0) throw Bad("it is empty (0 bytes); was its save interrupted?");
        if (length > Array.MaxLength) throw Bad($"it is {length} bytes, more than any weights file holds");
        byte[] bytes = File.ReadAllBytes(path);

        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw Bad($"it does not start with the magic \"LDNNWTS\" (its first bytes are {Convert.ToHexString(bytes.AsSpan(0, Math.Min(8, bytes.Length)))}); is it a weights file written by Model.SaveWeights?");
        var (layout, problem) = Layout(bytes);
        bool digestMatches = bytes.Length >= ChecksumLength &&
            SHA256.HashData(bytes.AsSpan(0, bytes.Length - ChecksumLength)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - ChecksumLength));
        if (problem is not null) throw Bad(digestMatches ? problem : $"{problem}; its SHA-256 checksum does not match either");
        if (!digestMatches)
            throw Bad("its SHA-256 checksum does not match its contents (the file is corrupt: some bytes changed after it was written)");

        // Only now, with every length within the file and the checksum right, are the values read.
        var tensors = new List<Tensor>(layout.Count);
        foreach (var (dimensions, offset) in layout)
        {
            var values = new float[dimensions.Aggregate(1L, (a, b) => a * b)];
            for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset + 4 * i, 4));
            tensors.Add(Tensor.FromArray(values, new Shape(dimensions), Devices.Device.Reference));
        }
        return tensors;
    }

    /// <summary>
    /// Where each tensor's values start, and its dimensions, read from the header fields without allocating
    /// by them: every length is checked against the bytes the file has left before it is used. The problem
    /// (truncated, a field out of range, extra bytes) when the fields do not describe this file exactly.
    /// </summary>
    private static (List<(int[] Dimensions, int Offset)> Layout, string? Problem) Layout(byte[] bytes)
    {
        var layout = new List<(int[], int)>();
        int end = bytes.Length - ChecksumLength;   // the header and the values end where the checksum starts
        int offset = Magic.Length;
        bool TryRead(out uint value)
        {
            value = 0;
            if (offset + 4 > end) return false;
            value = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset, 4));
            offset += 4;
            return true;
        }
        string Truncated(string field) => $"it is truncated: its {bytes.Length} bytes end before the {field} at byte {offset} and the {ChecksumLength}-byte checksum after it";

        if (!TryRead(out uint version)) return (layout, Truncated("version"));
        if (version != Version) return (layout, $"its format version is {version}; this engine reads version {Version}");
        if (!TryRead(out uint count)) return (layout, Truncated("tensor count"));
        for (long t = 0; t < count; t++)
        {
            if (!TryRead(out uint rank)) return (layout, Truncated($"rank of tensor {t}"));
            if (rank > MaxRank) return (layout, $"tensor {t} claims rank {rank} (at most {MaxRank}); the file is corrupt");
            var dimensions = new int[rank];
            long values = 1, room = (end - offset - 4L * rank) / 4;   // how many values the rest of the file could hold
            for (int d = 0; d < rank; d++)
            {
                if (!TryRead(out uint dimension)) return (layout, Truncated($"dimension {d} of tensor {t}"));
                if (dimension > int.MaxValue) return (layout, $"tensor {t} has dimension {d} of {dimension}, beyond any tensor's size; the file is corrupt");
                dimensions[d] = (int)dimension;
                values = dimension == 0 || values == 0 ? 0 : values > room / dimension ? room + 1 : values * dimension;   // stays ≤ room + 1: no overflow
            }
            if (values > room)
                return (layout, $"it is truncated: tensor {t} of shape [{string.Join(", ", dimensions)}] needs {dimensions.Aggregate(4.0, (a, b) => a * b):G} bytes of values from byte {offset}, but only {Math.Max(0, end - offset)} are left before the checksum (the file has {bytes.Length} bytes)");
            layout.Add((dimensions, offset));
            offset += (int)(4 * values);
        }
        if (offset != end)
            return (layout, $"after its {count} tensors it has {bytes.Length - offset} bytes where the {ChecksumLength}-byte checksum should be alone (truncated or extra data)");
        return (layout, null);
    }
    #endregion
}
