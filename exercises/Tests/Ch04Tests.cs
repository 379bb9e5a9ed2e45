using FsCheck;
using FsCheck.Fluent;
using Learn.Dnn.Autograd;
using Learn.Dnn.Exercises.Ch04;
using Xunit;

namespace Learn.Dnn.Exercises.Tests;

/// <summary>Graded tests for chapter 4: softmax, log-sum-exp, cross-entropy and its gradient, accuracy, confusion matrix.</summary>
public class Ch04Tests
{
    private static string F(double x) => Expect.Format(x);
    private static string F(IEnumerable<double> xs) => Expect.Format(xs);

    /// <summary>Logit vectors of 1–6 entries: moderate ones, huge ones (±1000), and ties.</summary>
    private static readonly Gen<double[]> Logits = Gen.Frequency(
        (4, Inputs.Vector(6, 10)),
        (3, Inputs.Vector(6, 1000)),
        (1, Gen.Elements<double[]>([1000, 1000], [-1000, -1000], [1000, -1000], [0], [-1000, 0, 1000], [3, 3, 3])));

    private static double ReferenceLse(double[] x)
    {
        double m = x.Max();
        return m + Math.Log(x.Sum(v => Math.Exp(v - m)));
    }

    private static double[] ReferenceSoftmax(double[] z)
    {
        double lse = ReferenceLse(z);
        return z.Select(v => Math.Exp(v - lse)).ToArray();
    }

    private const string StableHint = "subtract the max logit before exponentiating: e^(zᵢ − max) ≤ 1 never overflows, and the largest term is exactly 1.";

    [SkippableFact, Trait("Exercise", "ch04.softmax")]
    public void Softmax_is_a_distribution_shift_invariant_and_stable_for_huge_logits() => Graded.Run("ch04.softmax", () =>
    {
        var cases = from z in Logits from shift in Inputs.Double(500) select (z, shift);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (z, shift) = c;
            var p = Softmax.Function(z);
            string input = $"Softmax({F(z)})";
            Expect.Length(p, z.Length, input, "one probability per logit.");
            var expected = ReferenceSoftmax(z);
            for (int i = 0; i < z.Length; i++)
                Expect.Near(p[i], expected[i], $"{input}[{i}]", StableHint, 1e-9, 1e-12);
            Expect.Near(p.Sum(), 1, $"The sum of {input}", "divide every e^(zᵢ − max) by the sum of all of them.", 1e-9, 1e-12);
            var shifted = Softmax.Function(z.Select(v => v + shift).ToArray());
            for (int i = 0; i < z.Length; i++)
                Expect.Near(shifted[i], p[i], $"Softmax of the logits shifted by {F(shift)}, entry {i},",
                    "softmax(z + c) = softmax(z) for any c: subtracting the max uses exactly this.", 1e-9, 1e-9);
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch04.log-sum-exp")]
    public void Log_sum_exp_is_a_smooth_max_and_stable_for_huge_inputs() => Graded.Run("ch04.log-sum-exp", () =>
    {
        const string hint = "LSE(x) = m + ln Σ e^(xᵢ − m) with m = max x; ln Σ e^xᵢ directly is ln ∞ for x = 1000 and ln 0 for x = −1000.";
        Expect.Near(Softmax.LogSumExp([1000, 1000]), 1000 + Math.Log(2), "LogSumExp([1000, 1000])", hint, 1e-12);
        Expect.Near(Softmax.LogSumExp([-1000, -1000]), -1000 + Math.Log(2), "LogSumExp([-1000, -1000])", hint, 1e-12);
        var cases = from x in Logits from shift in Inputs.Double(500) select (x, shift);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (x, shift) = c;
            double lse = Softmax.LogSumExp(x), m = x.Max();
            string input = $"LogSumExp({F(x)})";
            Expect.Near(lse, ReferenceLse(x), input, hint, 1e-12, 1e-12);
            Expect.True(lse >= m - 1e-9 && lse <= m + Math.Log(x.Length) + 1e-9,
                $"{input} = {F(lse)} should lie between the max {F(m)} and max + ln n = {F(m + Math.Log(x.Length))}.", hint);
            Expect.Near(Softmax.LogSumExp(x.Select(v => v + shift).ToArray()), lse + shift,
                $"LogSumExp of the inputs shifted by {F(shift)}", "LSE(x + c) = LSE(x) + c.", 1e-12, 1e-9);
        }).QuickCheckThrowOnFailure();
    });

