using FsCheck;
using FsCheck.Fluent;
using Learn.Dnn.Losses;
using Learn.Dnn.Tests.Operations;

namespace Learn.Dnn.Tests.Properties;

/// <summary>The invariants of the chapter 1–4 operations, on generated shapes and values.</summary>
public sealed class PropertyTests
{
    /// <summary>A matrix [1–6, 1–7] of values in [−scale, scale].</summary>
    private static Arbitrary<float[,]> Matrices(float scale = 5f) =>
        (from rows in Gen.Choose(1, 6)
         from cols in Gen.Choose(1, 7)
         from values in Gen.Choose(-1000, 1000).Select(i => i / 1000f * scale).ArrayOf(rows * cols)
         select ToMatrix(values, rows, cols)).ToArbitrary();

    private static float[,] ToMatrix(float[] values, int rows, int cols)
    {
        var m = new float[rows, cols];
        for (int i = 0; i < values.Length; i++) m[i / cols, i % cols] = values[i];
        return m;
    }

    [Fact]
    public void Softmax_rows_sum_to_one() =>
        Prop.ForAll(Matrices(50f), m =>
        {
            var p = Tensor.FromArray(m).Softmax();
            foreach (float sum in p.Sum(1).ToArray())
                Assert.True(MathF.Abs(sum - 1f) < 1e-5f, $"a softmax row sums to {sum}");
            Assert.All(p.ToArray(), v => Assert.InRange(v, 0f, 1f));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Softmax_is_unchanged_by_adding_a_constant_to_a_row() =>
        Prop.ForAll(Matrices(), Gen.Choose(-100_000, 100_000).Select(i => i / 100f).ToArbitrary(), (m, c) =>
        {
            var x = Tensor.FromArray(m);
            var p = x.Softmax().ToArray();
            var shifted = (x + c).Softmax().ToArray();
            for (int i = 0; i < p.Length; i++)
                Assert.True(MathF.Abs(p[i] - shifted[i]) < 1e-4f, $"softmax(x + {c}) differs from softmax(x) at {i}: {shifted[i]} vs {p[i]}");
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Softmax_of_huge_logits_is_finite()
    {
        var p = Tensor.FromArray(new float[,] { { 1000f, 0f, -1000f }, { 89f, 90f, 88f } }).Softmax().ToArray();
        Assert.All(p, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1f, p[0], 5);
    }

    [Fact]
    public void Cross_entropy_is_non_negative_and_minimal_at_the_target() =>
        Prop.ForAll(Matrices(), m =>
        {
            var logits = Tensor.FromArray(m);
            var target = logits.Softmax();                              // a target the prediction can reach
            var loss = new CategoricalCrossentropy(fromLogits: true);
            float atTarget = loss.Call(target, logits).Item();
            Assert.True(atTarget >= -1e-6f, $"cross-entropy is negative: {atTarget}");
            var moved = logits + new Rng(1).Normal(logits.Shape, 0f, 0.5f);
            float elsewhere = loss.Call(target, moved).Item();
            Assert.True(elsewhere >= atTarget - 1e-5f, $"cross-entropy {elsewhere} away from the target is below {atTarget} at it");
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Cross_entropy_with_one_hot_targets_is_zero_only_for_certain_predictions()
    {
        var y = Tensor.FromArray(new float[,] { { 0, 1, 0 } });
        var loss = new CategoricalCrossentropy(fromLogits: true);
        Assert.True(loss.Call(y, Tensor.FromArray(new float[,] { { -50, 50, -50 } })).Item() < 1e-6f);
        Assert.True(loss.Call(y, Tensor.FromArray(new float[,] { { 0, 0, 0 } })).Item() > 1.09f);   // ln 3
    }

    [Fact]
    public void Mean_squared_error_is_non_negative_and_zero_at_the_target() =>
        Prop.ForAll(Matrices(), Matrices(), (a, b) =>
        {
            var x = Tensor.FromArray(a);
            Assert.Equal(0f, new MeanSquaredError().Call(x, x).Item());
            if (a.GetLength(0) == b.GetLength(0) && a.GetLength(1) == b.GetLength(1))
                Assert.True(new MeanSquaredError().Call(x, Tensor.FromArray(b)).Item() >= 0f);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Relu_is_idempotent_sigmoid_is_symmetric_and_tanh_is_odd() =>
        Prop.ForAll(Matrices(8f), m =>
        {
            var x = Tensor.FromArray(m);
            Assert.Equal(x.Relu().ToArray(), x.Relu().Relu().ToArray());
            var s = x.Sigmoid().ToArray();
            var sNeg = (-x).Sigmoid().ToArray();
            var t = x.Tanh().ToArray();
            var tNeg = (-x).Tanh().ToArray();
            for (int i = 0; i < s.Length; i++)
            {
                Assert.True(MathF.Abs(sNeg[i] - (1f - s[i])) < 1e-6f, $"sigmoid(−x) ≠ 1 − sigmoid(x) at x = {x.ToArray()[i]}");
                Assert.True(MathF.Abs(tNeg[i] + t[i]) < 1e-6f, $"tanh(−x) ≠ −tanh(x) at x = {x.ToArray()[i]}");
            }
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void MatMul_equals_a_naive_triple_loop() =>
        Prop.ForAll(
            (from n in Gen.Choose(1, 40) from k in Gen.Choose(1, 40) from m in Gen.Choose(1, 40) from seed in Gen.Choose(0, 10_000)
             select (n, k, m, seed)).ToArbitrary(),
            c =>
            {
                var rng = new Rng((ulong)c.seed);
                var a = rng.Uniform([c.n, c.k], -1f, 1f);
                var b = rng.Uniform([c.k, c.m], -1f, 1f);
                var expected = OperationRegistry.NaiveMatMul(a.ToArray().Select(v => (double)v).ToArray(), b.ToArray().Select(v => (double)v).ToArray(), c.n, c.k, c.m);
                var actual = a.MatMul(b).ToArray();
                for (int i = 0; i < expected.Length; i++)
                    Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5 * c.k + 1e-6, $"MatMul [{c.n}×{c.k}]·[{c.k}×{c.m}] element {i}: {actual[i]} vs {expected[i]}");
            }).QuickCheckThrowOnFailure();

    [Fact]
    public void Broadcasting_follows_numpys_rules() =>
        Prop.ForAll(
            (from rank in Gen.Choose(1, 4) from dims in Gen.Choose(1, 4).ArrayOf(rank) from mask in Gen.Choose(0, 2).ArrayOf(rank)
             select (dims, mask)).ToArbitrary(),
            c =>
            {
                // b: some axes of a's shape set to 1, some leading axes dropped; the result is a's shape
                var bDims = c.dims.Select((d, i) => c.mask[i] == 1 ? 1 : d).SkipWhile((_, i) => i < c.mask.TakeWhile(v => v == 2).Count()).ToArray();
                var a = new Shape(c.dims);
                var b = new Shape(bDims);
                Assert.Equal(a, Shape.Broadcast(a, b, "test"));
                Assert.Equal(a, Shape.Broadcast(b, a, "test"));
                // adding a broadcast b equals adding b explicitly repeated
                var ta = new Rng(3).Uniform(a);
                var tb = new Rng(4).Uniform(b);
                var expanded = tb + Tensor.Zeros(a);
                Assert.Equal((ta + expanded).ToArray(), (ta + tb).ToArray());
            }).QuickCheckThrowOnFailure();

    [Fact]
    public void Incompatible_shapes_do_not_broadcast()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros(4, 3) + Tensor.Zeros(4));
        Assert.Contains("[4, 3]", e.Message);
        Assert.Contains("[4]", e.Message);
    }

    [Fact]
    public void The_same_seed_gives_the_same_numbers_and_different_seeds_differ() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).Select(i => (ulong)i).ToArbitrary(), seed =>
        {
            var a = new Rng(seed).Uniform([100]).ToArray();
            var b = new Rng(seed).Uniform([100]).ToArray();
            var c = new Rng(seed + 1).Uniform([100]).ToArray();
            Assert.Equal(a, b);
            Assert.True(a.Zip(c).Count(p => p.First == p.Second) < 5, $"seeds {seed} and {seed + 1} give nearly the same numbers");
            var n1 = new Rng(seed).Normal([50]).ToArray();
            Assert.Equal(n1, new Rng(seed).Normal([50]).ToArray());
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Uniform_and_normal_draws_have_the_right_moments()
    {
        var u = new Rng(5).Uniform([100_000], -1f, 3f).ToArray();
        Assert.InRange(u.Min(), -1f, -0.99f);
        Assert.InRange(u.Max(), 2.99f, 3f);
        Assert.InRange(u.Average(), 0.98, 1.02);
        var n = new Rng(6).Normal([100_000], 2f, 0.5f).ToArray();
        double mean = n.Average(), std = Math.Sqrt(n.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, 1.99, 2.01);
        Assert.InRange(std, 0.49, 0.51);
    }

    [Fact]
    public void A_property_check_can_fail()
    {
        // the harness itself: a false property ("every softmax entry is below 0.9") must be refuted
        Assert.ThrowsAny<Exception>(() =>
            Prop.ForAll(Matrices(50f), m => Assert.All(Tensor.FromArray(m).Softmax().ToArray(), v => Assert.True(v < 0.9f)))
                .QuickCheckThrowOnFailure());
    }
}
