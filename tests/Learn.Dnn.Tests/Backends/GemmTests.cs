using FsCheck;
using FsCheck.Fluent;
using Learn.Dnn.Chapters;
using Learn.Dnn.Devices.Cpu;
using Learn.Dnn.Devices.Reference;
using Xunit;

namespace Learn.Dnn.Tests.Backends;

/// <summary>
/// Every rung of the GEMM ladder computes C = alpha·op(A)·op(B) + beta·C exactly like the
/// naive triple loop, up to float rounding, on generated sizes and all four transpose cases.
/// </summary>
public class GemmTests
{
    /// <summary>One generated GEMM problem; Seed fills A, B and C.</summary>
    public sealed record GemmCase(bool TransposeA, bool TransposeB, int M, int N, int K, float Alpha, float Beta, int Seed)
    {
        public override string ToString() =>
            $"op(A) [{M}, {K}]{(TransposeA ? " stored transposed" : "")} · op(B) [{K}, {N}]{(TransposeB ? " stored transposed" : "")}, " +
            $"alpha = {Alpha}, beta = {Beta}, seed = {Seed}";
    }

    /// <summary>Sizes that break blocked code: 1, primes, one off the tile sizes (12, 32, 16, 6) and the blocks.</summary>
    static readonly int[] EdgeSizes = [1, 2, 3, 5, 6, 7, 11, 12, 13, 16, 17, 31, 32, 33, 47, 48, 63, 64, 65, 97];

    static Gen<int> SmallSize => Gen.OneOf(Gen.Elements(EdgeSizes), Gen.Choose(1, 70));

    /// <summary>m, n, k: two small (≤ 97) and one up to 300, larger than a block of any rung.</summary>
    static Gen<(int M, int N, int K)> Sizes =>
        from small in SmallSize.Three()
        from big in Gen.OneOf(Gen.Elements(127, 191, 256, 257, 293, 300), Gen.Choose(1, 300))
        from axis in Gen.Choose(0, 3)
        select axis switch
        {
            0 => (big, small.Item2, small.Item3),
            1 => (small.Item1, big, small.Item3),
            2 => (small.Item1, small.Item2, big),
            _ => small,
        };

    static Arbitrary<GemmCase> Cases =>
        (from sizes in Sizes
         from transposeA in Gen.Elements(false, true)
         from transposeB in Gen.Elements(false, true)
         from alpha in Gen.OneOf(Gen.Constant(1f), Gen.Choose(-3000, 3000).Select(i => i / 1000f).Where(a => a != 0f))
         from beta in Gen.OneOf(Gen.Elements(0f, 1f), Gen.Choose(-2000, 2000).Select(i => i / 1000f))
         from seed in Gen.Choose(0, int.MaxValue)
         select new GemmCase(transposeA, transposeB, sizes.M, sizes.N, sizes.K, alpha, beta, seed)).ToArbitrary();

    /// <summary>Every rung, plus the packed GEMM's Vector256 kernel and tiny blocks that force many passes.</summary>
    public static TheoryData<string> KernelNames()
    {
        var names = new TheoryData<string>();
        foreach (var name in Kernels.Keys) names.Add(name);
        return names;
    }

    static readonly Dictionary<string, GemmKernel> Kernels = BuildKernels();

    static Dictionary<string, GemmKernel> BuildKernels()
    {
        var kernels = GemmLadder.Steps.ToDictionary(s => s.Name, s => s.Kernel);
        if (System.Runtime.Intrinsics.X86.Fma.IsSupported)
            kernels["packed, Vector256 kernel"] = PackedGemm.Vector256Kernel.Multiply;
        kernels["packed, tiny blocks (MC 24, KC 16, NC 64)"] = new PackedGemm(PackedGemm.Default.RowsPerTile == 12, blockM: 24, blockK: 16, blockN: 64).Multiply;
        return kernels;
    }

    [Theory]
    [MemberData(nameof(KernelNames))]
    public void Gemm_rung_equals_naive_gemm(string kernelName) =>
        Prop.ForAll(Cases, gemmCase => RequireEqualsNaive(Kernels[kernelName], kernelName, gemmCase))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Fast_gemm_equals_naive_gemm_on_mlp_shapes()
    {
        foreach (var (m, n, k, tA, tB) in new[] { (64, 300, 784, false, false), (784, 300, 64, true, false), (64, 784, 300, false, true),
                                                   (64, 10, 100, false, false), (100, 10, 64, true, false), (64, 100, 10, false, true) })
            RequireEqualsNaive(FastGemm.Gemm, "FastGemm", new GemmCase(tA, tB, m, n, k, 1f, 0f, Seed: m * n + k));
    }

    /// <summary>The comparison must be able to fail: a kernel that drops the last term of each sum is caught.</summary>
    [Fact]
    public void Comparison_catches_a_kernel_that_drops_the_last_term()
    {
        GemmKernel dropsLastTerm = (tA, tB, m, n, k, alpha, a, b, beta, c) =>
        {
            var aWithoutLastTerm = a.ToArray();                        // zero op(A)[:, k-1]
            for (int i = 0; i < m; i++) aWithoutLastTerm[tA ? (k - 1) * m + i : i * k + k - 1] = 0f;
            FastGemm.Gemm(tA, tB, m, n, k, alpha, aWithoutLastTerm, b, beta, c);
        };
        var property = Prop.ForAll(Cases, gemmCase => RequireEqualsNaive(dropsLastTerm, "drops last term", gemmCase));
        var failure = Assert.ThrowsAny<Exception>(() => property.QuickCheckThrowOnFailure());
        Assert.Contains("differs from the naive GEMM", failure.Message);
        // FsCheck names the failing case (sizes, transposes, alpha, beta, data seed) and its own
        // replay seed "(s1,s2)" right after "Falsifiable, after N tests (M shrinks)".
        Assert.Contains("Falsifiable, after", failure.Message);
        Assert.Contains("op(A) [", failure.Message);
    }

