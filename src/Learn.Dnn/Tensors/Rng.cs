namespace Learn.Dnn;

/// <summary>
/// A seeded random stream that remembers how many numbers it has handed out, so successive calls
/// draw fresh numbers: <c>var rng = new Rng(42); var w = rng.Uniform([2, 3], -1, 1);</c>
/// </summary>
[Chapter(1)]
public sealed class Rng(ulong seed)
{
    public ulong Seed { get; } = seed;

    /// <summary>How many draws this stream has used so far.</summary>
    public ulong Counter { get; private set; }

    /// <summary>The counter to use for the next <paramref name="count"/> draws; advances past them.</summary>
    public ulong Take(int count)
    {
        ulong start = Counter;
        Counter += (ulong)count;
        return start;
    }

    /// <summary>A tensor of U(low, high) numbers.</summary>
    public Tensor Uniform(Shape shape, float low = 0f, float high = 1f, Devices.IDevice? device = null) =>
        Tensor.Random(shape, Devices.RandomDistribution.Uniform, Seed, Take(shape.Size), low, high, device);

    /// <summary>A tensor of N(mean, std²) numbers.</summary>
    public Tensor Normal(Shape shape, float mean = 0f, float std = 1f, Devices.IDevice? device = null) =>
        Tensor.Random(shape, Devices.RandomDistribution.Normal, Seed, Take(shape.Size), mean, std, device);

    /// <summary>A uniform integer in [0, n) (shuffling, sampling).</summary>
    public int NextInt(int n) => (int)(CounterRandom.Bits(Seed, Take(1)) % (ulong)n);

    /// <summary>A uniform float in [0, 1).</summary>
    public float NextFloat() => CounterRandom.Uniform01(Seed, Take(1));

    /// <summary>A random permutation of 0..n−1 (Fisher–Yates).</summary>
    public int[] Permutation(int n)
    {
        var order = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