    /// <summary>Logits with a target: one-hot half the time, otherwise a random distribution.</summary>
    private static readonly Gen<(double[] Logits, double[] Target)> LogitsAndTargets =
        from z in Logits
        from oneHot in Gen.Elements(true, false)
        from hot in Gen.Choose(0, z.Length - 1)
        from weights in Gen.Choose(0, 10).ArrayOf(z.Length)
        let total = weights.Sum()
        select (z, oneHot || total == 0
            ? z.Select((_, i) => i == hot ? 1.0 : 0.0).ToArray()
            : weights.Select(w => w / (double)total).ToArray());

    [SkippableFact, Trait("Exercise", "ch04.cross-entropy")]
    public void Cross_entropy_from_logits_is_non_negative_and_finite_for_huge_logits() => Graded.Run("ch04.cross-entropy", () =>
    {
        const string hint = "L = Σᵢ yᵢ·(LSE(z) − zᵢ) with a stable LSE; log(softmax) computed as Math.Log(p) gives ln 0 = −∞ when p underflows.";
        Expect.Near(CrossEntropy.Loss([1000, -1000], [0, 1]), 2000, "CrossEntropy.Loss(logits [1000, -1000], target [0, 1])", hint, 1e-12);
        Prop.ForAll(LogitsAndTargets.ToArbitrary(), c =>
        {
            var (z, y) = c;
            double loss = CrossEntropy.Loss(z, y);
            string input = $"CrossEntropy.Loss(logits {F(z)}, target {F(y)})";
            double expected = y.Select((yi, i) => yi * (ReferenceLse(z) - z[i])).Sum();
            Expect.Near(loss, expected, input, hint, 1e-9, 1e-9);
            Expect.True(loss >= -1e-9, $"{input} = {F(loss)} is negative; cross-entropy never is.", hint);
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch04.cross-entropy-gradient")]
    public void Cross_entropy_gradient_is_p_minus_y_and_matches_central_differences() => Graded.Run("ch04.cross-entropy-gradient", () =>
    {
        const string hint = "∂L/∂zᵢ = softmax(z)ᵢ − yᵢ; compute the softmax with the max subtracted.";
        Prop.ForAll(LogitsAndTargets.ToArbitrary(), c =>
        {
            var (z, y) = c;
            var gradient = CrossEntropy.Gradient(z, y);
            string input = $"CrossEntropy.Gradient(logits {F(z)}, target {F(y)})";
            Expect.Length(gradient, z.Length, input, "one partial derivative per logit.");
            bool moderate = z.All(v => Math.Abs(v) <= 10);
            var numerical = moderate
                ? GradientCheck.Numerical(v => y.Select((yi, i) => yi * (ReferenceLse(v) - v[i])).Sum(), z, 1e-5)
                : null;
            var p = ReferenceSoftmax(z);
            for (int i = 0; i < z.Length; i++)
                Expect.Near(gradient[i], p[i] - y[i], $"{input}[{i}]", hint, 1e-6, 1e-9, numerical?[i]);
            Expect.Near(gradient.Sum(), 0, $"The sum of {input}", "Σᵢ (pᵢ − yᵢ) = 1 − 1 = 0.", 0, 1e-9);
        }).QuickCheckThrowOnFailure();
    });

    private static int ArgMax(double[] xs)
    {
        int best = 0;
        for (int i = 1; i < xs.Length; i++) if (xs[i] > xs[best]) best = i;
        return best;
    }

    [SkippableFact, Trait("Exercise", "ch04.accuracy")]
    public void Accuracy_is_the_fraction_of_argmax_predictions_equal_to_the_label() => Graded.Run("ch04.accuracy", () =>
    {
        // Probabilities on a grid of quarters, so ties happen: the first index wins them.
        var cases = from classes in Gen.Choose(2, 5)
                    from m in Gen.Choose(1, 20)
                    from probabilities in Gen.Choose(0, 4).Select(q => q / 4.0).ArrayOf(classes).ArrayOf(m)
                    from labels in Gen.Choose(0, classes - 1).ArrayOf(m)
                    select (probabilities, labels);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (probabilities, labels) = c;
            double expected = probabilities.Where((p, k) => ArgMax(p) == labels[k]).Count() / (double)labels.Length;
            Expect.Near(ClassificationMetrics.Accuracy(probabilities, labels), expected,
                $"Accuracy of {probabilities.Length} examples (probabilities {string.Join(" ", probabilities.Select(F))}, labels [{string.Join(", ", labels)}])",
                "predicted = the index of the largest probability (the first on a tie: compare with >); accuracy = matches / examples.", 1e-12);
        }).QuickCheckThrowOnFailure();
        foreach (var (probabilities, labels, what) in new[] { (Array.Empty<double[]>(), Array.Empty<int>(), "no examples"), ([[0.5, 0.5]], [0, 1], "1 example and 2 labels") })
        {
            bool threw = false;
            try { ClassificationMetrics.Accuracy(probabilities, labels); } catch (ArgumentException) { threw = true; }
            Expect.True(threw, $"Accuracy with {what} should throw an ArgumentException.", "check the lengths first: the accuracy of nothing is not defined.");
        }
    });

    [SkippableFact, Trait("Exercise", "ch04.confusion-matrix")]
    public void Confusion_matrix_counts_actual_rows_against_predicted_columns() => Graded.Run("ch04.confusion-matrix", () =>
    {
        var cases = from classes in Gen.Choose(1, 5)
                    from m in Gen.Choose(0, 30)
                    from actual in Gen.Choose(0, classes - 1).ArrayOf(m)
                    from predicted in Gen.Choose(0, classes - 1).ArrayOf(m)
                    select (classes, actual, predicted);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (classes, actual, predicted) = c;
            var counts = ClassificationMetrics.ConfusionMatrix(actual, predicted, classes);
            string input = $"ConfusionMatrix(actual [{string.Join(", ", actual)}], predicted [{string.Join(", ", predicted)}], classes: {classes})";
            Expect.True(counts is not null && counts.GetLength(0) == classes && counts.GetLength(1) == classes,
                $"{input} should be [{classes}, {classes}], got {Expect.ShapeOf(counts)}.", "new int[classes, classes].");
            for (int i = 0; i < classes; i++)
                for (int j = 0; j < classes; j++)
                {
                    int expected = actual.Where((a, k) => a == i && predicted[k] == j).Count();
                    Expect.Near(counts[i, j], expected, $"{input}[{i}, {j}] (actual {i}, predicted {j})",
                        "rows are the actual class, columns the predicted class: counts[actual[k], predicted[k]]++.", 0);
                }
        }).QuickCheckThrowOnFailure();
        bool threw = false;
        try { ClassificationMetrics.ConfusionMatrix([0, 3], [0, 1], 3); } catch (ArgumentException) { threw = true; }
        Expect.True(threw, "ConfusionMatrix with an actual class 3 when classes = 3 should throw an ArgumentException.", "classes are 0 … classes − 1: check each label before counting.");
    });

