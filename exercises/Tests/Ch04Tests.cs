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
}