    static void RequireEqualsNaive(GemmKernel kernel, string kernelName, GemmCase g)
    {
        var random = new Random(g.Seed);
        float[] a = RandomValues(random, g.M * g.K), b = RandomValues(random, g.K * g.N);
        float[] c0 = g.Beta == 0f ? Enumerable.Repeat(float.NaN, g.M * g.N).ToArray()   // beta = 0 must overwrite NaN
                                  : RandomValues(random, g.M * g.N);
        float[] expected = (float[])c0.Clone(), actual = (float[])c0.Clone();
        if (g.Beta == 0f) Array.Fill(expected, 0f);                   // the naive loop reads C only when beta ≠ 0
        NaiveGemm.Gemm(g.TransposeA, g.TransposeB, g.M, g.N, g.K, g.Alpha, a, b, g.Beta, expected);
        kernel(g.TransposeA, g.TransposeB, g.M, g.N, g.K, g.Alpha, a, b, g.Beta, actual);

        // Summation order differs between rungs: allow float rounding that grows with k.
        float tolerance = 1e-5f * g.K * Math.Abs(g.Alpha) * MaxAbs(a) * MaxAbs(b) + 1e-5f * (1 + Math.Abs(g.Beta));
        for (int index = 0; index < actual.Length; index++)
        {
            float difference = Math.Abs(actual[index] - expected[index]);
            if (!(difference <= tolerance))
                throw new Xunit.Sdk.XunitException(
                    $"{kernelName}: C[{index / g.N}, {index % g.N}] = {actual[index]} differs from the naive GEMM's {expected[index]} " +
                    $"by {difference} > tolerance {tolerance}, for {g}.");
        }
    }

    static float[] RandomValues(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    static float MaxAbs(float[] values) => values.Length == 0 ? 0f : values.Max(Math.Abs);

    [Theory]
    [MemberData(nameof(KernelNames))]
    public void Gemm_rejects_a_too_short_A_with_a_clear_message(string kernelName)
    {
        var failure = Assert.Throws<ArgumentException>(() =>
            Kernels[kernelName](false, false, 3, 5, 4, 1f, new float[10], new float[20], 0f, new float[15]));
        Assert.StartsWith("Gemm: A must hold m·k = 12 floats for op(A) [3, 4], got 10.", failure.Message);
    }

    [Fact]
    public void Gemm_rejects_wrong_B_and_C_lengths_naming_the_shapes()
    {
        var badB = Assert.Throws<ArgumentException>(() =>
            FastGemm.Gemm(false, true, 3, 5, 4, 1f, new float[12], new float[21], 0f, new float[15]));
        Assert.StartsWith("Gemm: B must hold k·n = 20 floats for op(B) = Bᵀ [4, 5] (B stored [5, 4]), got 21.", badB.Message);
        var badC = Assert.Throws<ArgumentException>(() =>
            FastGemm.Gemm(false, false, 3, 5, 4, 1f, new float[12], new float[20], 0f, new float[14]));
        Assert.StartsWith("Gemm: C must hold m·n = 15 floats for C [3, 5], got 14.", badC.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            FastGemm.Gemm(false, false, -1, 5, 4, 1f, [], new float[20], 0f, []));
    }

    [Fact]
    public void Gemm_with_k_zero_or_alpha_zero_only_scales_C()
    {
        float[] c = [1f, float.NaN, 3f, 4f];
        FastGemm.Gemm(false, false, 2, 2, 0, 1f, [], [], 0f, c);      // C ← 0·C + (empty sum) overwrites NaN
        Assert.Equal([0f, 0f, 0f, 0f], c);
        float[] d = [1f, 2f, 3f, 4f];
        FastGemm.Gemm(false, false, 2, 2, 1, 0f, [5f, 6f], [7f, 8f], 2f, d);
        Assert.Equal([2f, 4f, 6f, 8f], d);
    }
}

/// <summary>The GEMM's own allocations, counted alone (see <see cref="AllocationCountsCollection"/>).</summary>
[Collection(AllocationCountsCollection.Name)]
public class GemmAllocationTests
{
    [Fact]
    public void Fast_gemm_allocates_nothing_once_warm()
    {
        // A training step calls GEMM thousands of times: pack buffers are reused, not reallocated.
        float[] x = new float[64 * 784], w = new float[784 * 300], y = new float[64 * 300];
        void Step()
        {
            FastGemm.Gemm(false, false, 64, 300, 784, 1f, x, w, 0f, y);            // Y = X·W
            FastGemm.Gemm(true, false, 784, 300, 64, 1f, x, y, 0f, w);             // dW = Xᵀ·dY
            FastGemm.Gemm(false, true, 64, 784, 300, 1f, y, w, 0f, x);             // dX = dY·Wᵀ
            FastGemm.Gemm(false, false, 64, 10, 30, 1f, x.AsSpan(0, 64 * 30), w.AsSpan(0, 300), 0f, y.AsSpan(0, 640));
        }
        // One warm-up step sizes this thread's pack buffers for every product, even where a worker happens to
        // claim every strip: the thread that shares a product out sizes its buffers first (ReserveBuffers).
        Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) Step();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"FastGemm allocated {allocated} bytes over 80 warm calls; expected none.");
    }
}