    [SkippableFact, Trait("Exercise", "ch04.confusion-matrix")]
    public void Confusion_matrix_rejects_arrays_of_different_lengths() => Graded.Run("ch04.confusion-matrix", () =>
    {
        foreach (var (actual, predicted) in new (int[], int[])[] { ([0, 1, 2], [0, 1]), ([0], [0, 1, 1]), ([], [1]) })
        {
            Exception? thrown = null;
            try { ClassificationMetrics.ConfusionMatrix(actual, predicted, 3); }
            catch (ArgumentException e) { thrown = e; }
            Expect.True(thrown is not null,
                $"ConfusionMatrix(actual of {actual.Length} labels, predicted of {predicted.Length}, classes: 3) should throw an ArgumentException.",
                "each example has one actual and one predicted label: compare the two lengths before counting.");
        }
    });

    [SkippableFact, Trait("Exercise", "ch04.confusion-matrix")]
    public void Confusion_matrix_rejects_labels_outside_the_classes() => Graded.Run("ch04.confusion-matrix", () =>
    {
        foreach (var (actual, predicted, what) in new (int[], int[], string)[]
                 {
                     ([0, 1], [0, 3], "a predicted class 3"), ([0, 1], [-1, 1], "a predicted class −1"),
                     ([0, 3], [0, 1], "an actual class 3"), ([-1, 1], [0, 1], "an actual class −1"),
                 })
        {
            Exception? thrown = null;
            try { ClassificationMetrics.ConfusionMatrix(actual, predicted, 3); }
            catch (ArgumentException e) { thrown = e; }
            catch (IndexOutOfRangeException) { }
            Expect.True(thrown is not null,
                $"ConfusionMatrix with {what} when classes = 3 should throw an ArgumentException (not an IndexOutOfRangeException, and not count it).",
                "classes are 0 … classes − 1: check both labels of each example before counting it.");
        }
    });

