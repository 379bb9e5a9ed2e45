using Learn.Dnn.Data;

namespace Learn.Dnn.Tests.Data;

public class IdxTests
{
    private static byte[] TwoImages() => Idx.Images([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], count: 2, rows: 2, columns: 3);

    [Fact]
    public void Images_round_trip_through_the_IDX_format()
    {
        var file = TwoImages();
        Assert.Equal(16 + 12, file.Length);
        Assert.Equal(new byte[] { 0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3 }, file[..16]);   // magic, count, rows, columns (big-endian)
        var (pixels, count, rows, columns) = Idx.ReadImages(file, "two.idx");
        Assert.Equal((2, 2, 3), (count, rows, columns));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (byte)i), pixels);
    }

    [Fact]
    public void Labels_round_trip_through_the_IDX_format()
    {
        var file = Idx.Labels([7, 2, 1]);
        Assert.Equal(new byte[] { 0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 1 }, file);
        Assert.Equal(new byte[] { 7, 2, 1 }, Idx.ReadLabels(file, "labels.idx"));
    }

    [Fact]
    public void A_wrong_magic_number_names_the_file_and_offset_0()
    {
        var file = TwoImages();
        file[3] = 0x04;
        var e = Assert.Throws<InvalidDataException>(() => Idx.ReadImages(file, "train-images-idx3-ubyte"));
        Assert.Contains("train-images-idx3-ubyte, byte offset 0", e.Message);
        Assert.Contains("0x00000804", e.Message);
        Assert.Contains("expected 0x00000803", e.Message);
    }

    [Fact]
    public void A_label_file_read_as_images_says_they_may_be_swapped()
    {
        var e = Assert.Throws<InvalidDataException>(() => Idx.ReadImages(Idx.Labels([1, 2]), "t10k-images-idx3-ubyte"));
        Assert.Contains("swapped", e.Message);
    }

    [Fact]
    public void A_gzip_file_read_as_IDX_says_to_decompress_it()
    {
        var e = Assert.Throws<InvalidDataException>(() => Idx.ReadLabels(Gzip(Idx.Labels([1, 2])), "labels.gz"));
        Assert.Contains("decompress", e.Message);
    }

    [Fact]
    public void A_truncated_file_names_the_offset_where_it_ends()
    {
        var file = TwoImages()[..25];
        var e = Assert.Throws<InvalidDataException>(() => Idx.ReadImages(file, "images.idx"));
        Assert.Contains("images.idx, byte offset 25", e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("28 bytes", e.Message);
    }

    [Fact]
    public void A_file_truncated_inside_the_header_says_which_field_is_missing()
    {
        var e = Assert.Throws<InvalidDataException>(() => Idx.ReadImages(TwoImages()[..10], "images.idx"));
        Assert.Contains("byte offset 8", e.Message);
        Assert.Contains("rows per image", e.Message);
    }

    [Fact]
    public void Extra_bytes_after_the_data_are_an_error()
    {
        var file = TwoImages().Concat(new byte[] { 0 }).ToArray();
        var e = Assert.Throws<InvalidDataException>(() => Idx.ReadImages(file, "images.idx"));
        Assert.Contains("byte offset 28", e.Message);
    }

    [Fact]
    public void An_unexpected_image_size_names_the_dimension_and_its_offset()
    {
        var e = Assert.Throws<InvalidDataException>(() => Idx.ReadImages(TwoImages(), "images.idx", rows: 28, columns: 28));
        Assert.Contains("images.idx, byte offset 8: the rows per image is 2, expected 28", e.Message);
        var count = Assert.Throws<InvalidDataException>(() => Idx.ReadLabels(Idx.Labels([1, 2]), "labels.idx", count: 3));
        Assert.Contains("labels.idx, byte offset 4: the label count is 2, expected 3", count.Message);
    }

    [Fact]
    public void A_truncated_gzip_stream_is_named_corrupt_or_truncated()
    {
        var gz = Gzip(Idx.Images(new byte[28 * 28 * 50], 50, 28, 28));
        var e = Assert.Throws<InvalidDataException>(() => Idx.Gunzip(new MemoryStream(gz[..(gz.Length / 2)]), "images.gz"));
        Assert.Contains("images.gz", e.Message);
        Assert.Contains("corrupt or truncated", e.Message);
    }

    internal static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.SmallestSize))
            gzip.Write(data);
        return output.ToArray();
    }
}
