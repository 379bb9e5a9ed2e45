using System.Buffers.Binary;
using System.IO.Compression;

namespace Learn.Dnn.Data;

/// <summary>
/// The IDX format of LeCun's MNIST files (http://yann.lecun.com/exdb/mnist/): a big-endian header,
/// then the data as unsigned bytes, row-major.
/// <code>
/// offset 0   magic: 0x00 0x00, the type (0x08 = unsigned byte), the number of dimensions
///            → 0x00000803 for images [count, rows, columns], 0x00000801 for labels [count]
/// offset 4   the size of dimension 0 (count), then one 32-bit size per further dimension
/// then       count·rows·columns pixels (0 = background, 255 = ink) or count labels
/// </code>
/// Reading checks all of it: a wrong magic number, an unexpected size, a file that is too short or
/// too long each throw an <see cref="InvalidDataException"/> that names the file and the byte offset.
/// </summary>
[Chapter(5)]
public static class Idx
{
    /// <summary>The magic number of an image file: unsigned bytes, 3 dimensions.</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>The magic number of a label file: unsigned bytes, 1 dimension.</summary>
    public const int LabelsMagic = 0x00000801;

    #region read
    /// <summary>
    /// Reads an image file: pixels [count·rows·columns] row-major, with its dimensions.
    /// A non-null <paramref name="count"/>, <paramref name="rows"/> or <paramref name="columns"/> must match the header.
    /// </summary>
    public static (byte[] Pixels, int Count, int Rows, int Columns) ReadImages(
        ReadOnlySpan<byte> file, string name, int? count = null, int? rows = null, int? columns = null)
    {
        RequireMagic(file, name, ImagesMagic, "images [count, rows, columns]");
        int n = Dimension(file, name, 0, "image count", count);
        int h = Dimension(file, name, 1, "rows per image", rows);
        int w = Dimension(file, name, 2, "columns per image", columns);
        const int header = 16;
        var data = RequireLength(file, name, header, (long)n * h * w, $"{n} images of {h}×{w} pixels");
        return (data.ToArray(), n, h, w);
    }

    /// <summary>Reads a label file: one byte per item. A non-null <paramref name="count"/> must match the header.</summary>
    public static byte[] ReadLabels(ReadOnlySpan<byte> file, string name, int? count = null)
    {
        RequireMagic(file, name, LabelsMagic, "labels [count]");
        int n = Dimension(file, name, 0, "label count", count);
        const int header = 8;
        return RequireLength(file, name, header, n, $"{n} labels").ToArray();
    }

    /// <summary>The bytes of a file, gunzipped when its name ends in .gz; a corrupt or truncated gzip stream is named as such.</summary>
    public static byte[] ReadAllBytes(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? Gunzip(File.OpenRead(path), path)
            : File.ReadAllBytes(path);

    /// <summary>
    /// Decompresses a whole gzip stream (and disposes it); <paramref name="name"/> names it in errors.
    /// GZipStream stops quietly at the end of a truncated stream, so the trailer is checked too: its
    /// last 4 bytes are the uncompressed length mod 2³² (RFC 1952), which a cut-off stream gets wrong.
    /// </summary>
    public static byte[] Gunzip(Stream compressed, string name)
    {
        byte[] data;
        using (compressed)
        {
            using var buffer = new MemoryStream();
            compressed.CopyTo(buffer);
            data = buffer.ToArray();
        }
        string advice = "the file is corrupt or truncated. Delete it and fetch it again.";
        if (data.Length < 18 || data[0] != 0x1F || data[1] != 0x8B)
            throw new InvalidDataException($"{name}: not a gzip stream ({data.Length} bytes, no gzip header); {advice}");
        byte[] result;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            result = output.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new InvalidDataException($"{name}: not a valid gzip stream ({e.Message}); {advice}", e);
        }
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(data.Length - 4));
        if (length != (uint)result.Length)
            throw new InvalidDataException($"{name}: the gzip trailer says {length} bytes, the stream holds {result.Length}; {advice}");
        return result;
    }
    #endregion

    #region write
    /// <summary>Writes images [count·rows·columns] as an IDX image file.</summary>
    public static byte[] Images(ReadOnlySpan<byte> pixels, int count, int rows, int columns)
    {
        if (pixels.Length != (long)count * rows * columns)
            throw new ArgumentException($"Idx.Images: {count} images of {rows}×{columns} need {(long)count * rows * columns} pixels, got {pixels.Length}.");
        var file = new byte[16 + pixels.Length];
        BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(0), ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(12), columns);
        pixels.CopyTo(file.AsSpan(16));
        return file;
    }

    /// <summary>Writes labels as an IDX label file.</summary>
    public static byte[] Labels(ReadOnlySpan<byte> labels)
    {
        var file = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(0), LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(4), labels.Length);
        labels.CopyTo(file.AsSpan(8));
        return file;
    }
    #endregion

    private static void RequireMagic(ReadOnlySpan<byte> file, string name, int expected, string what)
    {
        if (file.Length < 4)
            throw new InvalidDataException($"{name}: {file.Length} bytes, too short for an IDX header (the magic number alone is 4 bytes); the file is truncated or empty.");
        int magic = BinaryPrimitives.ReadInt32BigEndian(file);
        if (magic != expected)
        {
            string hint = magic switch
            {
                ImagesMagic => " (that is an image file: are the images and labels swapped?)",
                LabelsMagic => " (that is a label file: are the images and labels swapped?)",
                _ when file[0] == 0x1F && file[1] == 0x8B => " (that is a gzip header: decompress the file first)",
                _ => "",
            };
            throw new InvalidDataException($"{name}, byte offset 0: magic number 0x{magic:X8}, expected 0x{expected:X8} for IDX {what}{hint}.");
        }
    }

    /// <summary>The size of dimension <paramref name="index"/>, read at byte 4 + 4·index.</summary>
    private static int Dimension(ReadOnlySpan<byte> file, string name, int index, string what, int? expected)
    {
        int offset = 4 + 4 * index;
        if (file.Length < offset + 4)
            throw new InvalidDataException($"{name}, byte offset {offset}: the file ends ({file.Length} bytes) inside the header, where the {what} should be; it is truncated.");
        int size = BinaryPrimitives.ReadInt32BigEndian(file[offset..]);
        if (size < 0)
            throw new InvalidDataException($"{name}, byte offset {offset}: the {what} is {size}, which is negative; the header is corrupt.");
        if (expected is int e && size != e)
            throw new InvalidDataException($"{name}, byte offset {offset}: the {what} is {size}, expected {e}.");
        return size;
    }

    private static ReadOnlySpan<byte> RequireLength(ReadOnlySpan<byte> file, string name, int header, long dataLength, string what)
    {
        long expected = header + dataLength;
        if (file.Length < expected)
            throw new InvalidDataException($"{name}, byte offset {file.Length}: the file ends after {file.Length} bytes, but its header promises {what} ({expected} bytes in all); it is truncated. Delete it and fetch it again.");
        if (file.Length > expected)
            throw new InvalidDataException($"{name}, byte offset {expected}: {file.Length - expected} bytes follow the {what} the header promises ({expected} bytes in all); the file is corrupt or not this IDX file.");
        return file.Slice(header, (int)dataLength);
    }
}
