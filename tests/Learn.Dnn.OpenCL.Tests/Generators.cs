using FsCheck;
using FsCheck.Fluent;

namespace Learn.Dnn.OpenCL.Tests;

/// <summary>
/// Shapes and values for the parity tests. Sizes come from explicit ranges that include 1 and
/// sizes that are not multiples of the GEMM tiles (16, 64); values come from a seeded <see cref="Rng"/>
/// so a failing case reproduces from its seed.
/// </summary>
internal static class Generators
{
    /// <summary>A dimension: often a tile edge case (1, 15, 16, 17, 63, 64, 65), otherwise anything in 1..100.</summary>
    public static Gen<int> Dimension(int max = 100) =>
        Gen.OneOf(Gen.Elements(new[] { 1, 2, 3, 15, 16, 17, 63, 64, 65 }.Where(d => d <= max).ToArray()), Gen.Choose(1, max));

    public static Gen<int> Seed => Gen.Choose(0, 1_000_000);

    /// <summary>A shape of rank 1 to 4 with small dimensions.</summary>
    public static Gen<int[]> SmallShape =>
        Gen.Choose(1, 4).SelectMany(rank => Gen.Choose(1, 7).ArrayOf(rank));

    /// <summary>
    /// Two shapes that broadcast: start from the output's shape, then in each input set some axes to 1
    /// and drop some leading axes ([4, 3] with [3], [4, 1] with [1, 5], [2, 1, 3] with [4, 1]...).
    /// </summary>
    public static Gen<(Shape A, Shape B)> BroadcastPair =>
        from output in SmallShape
        from keepA in Gen.Elements(true, true, false).ArrayOf(output.Length)
        from keepB in Gen.Elements(true, false).ArrayOf(output.Length)
        from dropA in Gen.Choose(0, output.Length - 1)
        from dropB in Gen.Choose(0, output.Length)
        select (Squash(output, keepA, dropA), Squash(output, keepB, dropB));

    /// <summary>
    /// A bias-like pair: a shape of rank 2 to 4 and its last 1 to rank axes (the row), sometimes with a
    /// leading 1 in place of a dropped axis ([2, 5, 8] with [8], [5, 8] or [1, 8]); row lengths around the SIMD widths (1, 7, 8, 9, 16, 17, 64, 65).
    /// </summary>
    public static Gen<(Shape Full, Shape Row)> RowBroadcastPair =>
        from rank in Gen.Choose(2, 4)
        from outer in Gen.Choose(1, 6).ArrayOf(rank - 1)
        from last in Gen.Elements(1, 3, 7, 8, 9, 16, 17, 32, 64, 65)
        from kept in Gen.Choose(1, rank)
        from leadingOne in Gen.Elements(false, true)
        let full = outer.Append(last).ToArray()
        select (new Shape(full), new Shape((leadingOne && kept < rank ? [1] : Array.Empty<int>()).Concat(full.Skip(rank - kept)).ToArray()));

    private static Shape Squash(int[] output, bool[] keep, int drop) =>
        new(output.Select((d, axis) => keep[axis] ? d : 1).Skip(drop).ToArray());

    /// <summary>Uniform numbers in [low, high) from a seed (computed on the CPU).</summary>
    public static float[] Values(int seed, int count, float low = -3f, float high = 3f)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = CounterRandom.Uniform((ulong)seed, (ulong)i, low, high);
        return values;
    }
}
