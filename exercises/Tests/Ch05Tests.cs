using FsCheck;
using FsCheck.Fluent;
using Learn.Dnn.Exercises.Ch05;
using Learn.Dnn.Layers;
using Learn.Dnn.Losses;
using Learn.Dnn.Optimizers;
using Xunit;

namespace Learn.Dnn.Exercises.Tests;

/// <summary>Graded tests for chapter 5: momentum, Adam, clipnorm, exponential decay, mini-batches and a training loop on the engine.</summary>
public class Ch05Tests
{
    private static string F(double x) => Expect.Format(x);
    private static string F(IEnumerable<double> xs) => Expect.Format(xs);

    /// <summary>A sequence of 1–6 gradients of one length (1–4), with learning rate and momentum.</summary>
    private static readonly Gen<(double[][] Gradients, double LearningRate, double Momentum)> StepCases =
        from length in Gen.Choose(1, 4)
        from steps in Gen.Choose(1, 6)
        from gradients in Inputs.Doubles(length, 5).ArrayOf(steps)
        from learningRate in Gen.Elements(0.01, 0.1, 0.5)
        from momentum in Gen.Elements(0.0, 0.5, 0.9, 0.99)
        select (gradients, learningRate, momentum);

    [SkippableFact, Trait("Exercise", "ch05.momentum-step")]
    public void Momentum_step_matches_Keras_with_and_without_Nesterov() => Graded.Run("ch05.momentum-step", () =>
    {
        Prop.ForAll(StepCases.ToArbitrary(), c =>
        {
            var (gradients, lr, mu) = c;
            foreach (bool nesterov in new[] { false, true })
            {
                int n = gradients[0].Length;
                var w = Enumerable.Range(0, n).Select(i => 0.5 * i - 1).ToArray();
                var velocity = new double[n];
                var (expectedW, expectedV) = (w.ToArray(), new double[n]);
                for (int t = 0; t < gradients.Length; t++)
                {
                    OptimizerSteps.MomentumStep(w, gradients[t], velocity, lr, mu, nesterov);
                    for (int i = 0; i < n; i++)
                    {
                        expectedV[i] = mu * expectedV[i] - lr * gradients[t][i];
                        expectedW[i] += nesterov ? mu * expectedV[i] - lr * gradients[t][i] : expectedV[i];
                    }
                    string input = $"After step {t + 1} of SGD(η = {F(lr)}, momentum = {F(mu)}, nesterov = {nesterov}) with gradients {F(gradients.Take(t + 1).SelectMany(g => g))}";
                    for (int i = 0; i < n; i++)
                    {
                        Expect.Near(velocity[i], expectedV[i], $"{input}, velocity[{i}]", "v ← μ·v − η·g, in place, before the weight moves.", 1e-12, 1e-12);
                        Expect.Near(w[i], expectedW[i], $"{input}, weight[{i}]",
                            nesterov ? "Nesterov: w ← w + μ·v − η·g with the NEW v (the step taken from the look-ahead point)." : "plain momentum: w ← w + v with the new v.",
                            1e-12, 1e-12);
                    }
                }
            }
        }).QuickCheckThrowOnFailure();
        bool threw = false;
        try { OptimizerSteps.MomentumStep([1, 2], [1], [0, 0], 0.1, 0.9, false); }
        catch (ArgumentException) { threw = true; }
        Expect.True(threw, "MomentumStep with 2 weights and a gradient of length 1 should throw an ArgumentException.", "compare the three lengths first.");
    });