    [SkippableFact, Trait("Exercise", "ch04.binary-accuracy")]
    public void Binary_accuracy_counts_p_above_one_half_as_class_one() => Graded.Run("ch04.binary-accuracy", () =>
    {
        Expect.Near(ClassificationMetrics.BinaryAccuracy([0.5, 0.5], [0, 1]), 0.5, "BinaryAccuracy(p = [0.5, 0.5], labels = [0, 1])",
            "p = 0.5 is class 0: Keras predicts class 1 only when y_pred > 0.5.", 0, 1e-12);
        var cases = from m in Gen.Choose(1, 30)
                    from p in Gen.Frequency((4, Gen.Choose(0, 1000).Select(i => i / 1000.0)), (1, Gen.Constant(0.5))).ArrayOf(m)
                    from labels in Gen.Choose(0, 1).ArrayOf(m)
                    select (p, labels);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            double expected = c.p.Where((pk, k) => (pk > 0.5 ? 1 : 0) == c.labels[k]).Count() / (double)c.p.Length;
            Expect.Near(ClassificationMetrics.BinaryAccuracy(c.p, c.labels), expected,
                $"BinaryAccuracy(p = {Expect.Format(c.p)}, labels = [{string.Join(", ", c.labels)}])",
                "class 1 when p > 0.5 (strictly), else 0; count the examples whose class is the label, divide by m.", 1e-12, 1e-12);
        }).QuickCheckThrowOnFailure();
        bool threw = false;
        try { ClassificationMetrics.BinaryAccuracy([0.9, 0.1], [1]); } catch (ArgumentException) { threw = true; }
        Expect.True(threw, "BinaryAccuracy with 2 probabilities and 1 label should throw an ArgumentException.", "compare the two lengths first.");
    });

    [SkippableFact, Trait("Exercise", "ch04.bce-from-logits")]
    public void Fused_binary_cross_entropy_is_one_operation_stable_and_its_gradient_is_sigmoid_minus_y() => Graded.Run("ch04.bce-from-logits", () =>
    {
        static double Sigma(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
        var logitValues = Gen.Frequency((6, Inputs.Double(8)), (1, Gen.Elements(1000.0, -1000.0, 60.0, -60.0)));
        var cases = from n in Gen.Choose(1, 6)
                    from z in logitValues.ArrayOf(n)
                    from y in Gen.Choose(0, 1).ArrayOf(n)
                    select (z, y);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            int n = c.z.Length;
            var z = Tensor.FromArray(c.z.Select(v => (float)v).ToArray(), new Shape(n, 1));
            var y = Tensor.FromArray(c.y.Select(v => (float)v).ToArray(), new Shape(n, 1));
            z.RequiresGrad = true;
            string input = $"FromLogits(z = {Expect.Format(c.z)}, y = [{string.Join(", ", c.y)}])";
            var loss = BinaryCrossEntropy.FromLogits(z, y);
            Expect.True(loss is not null && loss.Size == 1, $"{input} should be a single number (a scalar tensor), got {loss?.Shape.ToString() ?? "null"}.", "return Tensor.Scalar(mean).");
            double expected = c.z.Select((zi, i) => Math.Max(zi, 0) - zi * c.y[i] + Math.Log(1 + Math.Exp(-Math.Abs(zi)))).Average();
            Expect.Near(loss!.Item(), expected, input, "max(z, 0) − z·y + ln(1 + e^(−|z|)), averaged: the exponential only ever sees −|z|, so z = ±1000 stays finite.", 1e-4, 1e-5);
            Expect.True(loss.Parents.Count == 1 && ReferenceEquals(loss.Parents[0], z),
                $"{input} should be ONE operation whose only input is the logits; its inputs are [{string.Join(", ", loss.Parents.Select(p => p.Operation ?? "a leaf"))}].",
                "a fused op computes the numbers itself and records one node: Tensor.Scalar(...).WithGradient(\"bce_logits\", [logits], dL => ...).");
            loss.Backward();
            var gradient = z.Grad?.ToArray();
            Expect.Length(gradient, n, "The logits' gradient after Backward()", "accumulate a gradient of the logits' shape: logits.AccumulateGrad(...).");
            for (int i = 0; i < n; i++)
                Expect.Near(gradient![i], (Sigma(c.z[i]) - c.y[i]) / n, $"{input}: ∂L/∂z[{i}]",
                    "∂L/∂zᵢ = (σ(zᵢ) − yᵢ)/N, times the incoming dL.Item().", 1e-4, 1e-6);
        }).QuickCheckThrowOnFailure();
        // The backward must use the gradient arriving at the loss: L' = 3·L gives 3 times the gradient.
        var logits = Tensor.FromArray([0.3f, -1.2f], new Shape(2, 1));
        logits.RequiresGrad = true;
        (BinaryCrossEntropy.FromLogits(logits, Tensor.FromArray([1f, 0f], new Shape(2, 1))) * 3f).Backward();
        var g = logits.Grad!.ToArray();
        Expect.Near(g[0], 3 * (Sigma(0.3) - 1) / 2, "∂(3·L)/∂z[0] for z = [0.3, −1.2], y = [1, 0]", "multiply your gradient by dL.Item(), the gradient arriving at the loss.", 1e-4, 1e-6);
    });
}
