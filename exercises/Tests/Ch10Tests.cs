using FsCheck;
using FsCheck.Fluent;
using Learn.Dnn.Data;
using Learn.Dnn.Devices;
using Learn.Dnn.Exercises.Ch10;
using Learn.Dnn.Layers;
using Learn.Dnn.Losses;
using Xunit;

namespace Learn.Dnn.Exercises.Tests;

/// <summary>Graded tests for chapter 10: loop order, blocking, a SIMD dot product, a buffer pool, a scoped training step.</summary>
[Collection(AllocationCountsCollection.Name)]
public class Ch10Tests
{
    /// <summary>A product to check: sizes 1–40 (odd ones included), values in [−1, 1] on a grid, a seed.</summary>
    private static readonly Gen<(int M, int N, int K, int Seed)> Shapes =
        from m in Gen.Choose(1, 40) from n in Gen.Choose(1, 40) from k in Gen.Choose(1, 40) from seed in Gen.Choose(0, 1000)
        select (m, n, k, seed);

    private static float[] RandomMatrix(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => random.Next(-1000, 1001) / 1000f)];

    /// <summary>Checks C against the definition, summed in double; C started full of NaN, which must not survive.</summary>
    private static void CheckProduct(string call, float[] a, float[] b, float[] c, int m, int n, int k, string hint)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double expected = 0, scale = 0;
                for (int p = 0; p < k; p++) { expected += (double)a[i * k + p] * b[p * n + j]; scale += Math.Abs((double)a[i * k + p] * b[p * n + j]); }
                if (double.IsNaN(c[i * n + j]))
                    throw new ExerciseFailure($"{call}: C[{i}, {j}] is NaN. C started full of NaN: overwrite it (clear C first, or start each sum at 0).\nHint: {hint}");
                Expect.Near(c[i * n + j], expected, $"{call}: C[{i}, {j}]", hint, 0, 1e-5 * (scale + 1));
            }
    }

    [SkippableFact, Trait("Exercise", "ch10.loop-order")]
    public void Loop_order_product_equals_the_definition_on_every_shape() => Graded.Run("ch10.loop-order", () =>
    {
        const string hint = "clear C, then for each i and p add A[i, p]·B[p, :] into C[i, :]; A[i, p] is a[i * k + p], B[p, j] is b[p * n + j], C[i, j] is c[i * n + j].";
        Prop.ForAll(Shapes.ToArbitrary(), s =>
        {
            var random = new Random(s.Seed);
            float[] a = RandomMatrix(random, s.M * s.K), b = RandomMatrix(random, s.K * s.N), c = new float[s.M * s.N];
            Array.Fill(c, float.NaN);
            GemmLoops.LoopOrder(a, b, c, s.M, s.N, s.K);
            CheckProduct($"LoopOrder with m = {s.M}, n = {s.N}, k = {s.K}", a, b, c, s.M, s.N, s.K, hint);
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch10.blocked")]
    public void Blocked_product_equals_the_definition_for_every_block_size() => Graded.Run("ch10.blocked", () =>
    {
        const string hint = "each inner loop ends at min(start + block, size): a block at the edge is smaller, and blocks must neither skip nor repeat a row, term or column.";
        var cases = from s in Shapes from bm in Gen.Choose(1, 45) from bk in Gen.Choose(1, 45) from bn in Gen.Choose(1, 45) select (s, bm, bk, bn);
        Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var (s, bm, bk, bn) = t;
            var random = new Random(s.Seed);
            float[] a = RandomMatrix(random, s.M * s.K), b = RandomMatrix(random, s.K * s.N), c = new float[s.M * s.N];
            Array.Fill(c, float.NaN);
            GemmLoops.Blocked(a, b, c, s.M, s.N, s.K, bm, bk, bn);
            CheckProduct($"Blocked with m = {s.M}, n = {s.N}, k = {s.K}, blocks {bm}×{bk}×{bn}", a, b, c, s.M, s.N, s.K, hint);
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch10.simd-dot")]
    public void Simd_dot_product_is_exact_to_rounding_for_every_length_and_uses_vectors() => Graded.Run("ch10.simd-dot", () =>
    {
        const string hint = "a vector loop while i + 8 ≤ n (16 with Vector512), then a scalar loop for the rest; add the lanes of the vector sum once, at the end.";
        Expect.Near(SimdDot.Dot([], []), 0, "Dot of two empty spans", "the sum of no terms is 0.", 0, 0);
        Expect.True(Throws<ArgumentException>(() => SimdDot.Dot([1f, 2f], [1f])), "Dot([1, 2], [1]) should throw an ArgumentException: the lengths differ.", hint);
        var cases = from n in Gen.Frequency((3, Gen.Choose(1, 70)), (1, Gen.Choose(500, 2100))) from seed in Gen.Choose(0, 1000) select (n, seed);
        Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var random = new Random(t.seed);
            float[] x = RandomMatrix(random, t.n), y = RandomMatrix(random, t.n);
            double expected = 0, scale = 0;
            for (int i = 0; i < t.n; i++) { expected += (double)x[i] * y[i]; scale += Math.Abs((double)x[i] * y[i]); }
            Expect.Near(SimdDot.Dot(x, y), expected, $"Dot of two random vectors of length {t.n} (seed {t.seed})", hint, 0, 1e-5 * (scale + 1));
        }).QuickCheckThrowOnFailure();
        // Right answers from a scalar loop are not the exercise: the code must use a vector type.
        var code = OwnWork.CompiledCode("ch10.simd-dot");
        Expect.True(code is null || code.Contains("Vector", StringComparison.Ordinal),
            "SimdDot.Dot should use a SIMD vector type (Vector256<float>, Vector512<float> or Vector<float>); your code uses none.", "a Vector256<float> holds 8 floats; Vector256.FusedMultiplyAdd(x, y, sum) does 8 multiply-adds at once.");
    });

    private static bool Throws<T>(Action action) where T : Exception
    {
        try { action(); } catch (T) { return true; } catch (NotImplementedException) { throw; } catch (Exception) { return false; }
        return false;
    }

    [SkippableFact, Trait("Exercise", "ch10.pool-rent")]
    public void Rent_hands_back_a_returned_array_of_the_same_length_and_never_one_twice() => Graded.Run("ch10.pool-rent", () =>
    {
        const string hint = "pop from the stack of this length when there is one (clear it if zeroed was asked), else allocate; popping removes it, so it is never handed out twice.";
        var pool = new BufferPool();
        var fresh = pool.Rent(10, zeroed: true);
        Expect.True(fresh is { Length: 10 } && fresh.All(v => v == 0), "Rent(10, zeroed: true) on an empty pool should give a new array of 10 zeros.", hint);
        fresh.AsSpan().Fill(7f);
        pool.Return(fresh);
        var again = pool.Rent(10, zeroed: false);
        Expect.True(ReferenceEquals(again, fresh), "Rent(10) after Return of an array of 10 should hand back that same array (that is what saves the allocation).", hint);
        Expect.True(pool.Count == 0, $"after it was rented again, the array should have left the pool, which still counts {pool.Count}.", hint);
        Expect.True(!ReferenceEquals(pool.Rent(10, zeroed: false), fresh), "a second Rent(10) handed out the same array as the first: two users would share its memory.", hint);
        pool.Return(again);
        var other = pool.Rent(12, zeroed: false);
        Expect.True(other.Length == 12 && !ReferenceEquals(other, again), "Rent(12) with only an array of 10 in the pool should allocate a new array of 12.", hint);
        var cleared = pool.Rent(10, zeroed: true);
        Expect.True(ReferenceEquals(cleared, again) && cleared.All(v => v == 0),
            "Rent(10, zeroed: true) should reuse the array of 10 in the pool and clear its old values (it held 7s).", hint);
        Expect.True(pool.Rent(0, zeroed: true).Length == 0, "Rent(0) should give an empty array.", hint);
    });

    [SkippableFact, Trait("Exercise", "ch10.pool-return")]
    public void Return_keeps_at_most_MaxPerLength_arrays_and_refuses_one_returned_twice() => Graded.Run("ch10.pool-return", () =>
    {
        const string hint = "one stack per length; push unless it already holds that very array (throw) or holds MaxPerLength (drop).";
        var pool = new BufferPool();
        var arrays = Enumerable.Range(0, BufferPool.MaxPerLength + 3).Select(_ => new float[5]).ToList();
        foreach (var array in arrays) pool.Return(array);
        Expect.True(pool.Count == BufferPool.MaxPerLength,
            $"after {arrays.Count} arrays of one length were returned the pool should keep {BufferPool.MaxPerLength} (MaxPerLength), it keeps {pool.Count}.", hint);
        pool.Return(new float[6]);
        Expect.True(pool.Count == BufferPool.MaxPerLength + 1, "each length has its own limit: an array of 6 should still be kept.", hint);
        var single = new BufferPool();
        var twice = new float[3];
        single.Return(twice);
        Expect.True(Throws<InvalidOperationException>(() => single.Return(twice)),
            "returning the same array twice should throw an InvalidOperationException: the pool would later hand it to two users.", hint);
        Expect.True(Throws<ArgumentNullException>(() => single.Return(null!)), "Return(null) should throw an ArgumentNullException.", hint);
        var rented = new HashSet<float[]>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < BufferPool.MaxPerLength; i++)
            Expect.True(rented.Add(pool.Rent(5, zeroed: false)), "Rent handed out an array that it had already handed out.", hint);
    });

    /// <summary>A small MLP, 20 → 256 (relu) → 3, and a batch of 32, built (its weights made) before the step.</summary>
    private static (Dense[] Model, Tensor X, Tensor Y) SmallMlp(ulong seed)
    {
        Dense[] model = [new Dense(256, "relu", seed: seed), new Dense(3, seed: seed + 1)];
        var x = new Rng(seed + 2).Uniform(new Shape(32, 20), -1f, 1f);
        var y = Categorical.ToCategorical(Tensor.FromArray([.. Enumerable.Range(0, 32).Select(i => (float)(i % 3))], 32), classes: 3);
        var h = x;
        foreach (var layer in model) h = layer.Call(h);   // builds the weights, outside any scope
        return (model, x, y);
    }

    [SkippableFact, Trait("Exercise", "ch10.scoped-step")]
    public void Scoped_step_trains_like_a_plain_step_keeps_the_logits_and_frees_the_rest() => Graded.Run("ch10.scoped-step", () =>
    {
        const string hint = "open the scope first, read loss.Item() and call scope.Keep(logits.Storage) before it ends; the weights need nothing (they were made outside).";
        using var _ = Device.Use(Device.Cpu);
        var (model, x, y) = SmallMlp(3);
        var (plain, _, _) = SmallMlp(3);

        for (int step = 0; step < 3; step++)
        {
            var (loss, logits) = ScopedStep.Step(x, y, model, 0.1f);
            // The same step without a scope, written out: the scoped one must give the same numbers.
            var h = x;
            foreach (var layer in plain) h = layer.Call(h, training: true);
            var expected = new CategoricalCrossentropy(fromLogits: true).Call(y, h);
            expected.Backward();
            foreach (var w in plain.SelectMany(l => l.TrainableWeights)) { w.GradientDescentStep(0.1f); w.ZeroGrad(); }

            Expect.Near(loss, expected.Item(), $"the loss of step {step + 1}", hint, 1e-5, 1e-6);
            float[] kept;
            try { kept = logits.ToArray(); }
            catch (InvalidOperationException e)
            {
                throw new ExerciseFailure($"the logits returned by step {step + 1} cannot be read after the step: {e.Message}\nHint: {hint}");
            }
            float[] want = h.ToArray();
            Expect.Length(kept, want.Length, $"the logits of step {step + 1}", "the logits are the last layer's output, [32, 3].");
            for (int i = 0; i < want.Length; i++)
                Expect.Near(kept[i], want[i], $"logit {i} of step {step + 1}", hint, 1e-5, 1e-6);
        }
        var weights = model.SelectMany(l => l.TrainableWeights).ToList();
        var plainWeights = plain.SelectMany(l => l.TrainableWeights).ToList();
        for (int w = 0; w < weights.Count; w++)
        {
            float[] got = weights[w].ToArray(), want = plainWeights[w].ToArray();
            for (int i = 0; i < want.Length; i++)
                Expect.Near(got[i], want[i], $"weight {w}[{i}] after 3 steps", "every weight moves by −η·∂L/∂w and its gradient is cleared (ZeroGrad) after each step.", 1e-5, 1e-6);
        }

        // The steady state: after a few steps the device's pool serves every request, so a step allocates little.
        for (int i = 0; i < 3; i++) ScopedStep.Step(x, y, model, 0.1f);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) ScopedStep.Step(x, y, model, 0.1f);
        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 10;
        Expect.True(perStep < 12 * 1024,
            $"a steady scoped step allocated {perStep:N0} bytes of managed memory; inside a scope whose storages go back to the pool it should be a few KB (the graph's bookkeeping).",
            "without StorageScope.Begin() every intermediate is a new array each step; make sure the whole step runs inside the scope.");
    });
}
