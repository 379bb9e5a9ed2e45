namespace Learn.Dnn;

/// <summary>
/// A counter-based random generator: draw number i of stream <c>seed</c> is a pure function
/// hash(seed, i), so any element can be computed independently — on any thread, on any device —
/// and the same seed gives the same numbers everywhere. The hash is SplitMix64's finalizer
/// (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014).
/// </summary>
[Chapter(1)]
public static class CounterRandom
{
    #region hash
    /// <summary>64 random bits for draw <paramref name="index"/> of stream <paramref name="seed"/>.</summary>
    public static ulong Bits(ulong seed, ulong index)
    {
        ulong z = seed * 0xD1B54A32D192ED03UL + (index + 1) * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A float uniform in [0, 1): the top 24 bits, so every value is exact in float32.</summary>
    public static float Uniform01(ulong seed, ulong index) => (Bits(seed, index) >> 40) * (1.0f / 16777216.0f);
    #endregion

    /// <summary>U(low, high).</summary>
    public static float Uniform(ulong seed, ulong index, float low, float high) =>
        low + (high - low) * Uniform01(seed, index);

    #region normal
    /// <summary>
    /// N(mean, std) by Box–Muller: with u₁ ∈ (0, 1] and u₂ ∈ [0, 1) uniform,
    /// z = √(−2 ln u₁)·cos(2π u₂) is a standard normal. Draw i uses positions 2i and 2i + 1 of a
    /// separate stream (seed ⊕ <see cref="NormalStream"/>), so normal and uniform draws never share bits.
    /// </summary>
    public static float Normal(ulong seed, ulong index, float mean, float std)
    {
        ulong stream = seed ^ NormalStream;
        float u1 = 1.0f - Uniform01(stream, 2 * index);
        float u2 = Uniform01(stream, 2 * index + 1);
        float z = MathF.Sqrt(-2.0f * MathF.Log(u1)) * MathF.Cos(2.0f * MathF.PI * u2);
        return mean + std * z;
    }
    #endregion

    /// <summary>XORed into the seed for normal draws.</summary>
    public const ulong NormalStream = 0x6A09E667F3BCC909UL;
}
