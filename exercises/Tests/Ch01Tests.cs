using FsCheck;
using FsCheck.Fluent;
using Learn.Dnn.Exercises.Ch01;
using Xunit;

namespace Learn.Dnn.Exercises.Tests;

/// <summary>Graded tests for chapter 1: threshold units, the perceptron rule, XOR.</summary>
public class Ch01Tests
{
    private static double Dot(double[] w, double[] x) => w.Zip(x, (a, b) => a * b).Sum();

    [SkippableFact, Trait("Exercise", "ch01.step")]
    public void Step_is_one_at_and_above_zero_and_zero_below() => Graded.Run("ch01.step", () =>
    {
        Expect.Near(ThresholdUnit.Step(0), 1, "Step(0)", "the unit fires at exactly z = 0: use z >= 0, not z > 0.");
        Prop.ForAll(Inputs.Double(100).ToArbitrary(), z =>
        {
            double expected = z >= 0 ? 1 : 0;
            Expect.Near(ThresholdUnit.Step(z), expected, $"Step({Expect.Format(z)})", "1 for z ≥ 0, 0 for z < 0.");
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch01.tlu")]
    public void Tlu_output_is_the_step_of_the_weighted_sum_plus_bias() => Graded.Run("ch01.tlu", () =>
    {
        var cases = from n in Gen.Choose(1, 5)
                    from w in Inputs.Doubles(n, 3)
                    from x in Inputs.Doubles(n, 3)
                    from b in Inputs.Double(3)
                    select (w, x, b);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (w, x, b) = c;
            double z = Dot(w, x) + b;
            double expected = z >= 0 ? 1 : 0;
            Expect.Near(ThresholdUnit.TluOutput(w, b, x), expected,
                $"TluOutput(w = {Expect.Format(w)}, b = {Expect.Format(b)}, x = {Expect.Format(x)}), where w·x + b = {Expect.Format(z)},",
                "z = b + Σᵢ wᵢxᵢ over every input, then step(z) with step(0) = 1.");
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch01.tlu")]
    public void Tlu_rejects_weights_and_inputs_of_different_lengths() => Graded.Run("ch01.tlu", () =>
    {
        Exception? thrown = null;
        try { ThresholdUnit.TluOutput([1, 2, 3], 0, [1, 2]); }
        catch (ArgumentException e) { thrown = e; }
        Expect.True(thrown is not null,
            "TluOutput(w of length 3, x of length 2) should throw an ArgumentException, but it returned (or threw something else).",
            "check weights.Length == inputs.Length first and throw new ArgumentException(\"...\") naming both lengths.");
    });

    [SkippableFact, Trait("Exercise", "ch01.perceptron-update")]
    public void Perceptron_update_moves_weights_by_rate_times_error_times_input() => Graded.Run("ch01.perceptron-update", () =>
    {
        var cases = from n in Gen.Choose(1, 4)
                    from w in Inputs.Doubles(n, 2)
                    from b in Inputs.Double(2)
                    from x in Inputs.Doubles(n, 2)
                    from y in Gen.Elements(0.0, 1.0)
                    from rate in Gen.Elements(0.1, 0.5, 1.0)
                    select (w, b, x, y, rate);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (w, b, x, y, rate) = c;
            var wBefore = (double[])w.Clone();
            var xBefore = (double[])x.Clone();
            double prediction = Dot(w, x) + b >= 0 ? 1 : 0;
            double error = y - prediction;
            var (newW, newB) = PerceptronRule.Update(w, b, x, y, rate);
            string input = $"Update(w = {Expect.Format(wBefore)}, b = {Expect.Format(b)}, x = {Expect.Format(x)}, y = {y}, η = {rate}), where ŷ = {prediction},";
            Expect.True(w.SequenceEqual(wBefore) && x.SequenceEqual(xBefore),
                $"{input} changed the arrays it was given: w was {Expect.Format(wBefore)} and is now {Expect.Format(w)}; x was {Expect.Format(xBefore)} and is now {Expect.Format(x)}.",
                "allocate new double[weights.Length] for the result instead of writing into weights.");
            Expect.Length(newW, w.Length, $"{input} new weights", "one weight per input.");
            for (int i = 0; i < w.Length; i++)
                Expect.Near(newW[i], wBefore[i] + rate * error * x[i], $"{input} new w[{i}]",
                    "wᵢ + η(y − ŷ)xᵢ, with ŷ = step(w·x + b) computed from the old weights.");
            Expect.Near(newB, b + rate * error, $"{input} new bias", "b + η(y − ŷ): the bias is a weight whose input is always 1.");
        }).QuickCheckThrowOnFailure();
    });

    /// <summary>Points on a grid, labelled by a random line, keeping only those at distance ≥ 1 in w·x + b (a margin).</summary>
    private static Gen<(double[][] X, double[] Y)> Separable() =>
        from a in Gen.Choose(-3, 3)
        from c in Gen.Choose(-3, 3)
        from b in Gen.Choose(-4, 4)
        where a != 0 || c != 0
        from points in Gen.Choose(-5, 5).Two().ListOf(30)
        let kept = points.Where(p => Math.Abs(a * p.Item1 + c * p.Item2 + b) >= 1).ToArray()
        where kept.Length > 0
        select (kept.Select(p => new double[] { p.Item1, p.Item2 }).ToArray(),
                kept.Select(p => a * p.Item1 + c * p.Item2 + b > 0 ? 1.0 : 0.0).ToArray());

    [SkippableFact, Trait("Exercise", "ch01.perceptron-train")]
    public void Perceptron_training_separates_every_linearly_separable_set() => Graded.Run("ch01.perceptron-train", () =>
    {
        Prop.ForAll(Separable().ToArbitrary(), data =>
        {
            var (x, y) = data;
            var (w, b) = PerceptronRule.Train(x, y, 1.0, 10_000);
            for (int k = 0; k < x.Length; k++)
            {
                double predicted = Dot(w, x[k]) + b >= 0 ? 1 : 0;
                Expect.Near(predicted, y[k],
                    $"After Train on {x.Length} separable points, the prediction for x = {Expect.Format(x[k])} (w = {Expect.Format(w)}, b = {Expect.Format(b)})",
                    "start from zeros, apply Update to every example in each epoch, and stop only after an epoch with no mistakes.");
            }
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch01.perceptron-train")]
    public void Perceptron_training_stops_after_max_epochs_on_xor() => Graded.Run("ch01.perceptron-train", () =>
    {
        double[][] x = [[0, 0], [0, 1], [1, 0], [1, 1]];
        double[] y = [0, 1, 1, 0];
        var (w, b) = PerceptronRule.Train(x, y, 1.0, 50);
        Expect.Length(w, 2, "Train on XOR: the weights", "one weight per input column.");
        int correct = x.Select((xi, k) => (Dot(w, xi) + b >= 0 ? 1 : 0) == y[k] ? 1 : 0).Sum();
        Expect.True(correct < 4,
            $"Train on XOR classified all 4 points correctly with a single unit (w = {Expect.Format(w)}, b = {Expect.Format(b)}), which is impossible.",
            "predict with step(w·x + b), step(0) = 1, and return the weights you trained.");
    });

    [SkippableFact, Trait("Exercise", "ch01.xor-weights")]
    public void Hand_set_two_layer_network_computes_xor() => Graded.Run("ch01.xor-weights", () =>
    {
        var (hidden, hiddenBias, output, outputBias) = XorNetwork.Weights();
        const string shapes = "Hidden is [2, 2] (unit, input), HiddenBias [2], Output [2].";
        Expect.True(hidden is not null && hidden.GetLength(0) == 2 && hidden.GetLength(1) == 2,
            $"Hidden should be a [2, 2] array, got {Expect.ShapeOf(hidden)}.", shapes);
        Expect.Length(hiddenBias, 2, "HiddenBias", shapes);
        Expect.Length(output, 2, "Output", shapes);
        static double Step(double z) => z >= 0 ? 1 : 0;
        foreach (var (x1, x2) in new[] { (0, 0), (0, 1), (1, 0), (1, 1) })
        {
            var h = new double[2];
            for (int j = 0; j < 2; j++)
                h[j] = Step(hidden[j, 0] * x1 + hidden[j, 1] * x2 + hiddenBias[j]);
            double y = Step(output[0] * h[0] + output[1] * h[1] + outputBias);
            Expect.Near(y, x1 ^ x2, $"The network on x = ({x1}, {x2}) (hidden units h = {Expect.Format(h)})",
                "make h₀ = OR(x₁, x₂) and h₁ = AND(x₁, x₂), then y = step(h₀ − h₁ − 0.5).");
        }
    });

    [SkippableFact, Trait("Exercise", "ch01.tlu-batch")]
    public void Threshold_layer_outputs_step_of_x_times_w_plus_b_for_every_example_and_unit() => Graded.Run("ch01.tlu-batch", () =>
    {
        var cases = from n in Gen.Choose(1, 5)
                    from inputs in Gen.Choose(1, 4)
                    from units in Gen.Choose(1, 3)
                    from x in Inputs.Doubles(n * inputs, 2)
                    from w in Inputs.Doubles(inputs * units, 2)
                    from b in Inputs.Doubles(units, 2)
                    select (n, inputs, units, x, w, b);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            // Values on a grid of 1/1000 are exact enough in float; a weighted sum exactly 0 must give 1.
            var x = Tensor.FromArray(c.x.Select(v => (float)v).ToArray(), new Shape(c.n, c.inputs));
            var w = Tensor.FromArray(c.w.Select(v => (float)v).ToArray(), new Shape(c.inputs, c.units));
            var b = Tensor.FromArray(c.b.Select(v => (float)v).ToArray(), new Shape(c.units));
            string input = $"Outputs(x: [{c.n}, {c.inputs}], weights: [{c.inputs}, {c.units}], bias: [{c.units}])";
            var y = ThresholdLayer.Outputs(x, w, b);
            Expect.True(y is not null && y.Shape == new Shape(c.n, c.units), $"{input} should be [{c.n}, {c.units}], got {y?.Shape.ToString() ?? "null"}.",
                "[n, in]·[in, units] is [n, units]: one row per example, one column per unit.");
            var values = y!.ToArray();
            for (int k = 0; k < c.n; k++)
                for (int j = 0; j < c.units; j++)
                {
                    float z = (float)c.b[j];
                    for (int i = 0; i < c.inputs; i++) z += (float)c.x[k * c.inputs + i] * (float)c.w[i * c.units + j];
                    if (Math.Abs(z) < 1e-4) continue;   // too close to 0 to judge in float32
                    Expect.Near(values[k * c.units + j], z >= 0 ? 1 : 0, $"{input}[{k}, {j}] (example {k}, unit {j}, weighted sum {F(z)})",
                        "Y[k, j] = step(Σᵢ x[k, i]·W[i, j] + b[j]): the bias of unit j is added to column j of every row.", 0, 0);
                }
        }).QuickCheckThrowOnFailure();
        var atZero = ThresholdLayer.Outputs(Tensor.FromArray([1f, -1f], new Shape(1, 2)), Tensor.FromArray([1f, 1f], new Shape(2, 1)), Tensor.Vector(0f));
        Expect.Near(atZero.ToArray()[0], 1, "Outputs for a weighted sum of exactly 0", "step(0) = 1, as in ch01.step.", 0, 0);
    });

    private static string F(double x) => Expect.Format(x);

    [SkippableFact, Trait("Exercise", "ch01.tlu-batch")]
    public void Threshold_layer_rejects_shapes_that_do_not_fit() => Graded.Run("ch01.tlu-batch", () =>
    {
        Exception? thrown = null;
        try { ThresholdLayer.Outputs(Tensor.Zeros(4, 3), Tensor.Zeros(2, 1), Tensor.Zeros(1)); }
        catch (ArgumentException e) { thrown = e; }
        Expect.True(thrown is not null, "Outputs(x: [4, 3], weights: [2, 1], bias: [1]) should throw an ArgumentException: x has 3 inputs per example, the weights expect 2.",
            "the engine's MatMul already checks this; do not catch its exception.");
    });
}
