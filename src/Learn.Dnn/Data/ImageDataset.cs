namespace Learn.Dnn.Data;

/// <summary>
/// Labelled greyscale images as they are stored: <see cref="Images"/> holds <see cref="Count"/> images
/// of <see cref="Height"/>×<see cref="Width"/> bytes (0 = background, 255 = ink), row-major, and
/// <see cref="Labels"/> one class per image — what Keras' <c>mnist.load_data()</c> returns as uint8
/// arrays. <see cref="ToTensors"/> gives what a model trains on.
/// <code>
/// var (train, test) = Mnist.Load();
/// var (xTrain, yTrain) = train.ToTensors();     // x: [60000, 28, 28] in [0, 1], y: [60000] class numbers
/// var (raw, _) = train.ToTensors(scaled: false); // x: 0..255, as Keras' load_data() gives it
/// </code>
/// <see cref="ToTensors"/> already divides by 255: a Keras program's <c>x_train / 255.0</c> must not be applied again.
/// </summary>
[Chapter(5)]
public sealed class ImageDataset
{
    public ImageDataset(byte[] images, int[] labels, int height, int width, IReadOnlyList<string> classes, string name)
    {
        if (height <= 0 || width <= 0)
            throw new ArgumentException($"ImageDataset {name}: images must be at least 1×1, got {height}×{width}.");
        if (images.Length != (long)labels.Length * height * width)
            throw new ShapeMismatchException($"ImageDataset {name}: {labels.Length} labels need {(long)labels.Length * height * width} pixels ({height}×{width} each), got {images.Length}.");
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] < 0 || labels[i] >= classes.Count)
                throw new InvalidDataException($"ImageDataset {name}: label {labels[i]} of image {i} is not a class in [0, {classes.Count}).");
        Images = images;
        Labels = labels;
        Height = height;
        Width = width;
        Classes = classes;
        Name = name;
    }

    /// <summary>The pixels, [Count, Height, Width] row-major: image i starts at i·Height·Width.</summary>
    public byte[] Images { get; }

    /// <summary>The class of each image, in [0, Classes.Count).</summary>
    public int[] Labels { get; }

    public int Count => Labels.Length;

    public int Height { get; }

    public int Width { get; }

    /// <summary>The class names: "0".."9" for digits, "T-shirt/top".."Ankle boot" for Fashion-MNIST.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Where it came from, for messages: "MNIST train", "Fashion-MNIST test (embedded subset)".</summary>
    public string Name { get; }

    /// <summary>The pixels of image <paramref name="index"/>, [Height, Width] row-major.</summary>
    public ReadOnlySpan<byte> Image(int index)
    {
        if (index < 0 || index >= Count)
            throw new ArgumentOutOfRangeException(nameof(index), $"ImageDataset {Name}: image {index} does not exist; there are {Count}.");
        return Images.AsSpan(index * Height * Width, Height * Width);
    }

    #region tensors
    /// <summary>
    /// X: [n, Height, Width] (or [n, Height·Width] with <paramref name="flatten"/>) with each pixel
    /// scaled from 0..255 to x = pixel / 255 ∈ [0, 1]; Y: [n], the class numbers as floats, the target
    /// of sparse categorical cross-entropy (<see cref="Categorical.ToCategorical(Tensor, int)"/> makes one-hot rows).
    /// The scaling is Keras programs' <c>x_train / 255.0</c>, already done: a program translated line by
    /// line drops that line, or asks for <paramref name="scaled"/>: false to get the pixels 0..255 as
    /// Keras' <c>load_data()</c> gives them (as floats).
    /// </summary>
    public (Tensor X, Tensor Y) ToTensors(bool flatten = false, bool scaled = true) => (ImagesTensor(flatten, scaled), LabelsTensor());

    /// <summary>
    /// The images as floats in [0, 1] (pixel / 255), or 0..255 as stored when <paramref name="scaled"/>
    /// is false: [n, Height, Width], or [n, Height·Width] with <paramref name="flatten"/>.
    /// </summary>
    public Tensor ImagesTensor(bool flatten = false, bool scaled = true)
    {
        var x = new float[Images.Length];
        for (int i = 0; i < x.Length; i++)
            x[i] = scaled ? Images[i] / 255f : Images[i];
        return flatten ? Tensor.FromArray(x, Count, Height * Width) : Tensor.FromArray(x, Count, Height, Width);
    }

    /// <summary>The labels as floats: [n].</summary>
    public Tensor LabelsTensor() => Tensor.FromArray(Labels.Select(l => (float)l).ToArray(), Count);
    #endregion

    #region subsets
    /// <summary>The images at <paramref name="indices"/>, in that order.</summary>
    public ImageDataset Subset(int[] indices, string? name = null)
    {
        int size = Height * Width;
        var images = new byte[(long)indices.Length * size];
        var labels = new int[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            int i = indices[k];
            if (i < 0 || i >= Count)
                throw new ArgumentOutOfRangeException(nameof(indices), $"ImageDataset {Name}: index {i} at position {k} is out of range for {Count} images.");
            Images.AsSpan(i * size, size).CopyTo(images.AsSpan(k * size));
            labels[k] = Labels[i];
        }
        return new ImageDataset(images, labels, Height, Width, Classes, name ?? $"{Name} subset");
    }

    /// <summary>The first <paramref name="count"/> images (all of them when there are fewer).</summary>
    public ImageDataset Take(int count) =>
        Subset(Enumerable.Range(0, Math.Min(Math.Max(count, 0), Count)).ToArray(), $"{Name}, first {Math.Min(count, Count)}");

    /// <summary>
    /// A stratified random sample of <paramref name="count"/> images: each class gets its share
    /// count·n_c/n, rounded down, and the images left over go to the classes with the largest
    /// remainders (ties: the lower class). Within class c, in class order 0, 1, ..., the images are
    /// the first share_c of <c>rng.Permutation(n_c)</c> of that class's images (in dataset order),
    /// one <see cref="Rng"/>(<paramref name="seed"/>) for all classes. The sample keeps dataset order.
    /// </summary>
    public ImageDataset Sample(int count, ulong seed, string? name = null)
    {
        if (count < 0 || count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"ImageDataset {Name}: cannot sample {count} of {Count} images.");
        var byClass = Enumerable.Range(0, Classes.Count).Select(c => new List<int>()).ToArray();
        for (int i = 0; i < Count; i++) byClass[Labels[i]].Add(i);

        // shares: ⌊count·n_c/n⌋, then +1 for the largest remainders count·n_c mod n until they sum to count
        var shares = byClass.Select(members => (int)((long)count * members.Count / Math.Max(Count, 1))).ToArray();
        var remainders = byClass.Select((members, c) => (Remainder: (long)count * members.Count % Math.Max(Count, 1), Class: c))
                                .OrderByDescending(r => r.Remainder).ThenBy(r => r.Class).ToArray();
        for (int k = 0; shares.Sum() < count; k++) shares[remainders[k].Class]++;

        var rng = new Rng(seed);
        var chosen = new List<int>();
        for (int c = 0; c < Classes.Count; c++)
        {
            var order = rng.Permutation(byClass[c].Count);
            chosen.AddRange(order.Take(shares[c]).Select(k => byClass[c][k]));
        }
        chosen.Sort();
        return Subset([.. chosen], name ?? $"{Name}, sample of {count} (seed {seed})");
    }

    /// <summary>How many images each class has: [Classes.Count].</summary>
    public int[] ClassCounts()
    {
        var counts = new int[Classes.Count];
        foreach (int label in Labels) counts[label]++;
        return counts;
    }
    #endregion

    public override string ToString() => $"{Name}: {Count} images of {Height}×{Width}, {Classes.Count} classes";
}
