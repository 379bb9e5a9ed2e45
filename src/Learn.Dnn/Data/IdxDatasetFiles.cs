namespace Learn.Dnn.Data;

/// <summary>
/// A 28×28 image dataset kept as the four IDX files MNIST made standard (train/t10k × images/labels),
/// in a cache folder with pinned SHA-256 hashes, plus its embedded subset (the same four files,
/// gzip-compressed, as resources Learn.Dnn.Data.Subsets.{prefix}-{file}.gz).
/// </summary>
internal sealed record IdxDatasetFiles(
    string Dataset, string FolderName, string ResourcePrefix, IReadOnlyList<string> Classes,
    int TrainCount, int TestCount, IReadOnlyDictionary<string, string> Sha256)
{
    public const string TrainImages = "train-images-idx3-ubyte";
    public const string TrainLabels = "train-labels-idx1-ubyte";
    public const string TestImages = "t10k-images-idx3-ubyte";
    public const string TestLabels = "t10k-labels-idx1-ubyte";
    public static readonly string[] Files = [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>Whether all four files are in the cache folder (not whether they are intact).</summary>
    public bool IsCached(DataCache cache) => Files.All(f => File.Exists(Path.Combine(cache.Folder(FolderName), f)));

    /// <summary>Reads the four cached files, checking each one's SHA-256 and IDX header.</summary>
    public (ImageDataset Train, ImageDataset Test) LoadCached(DataCache cache, string advice)
    {
        string folder = cache.Folder(FolderName);
        byte[] Read(string file)
        {
            string path = Path.Combine(folder, file);
            var bytes = File.ReadAllBytes(path);
            DataCache.RequireSha256(bytes, path, Sha256[file], $"The file is corrupt or not the {Dataset} file. {advice}");
            return bytes;
        }
        return (Parse(Read(TrainImages), Read(TrainLabels), TrainCount, Path.Combine(folder, "train-*"), $"{Dataset} train"),
                Parse(Read(TestImages), Read(TestLabels), TestCount, Path.Combine(folder, "t10k-*"), $"{Dataset} test"));
    }

    /// <summary>The embedded subset: the same IDX files, gzip-compressed, read from the engine assembly.</summary>
    public (ImageDataset Train, ImageDataset Test) LoadEmbedded(int trainCount, int testCount) =>
        (Parse(Resource(TrainImages), Resource(TrainLabels), trainCount, $"{ResourcePrefix}-train-*.gz", $"{Dataset} train (embedded subset)"),
         Parse(Resource(TestImages), Resource(TestLabels), testCount, $"{ResourcePrefix}-t10k-*.gz", $"{Dataset} test (embedded subset)"));

    /// <summary>The name of the embedded resource for <paramref name="file"/>.</summary>
    public string ResourceName(string file) => $"Learn.Dnn.Data.Subsets.{ResourcePrefix}-{file}.gz";

    private byte[] Resource(string file)
    {
        string name = ResourceName(file);
        var stream = typeof(IdxDatasetFiles).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{Dataset}: the embedded resource {name} is missing from the engine assembly (see Learn.Dnn.csproj).");
        return Idx.Gunzip(stream, name);
    }

    /// <summary>Images and labels of one part, checked against each other and against the expected count and 28×28 size.</summary>
    private ImageDataset Parse(byte[] imageFile, byte[] labelFile, int count, string files, string name)
    {
        string imagesName = files.Replace("*", "images-idx3-ubyte"), labelsName = files.Replace("*", "labels-idx1-ubyte");
        var (pixels, _, rows, columns) = Idx.ReadImages(imageFile, imagesName, count, rows: 28, columns: 28);
        var labels = Idx.ReadLabels(labelFile, labelsName, count);
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] >= Classes.Count)
                throw new InvalidDataException($"{labelsName}, byte offset {8 + i}: label {labels[i]} of item {i} is not a class in [0, {Classes.Count}); the file is corrupt.");
        return new ImageDataset(pixels, labels.Select(l => (int)l).ToArray(), rows, columns, Classes, name);
    }
}