    [SkippableFact, Trait("Exercise", "ch05.adam-step")]
    public void Adam_steps_match_Keras_with_bias_correction_and_epsilon_outside_the_root() => Graded.Run("ch05.adam-step", () =>
    {
        // Step 1 with g = 1: m = 0.1, v = 0.001, α = η·√0.001/0.1, so w moves by α·0.1/(√0.001 + ε) ≈ η: Adam's first step is η·sign(g).
        var w1 = new[] { 0.0 };
        OptimizerSteps.AdamStep(w1, [1.0], new double[1], new double[1], 1, learningRate: 0.001);
        Expect.Near(w1[0], -0.001 * Math.Sqrt(0.001) / 0.1 * 0.1 / (Math.Sqrt(0.001) + 1e-7), "AdamStep from w = 0, g = 1, t = 1, η = 0.001: the new w", 
            "the first step is about −η whatever the size of g: that is the bias correction α = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ) at work.", 1e-12, 1e-15);

        var cases = from length in Gen.Choose(1, 4)
                    from steps in Gen.Choose(1, 8)
                    from gradients in Inputs.Doubles(length, 3).ArrayOf(steps)
                    from tiny in Gen.Elements(false, true)
                    from lr in Gen.Elements(0.001, 0.01, 0.1)
                    select (gradients: tiny ? gradients.Select(g => g.Select(x => x * 1e-6).ToArray()).ToArray() : gradients, lr);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (gradients, lr) = c;
            int n = gradients[0].Length;
            double b1 = 0.9, b2 = 0.999, eps = 1e-7;
            var w = Enumerable.Range(0, n).Select(i => 1.0 - i).ToArray();
            var (m, v) = (new double[n], new double[n]);
            var (ew, em, ev) = (w.ToArray(), new double[n], new double[n]);
            for (int t = 1; t <= gradients.Length; t++)
            {
                OptimizerSteps.AdamStep(w, gradients[t - 1], m, v, t, lr);
                double alpha = lr * Math.Sqrt(1 - Math.Pow(b2, t)) / (1 - Math.Pow(b1, t));
                for (int i = 0; i < n; i++)
                {
                    double g = gradients[t - 1][i];
                    em[i] = b1 * em[i] + (1 - b1) * g;
                    ev[i] = b2 * ev[i] + (1 - b2) * g * g;
                    ew[i] -= alpha * em[i] / (Math.Sqrt(ev[i]) + eps);
                }
                string input = $"After step t = {t} of Adam(η = {F(lr)}) with gradients {F(gradients.Take(t).SelectMany(g => g))}";
                for (int i = 0; i < n; i++)
                {
                    Expect.Near(m[i], em[i], $"{input}, m[{i}]", "m ← β₁·m + (1 − β₁)·g: the moving average of the gradient.", 1e-12, 1e-15);
                    Expect.Near(v[i], ev[i], $"{input}, v[{i}]", "v ← β₂·v + (1 − β₂)·g²: the moving average of the squared gradient.", 1e-12, 1e-18);
                    Expect.Near(w[i], ew[i], $"{input}, weight[{i}]",
                        "α = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ), then w ← w − α·m/(√v + ε): ε = 1e-7 added to √v (not to √v̂, and not inside the root), as Keras; t counts from 1.",
                        1e-9, 1e-12);
                }
            }
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch05.clipnorm")]
    public void Clipnorm_scales_long_gradients_to_norm_c_and_leaves_short_ones() => Graded.Run("ch05.clipnorm", () =>
    {
        var zero = OptimizerSteps.ClipNorm([0, 0, 0], 1);
        Expect.True(zero.Length == 3 && zero.All(g => g == 0), $"ClipNorm([0, 0, 0], 1) should be [0, 0, 0], got {F(zero)}.", "a zero gradient has norm 0 ≤ c: return it unchanged (and do not divide by its norm).");
        var cases = from g in Inputs.Vector(6, 10) from c in Gen.Elements(0.1, 1.0, 5.0, 100.0) select (g, c);
        Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var (g, c) = t;
            var copy = g.ToArray();
            var clipped = OptimizerSteps.ClipNorm(g, c);
            string input = $"ClipNorm({F(g)}, c = {F(c)})";
            Expect.Length(clipped, g.Length, input, "one entry per gradient entry.");
            Expect.True(g.SequenceEqual(copy), $"{input} changed its input to {F(g)}.", "return a new array; the caller still needs the gradient it passed.");
            double norm = Math.Sqrt(g.Sum(x => x * x));
            double scale = norm > c ? c / norm : 1;
            for (int i = 0; i < g.Length; i++)
                Expect.Near(clipped[i], g[i] * scale, $"{input}[{i}] (‖g‖ = {F(norm)})",
                    norm > c ? "too long: multiply every entry by c/‖g‖, so the direction stays and the norm becomes c." : "‖g‖ ≤ c: the gradient is returned unchanged.",
                    1e-12, 1e-12);
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch05.exponential-decay")]
    public void Exponential_decay_matches_Keras_smooth_and_staircase() => Graded.Run("ch05.exponential-decay", () =>
    {
        Expect.Near(LearningRateSchedules.ExponentialDecay(0.1, 0, 1000, 0.96, false), 0.1, "ExponentialDecay(η₀ = 0.1, t = 0, s = 1000, r = 0.96)", "at t = 0 the rate is η₀.", 1e-12);
        Expect.Near(LearningRateSchedules.ExponentialDecay(0.1, 500, 1000, 0.96, false), 0.1 * Math.Sqrt(0.96), "ExponentialDecay(0.1, t = 500, s = 1000, r = 0.96, staircase: false)",
            "t/s must be a real division: 500/1000 = 0.5, not 0 (cast to double before dividing).", 1e-12);
        Expect.Near(LearningRateSchedules.ExponentialDecay(0.1, 1999, 1000, 0.5, true), 0.05, "ExponentialDecay(0.1, t = 1999, s = 1000, r = 0.5, staircase: true)",
            "staircase: the exponent is ⌊t/s⌋ = 1, so η = η₀·r.", 1e-12);
        var cases = from t in Gen.Choose(0, 100_000) from s in Gen.Choose(1, 5000) from r in Gen.Elements(0.5, 0.9, 0.96, 0.99)
                    from stairs in Gen.Elements(false, true) select (t, s, r, stairs);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (t, s, r, stairs) = c;
            double p = stairs ? Math.Floor((double)t / s) : (double)t / s;
            Expect.Near(LearningRateSchedules.ExponentialDecay(0.01, t, s, r, stairs), 0.01 * Math.Pow(r, p),
                $"ExponentialDecay(η₀ = 0.01, t = {t}, s = {s}, r = {F(r)}, staircase: {stairs})", "η = η₀·r^(t/s), with ⌊t/s⌋ when staircase.", 1e-10, 1e-300);
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch05.mini-batches")]
    public void Mini_batches_cover_every_sample_once_keep_the_last_partial_batch_and_reshuffle() => Graded.Run("ch05.mini-batches", () =>
    {
        var cases = from n in Gen.Choose(0, 300) from b in Gen.Choose(1, 64) from seed in Gen.Choose(0, 1000) select (n, b, seed);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (n, b, seed) = c;
            var batches = MiniBatches.Batches(n, b, new Random(seed));
            string input = $"Batches(n = {n}, batchSize = {b})";
            int expectedCount = (n + b - 1) / b;
            Expect.True(batches is not null && batches.Count == expectedCount,
                $"{input} should give ⌈n/B⌉ = {expectedCount} batches, got {batches?.Count}.", "keep the last, short batch: Keras does not drop it.");
            for (int k = 0; k < batches!.Count; k++)
            {
                int size = k < batches.Count - 1 || n % b == 0 ? b : n % b;
                Expect.True(batches[k].Length == size, $"{input}: batch {k} should have {size} samples, got {batches[k].Length}.",
                    "every batch is full except the last, which holds the n mod B samples left over.");
            }
            var all = batches.SelectMany(x => x).Order().ToArray();
            Expect.True(all.SequenceEqual(Enumerable.Range(0, n)), $"{input}: the batches should hold each index 0…{n - 1} exactly once.",
                "shuffle a permutation of 0…n−1 (swap, never draw with replacement), then slice it.");
        }).QuickCheckThrowOnFailure();

        var rng = new Random(7);
        var first = MiniBatches.Batches(1000, 32, rng).SelectMany(x => x).ToArray();
        var second = MiniBatches.Batches(1000, 32, rng).SelectMany(x => x).ToArray();
        Expect.True(!first.SequenceEqual(Enumerable.Range(0, 1000)), "Batches(1000, 32) returned the samples in their original order.",
            "shuffle the indices first: batches of consecutive samples repeat whatever order the data came in.");
        Expect.True(!first.SequenceEqual(second), "Two calls of Batches(1000, 32) with the same Random gave the same order.",
            "draw the shuffle from the rng you are given, not from a new Random: every epoch must see a new order.");
        int inPlace = first.Where((index, position) => index == position).Count();
        Expect.True(inPlace < 20, $"Batches(1000, 32): {inPlace} of 1000 samples stayed at their own position; a uniform shuffle leaves about 1.",
            "Fisher–Yates: for i from n−1 down to 1, j = rng.Next(i + 1) (j may equal i), swap.");
        bool threw = false;
        try { MiniBatches.Batches(10, 0, new Random(1)); }
        catch (ArgumentOutOfRangeException) { threw = true; }
        Expect.True(threw, "Batches(10, batchSize: 0) should throw an ArgumentOutOfRangeException.", "check batchSize > 0 first.");
    });

    /// <summary>y = 2x₁ − 3x₂ + 1 on n points in [−1, 1]².</summary>
    private static (Tensor X, Tensor Y) Linear(int n, ulong seed)
    {
        var x = new Rng(seed).Uniform(new Shape(n, 2), -1f, 1f);
        var values = x.ToArray();
        var y = Enumerable.Range(0, n).Select(i => 2 * values[2 * i] - 3 * values[2 * i + 1] + 1).ToArray();
        return (x, Tensor.FromArray(y, new Shape(n, 1)));
    }

    [SkippableFact, Trait("Exercise", "ch05.training-loop")]
    public void Training_loop_reports_the_size_weighted_epoch_mean_and_steps_once_per_batch() => Graded.Run("ch05.training-loop", () =>
    {
        // With η = 0 the weights never move, so every batch is scored by the same net: the size-weighted mean of the
        // batch losses is then exactly the loss on all the data. n = 10, batch 4: batches of 4, 4 and 2.
        var (x, y) = Linear(10, 3);
        Layer[] layers = [new Dense(3, "tanh", seed: 1), new Dense(1, seed: 2)];
        var frozen = new SGD(learningRate: 0f);
        var losses = TrainingLoop.Train(x, y, layers, new MeanSquaredError(), frozen, epochs: 2, batchSize: 4, seed: 5);
        Expect.True(losses is not null && losses.Count == 2, $"Train(epochs: 2) should return 2 epoch losses, got {losses?.Count}.", "one entry per epoch: the epoch's mean loss.");
        Expect.True(frozen.Iterations == 6, $"Train(n = 10, batchSize: 4, epochs: 2) should take 3 optimizer steps per epoch (batches of 4, 4, 2), 6 in all; the optimizer took {frozen.Iterations}.",
            "one optimizer.Apply per batch, and keep the last, short batch.");
        double whole;
        using (Tensor.NoGrad())
        {
            var prediction = x;
            foreach (var layer in layers) prediction = layer.Call(prediction);
            whole = new MeanSquaredError().Call(y, prediction).Item();
        }
        for (int e = 0; e < 2; e++)
            Expect.Near(losses![e], whole, $"With η = 0, epoch {e + 1}'s loss", 
                "weight each batch's loss by its size: Σ (loss · batch size) / n. A plain mean of the batch losses over-counts the short last batch.", 1e-5, 1e-7);

        // It learns, and it reshuffles: a different seed visits the batches in a different order.
        var (xs, ys) = Linear(64, 11);
        List<double> Fit(ulong seed) =>
            TrainingLoop.Train(xs, ys, [new Dense(1, seed: 3)], new MeanSquaredError(), new SGD(learningRate: 0.1f), epochs: 40, batchSize: 8, seed: seed);
        var a = Fit(1);
        var b = Fit(2);
        Expect.True(a.Count == 40 && a[^1] < 1e-3 && a[^1] < a[0],
            $"Train on y = 2x₁ − 3x₂ + 1 with Dense(1), MSE, SGD(0.1), 40 epochs of batch 8: the loss should fall below 0.001, got {F(a)}.",
            "ZeroGrad, Backward, then optimizer.Apply(weights) for every batch, with the weights of every layer (collected after the first call builds them).");
        Expect.True(Math.Abs(a[0] - b[0]) > 1e-9, $"Train with seed 1 and seed 2 gave the same first-epoch loss {F(a[0])}.",
            "draw each epoch's order with rng.Permutation(n) from new Rng(seed); a fixed order ignores the seed.");
    });
}
