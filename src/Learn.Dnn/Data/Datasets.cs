namespace Learn.Dnn.Data;

/// <summary>The small datasets the chapters learn from: Iris (embedded) and generated ones, all seeded.</summary>
[Chapter(3)]
public static class Datasets
{
    #region iris
    /// <summary>
    /// Fisher's Iris (1936): 150 flowers, 4 measurements in cm (sepal length, sepal width, petal
    /// length, petal width), 3 species: 0 setosa, 1 versicolor, 2 virginica. Embedded in the engine
    /// (Data/iris.csv, with its source), so it loads offline.
    /// </summary>
    [Chapter(4)]
    public static (Tensor X, Tensor Y, string[] Classes) Iris()
    {
        using var stream = typeof(Datasets).Assembly.GetManifestResourceStream("Learn.Dnn.Data.iris.csv")
            ?? throw new InvalidOperationException("Datasets.Iris: the embedded resource iris.csv is missing from the engine assembly.");
        using var reader = new StreamReader(stream);
        var table = CsvTable.Parse(reader.ReadToEnd(), "iris.csv");
        var x = table.Numeric("sepal_length", "sepal_width", "petal_length", "petal_width");
        var (labels, classes) = table.Labels("species", ["setosa", "versicolor", "virginica"]);
        return (x, Tensor.FromArray(labels.Select(l => (float)l).ToArray(), labels.Length), classes);
    }
    #endregion

    #region surface
    /// <summary>
    /// The regression surface of chapter 3: two inputs in [0, 1] and one output
    /// y = 4(x₁ − ½)² + ½·sin(2π·x₂) + noise: along x₁ every slice is a parabola, along x₂ a sine wave.
    /// X: [n, 2], Y: [n, 1].
    /// </summary>
    public static (Tensor X, Tensor Y) Surface(int n, float noise, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new float[n * 2];
        var y = new float[n];
        for (int i = 0; i < n; i++)
        {
            float x1 = rng.NextFloat(), x2 = rng.NextFloat();
            x[2 * i] = x1;
            x[2 * i + 1] = x2;
            y[i] = SurfaceFunction(x1, x2) + noise * Gaussian(rng);
        }
        return (Tensor.FromArray(x, n, 2), Tensor.FromArray(y, n, 1));
    }

    /// <summary>The noise-free surface 4(x₁ − ½)² + ½·sin(2π·x₂).</summary>
    public static float SurfaceFunction(float x1, float x2) =>
        4f * (x1 - 0.5f) * (x1 - 0.5f) + 0.5f * MathF.Sin(2f * MathF.PI * x2);
    #endregion

    /// <summary>
    /// Two interleaving half circles ("two moons"), a binary task no straight line separates.
    /// X: [n, 2], Y: [n, 1] with labels 0 (upper moon) and 1 (lower moon).
    /// </summary>
    [Chapter(4)]
    public static (Tensor X, Tensor Y) TwoMoons(int n, float noise, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new float[n * 2];
        var y = new float[n];
        for (int i = 0; i < n; i++)
        {
            int label = i % 2;
            float t = MathF.PI * rng.NextFloat();
            x[2 * i] = label == 0 ? MathF.Cos(t) : 1f - MathF.Cos(t);
            x[2 * i + 1] = label == 0 ? MathF.Sin(t) : 0.5f - MathF.Sin(t);
            x[2 * i] += noise * Gaussian(rng);
            x[2 * i + 1] += noise * Gaussian(rng);
            y[i] = label;
        }
        return (Tensor.FromArray(x, n, 2), Tensor.FromArray(y, n, 1));
    }

    /// <summary>
    /// Two interleaved spirals, each turning <paramref name="turns"/> times around the origin.
    /// X: [n, 2], Y: [n, 1] with labels 0 and 1.
    /// </summary>
    [Chapter(4)]
    public static (Tensor X, Tensor Y) Spirals(int n, float noise, ulong seed, float turns = 1.5f)
    {
        var rng = new Rng(seed);
        var x = new float[n * 2];
        var y = new float[n];
        for (int i = 0; i < n; i++)
        {
            int label = i % 2;
            float r = rng.NextFloat();                            // radius grows with the angle
            float angle = 2f * MathF.PI * turns * r + label * MathF.PI;
            x[2 * i] = r * MathF.Cos(angle) + noise * Gaussian(rng);
            x[2 * i + 1] = r * MathF.Sin(angle) + noise * Gaussian(rng);
            y[i] = label;
        }
        return (Tensor.FromArray(x, n, 2), Tensor.FromArray(y, n, 1));
    }

    /// <summary>A standard normal number from the stream (Box–Muller on two uniform draws).</summary>
    private static float Gaussian(Rng rng) => CounterRandom.Normal(rng.Seed, rng.Take(1), 0f, 1f);
}
