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
/// previous file whole. Reading checks the magic, the version, the lengths and the checksum, and a bad
/// file gives an <see cref="InvalidDataException"/> naming the file and what is wrong.
/// </summary>
[Chapter(6)]
internal static class WeightsFile
{
    public static ReadOnlySpan<byte> Magic => "LDNNWTS\0"u8;
    public const uint Version = 1;
    private const int ChecksumLength = 32;

    #region write
    /// <summary>Writes <paramref name="tensors"/> to <paramref name="path"/> atomically. <paramref name="wrap"/> lets a test interpose on the stream (to simulate a crash).</summary>
    public static void Write(string path, IReadOnlyList<Tensor> tensors, Func<Stream, Stream>? wrap = null)
    {
        var bytes = Encode(tensors);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                var stream = wrap is null ? file : wrap(file);
                stream.Write(bytes);
                stream.Flush();
                file.Flush(flushToDisk: true);                // on the disk before the rename makes it the checkpoint
            }
            File.Move(temporary, full, overwrite: true);   // the atomic step: readers see the old file or the new one
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
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
        if (!File.Exists(path)) throw new FileNotFoundException($"LoadWeights: the weights file \"{path}\" does not exist.", path);
        byte[] bytes = File.ReadAllBytes(path);
        InvalidDataException Bad(string what) => new($"LoadWeights: \"{path}\" is not a valid weights file: {what}.");

        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw Bad($"it does not start with the magic \"LDNNWTS\" (its first bytes are {Convert.ToHexString(bytes.AsSpan(0, Math.Min(8, bytes.Length)))}); is it a weights file written by Model.SaveWeights?");
        int offset = Magic.Length;
        uint ReadUInt(string field)
        {
            if (offset + 4 > bytes.Length - ChecksumLength)
                throw Bad($"it is truncated: it ends ({bytes.Length} bytes) before the {field} at byte {offset}");
            uint v = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset, 4));
            offset += 4;
            return v;
        }
        uint version = ReadUInt("version");
        if (version != Version) throw Bad($"its format version is {version}; this engine reads version {Version}");
        uint count = ReadUInt("tensor count");
        var tensors = new List<Tensor>();
        for (int t = 0; t < count; t++)
        {
            uint rank = ReadUInt($"rank of tensor {t}");
            if (rank > 16) throw Bad($"tensor {t} claims rank {rank}; the file is corrupt");
            var dims = new int[rank];
            for (int d = 0; d < rank; d++)
            {
                dims[d] = (int)ReadUInt($"dimension {d} of tensor {t}");
                if (dims[d] < 0) throw Bad($"tensor {t} has a negative dimension; the file is corrupt");
            }
            long size = dims.Aggregate(1L, (a, b) => a * b);
            long needed = size * 4;
            if (offset + needed > bytes.Length - ChecksumLength)
                throw Bad($"it is truncated: tensor {t} of shape [{string.Join(", ", dims)}] needs {needed} bytes of values from byte {offset}, but the file has {bytes.Length} bytes");
            var values = new float[size];
            for (int i = 0; i < size; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset + 4 * i, 4));
            offset += (int)needed;
            tensors.Add(Tensor.FromArray(values, new Shape(dims), Devices.Device.Reference));
        }
        if (bytes.Length - offset != ChecksumLength)
            throw Bad($"after its {count} tensors it has {bytes.Length - offset} bytes where the 32-byte checksum should be alone (truncated or extra data)");
        var expected = SHA256.HashData(bytes.AsSpan(0, offset));
        if (!expected.AsSpan().SequenceEqual(bytes.AsSpan(offset)))
            throw Bad("its SHA-256 checksum does not match its contents (the file is corrupt: some bytes changed after it was written)");
        return tensors;
    }
    #endregion
}
