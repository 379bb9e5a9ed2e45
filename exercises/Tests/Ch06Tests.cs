using FsCheck;
using FsCheck.Fluent;
using Learn.Dnn.Exercises.Ch06;
using Learn.Dnn.Layers;
using Learn.Dnn.Losses;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;
using Xunit;

namespace Learn.Dnn.Exercises.Tests;

/// <summary>Graded tests for chapter 6: the L2 penalty, inverted dropout, early stopping, k-fold splits and a callback on the engine.</summary>
public class Ch06Tests
{
    private static string F(double x) => Expect.Format(x);
    private static string F(IEnumerable<double> xs) => Expect.Format(xs);
    private static string F(IEnumerable<int> xs) => "[" + string.Join(", ", xs) + "]";

    private static bool Throws<TException>(Action action) where TException : Exception
    {
        try { action(); }
        catch (TException) { return true; }
        return false;
    }

    [SkippableFact, Trait("Exercise", "ch06.l2-penalty")]
    public void L2_penalty_is_lambda_times_the_sum_of_squares_and_its_gradient_decays_the_weights() => Graded.Run("ch06.l2-penalty", () =>
    {
        var (p0, g0) = Penalties.L2Penalty([3, -4], 0.01);
        Expect.Near(p0, 0.25, "L2Penalty([3, −4], λ = 0.01): the penalty", "λ·Σw² = 0.01·(9 + 16): square the weights (a negative weight is penalised as much as a positive one), then multiply by λ once.", 1e-12, 1e-15);
        Expect.Length(g0, 2, "L2Penalty([3, −4], λ = 0.01): the gradient", "one derivative per weight.");
        Expect.Near(g0[0], 0.06, "L2Penalty([3, −4], λ = 0.01): ∂P/∂w₀", "d(λw²)/dw = 2λw: do not forget the 2 from the square.", 1e-12, 1e-15);
        Expect.Near(g0[1], -0.08, "L2Penalty([3, −4], λ = 0.01): ∂P/∂w₁", "d(λw²)/dw = 2λw keeps the sign of w: it pulls every weight towards 0.", 1e-12, 1e-15);

        var cases = from w in Inputs.Vector(6, 10) from l2 in Gen.Elements(0.0, 1e-4, 0.01, 0.5) select (w, l2);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (w, l2) = c;
            var copy = w.ToArray();
            var (penalty, gradient) = Penalties.L2Penalty(w, l2);
            string input = $"L2Penalty({F(copy)}, λ = {F(l2)})";
            Expect.True(w.SequenceEqual(copy), $"{input} changed its input weights to {F(w)}.", "return a new gradient array; leave the weights alone.");
            Expect.Near(penalty, l2 * copy.Sum(x => x * x), $"{input}: the penalty", "P = λ·Σᵢ wᵢ².", 1e-12, 1e-12);
            Expect.Length(gradient, copy.Length, $"{input}: the gradient", "one derivative per weight.");
            for (int i = 0; i < copy.Length; i++)
            {
                double h = 1e-5;
                double[] wp = copy.ToArray(), wm = copy.ToArray();
                wp[i] += h; wm[i] -= h;
                double numerical = (l2 * wp.Sum(x => x * x) - l2 * wm.Sum(x => x * x)) / (2 * h);
                Expect.Near(gradient[i], 2 * l2 * copy[i], $"{input}: ∂P/∂w[{i}] (numerical: {F(numerical)})", "∂P/∂wᵢ = 2λ·wᵢ.", 1e-12, 1e-12);
            }
            // The weight-decay step: w − η·(g + ∂P/∂w) = (1 − 2ηλ)·w − η·g.
            double eta = 0.1;
            for (int i = 0; i < copy.Length; i++)
            {
                double g = 0.5 - i;
                Expect.Near(copy[i] - eta * (g + gradient[i]), (1 - 2 * eta * l2) * copy[i] - eta * g,
                    $"{input}: the step w − η·(g + ∂P/∂w) for w[{i}] with η = 0.1 and loss gradient g = {F(g)}",
                    "with the right gradient, every step shrinks w by (1 − 2ηλ) before the loss moves it: that is weight decay.", 1e-12, 1e-12);
            }
        }).QuickCheckThrowOnFailure();
        Expect.True(Throws<ArgumentOutOfRangeException>(() => Penalties.L2Penalty([1], -0.1)),
            "L2Penalty([1], λ = −0.1) should throw an ArgumentOutOfRangeException.", "a negative λ would reward large weights: check λ ≥ 0 first.");
    });

    [SkippableFact, Trait("Exercise", "ch06.dropout")]
    public void Inverted_dropout_scales_the_kept_units_and_sends_the_gradient_through_the_same_mask() => Graded.Run("ch06.dropout", () =>
    {
        var (y0, dx0) = DropoutByHand.ForwardBackward([1, 2, 3, 4], [true, false, true, false], 0.5, [10, 20, 30, 40]);
        Expect.True(y0.SequenceEqual([2.0, 0, 6, 0]),
            $"ForwardBackward(x = [1, 2, 3, 4], keep = [T, F, T, F], rate = 0.5): the output should be [2, 0, 6, 0], got {F(y0)}.",
            "a kept unit is divided by (1 − rate) = 0.5, so its expected value stays x; a dropped unit is 0.");
        Expect.True(dx0.SequenceEqual([20.0, 0, 60, 0]),
            $"ForwardBackward(…, rate = 0.5, ∂L/∂y = [10, 20, 30, 40]): ∂L/∂x should be [20, 0, 60, 0], got {F(dx0)}.",
            "y = m·x/(1 − rate) is linear in x: the gradient is m·∂L/∂y/(1 − rate), through the SAME mask; a dropped unit gets no gradient.");

        var cases = from n in Gen.Choose(1, 8)
                    from x in Inputs.Doubles(n, 10)
                    from dy in Inputs.Doubles(n, 10)
                    from keep in Gen.Elements(true, false).ArrayOf(n)
                    from rate in Gen.Elements(0.0, 0.1, 0.5, 0.8)
                    select (x, keep, rate, dy);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (x, keep, rate, dy) = c;
            var (xCopy, dyCopy) = (x.ToArray(), dy.ToArray());
            var (y, dx) = DropoutByHand.ForwardBackward(x, keep, rate, dy);
            string input = $"ForwardBackward(x = {F(xCopy)}, keep = [{string.Join(", ", keep.Select(k => k ? "T" : "F"))}], rate = {F(rate)}, ∂L/∂y = {F(dyCopy)})";
            Expect.True(x.SequenceEqual(xCopy) && dy.SequenceEqual(dyCopy), $"{input} changed its inputs.", "return new arrays.");
            Expect.Length(y, x.Length, $"{input}: the output", "one output per input.");
            Expect.Length(dx, x.Length, $"{input}: ∂L/∂x", "one derivative per input.");
            for (int i = 0; i < x.Length; i++)
            {
                Expect.Near(y[i], keep[i] ? xCopy[i] / (1 - rate) : 0, $"{input}: y[{i}]",
                    keep[i] ? "a kept unit is scaled UP by 1/(1 − rate) at training time (inverted dropout), so nothing changes at inference." : "a dropped unit outputs 0.",
                    1e-12, 1e-12);
                Expect.Near(dx[i], keep[i] ? dyCopy[i] / (1 - rate) : 0, $"{input}: ∂L/∂x[{i}]",
                    keep[i] ? "∂yᵢ/∂xᵢ = 1/(1 − rate) for a kept unit: the same scale as forward." : "a dropped unit did not reach the loss: its gradient is 0.",
                    1e-12, 1e-12);
            }
        }).QuickCheckThrowOnFailure();
        Expect.True(Throws<ArgumentOutOfRangeException>(() => DropoutByHand.ForwardBackward([1], [true], 1, [1])),
            "ForwardBackward with rate = 1 should throw an ArgumentOutOfRangeException.", "rate = 1 drops everything and divides by 1 − rate = 0: only [0, 1) makes sense.");
        Expect.True(Throws<ArgumentException>(() => DropoutByHand.ForwardBackward([1, 2], [true], 0.5, [1, 2])),
            "ForwardBackward with 2 inputs and a mask of 1 should throw an ArgumentException.", "compare the lengths of x, keep and ∂L/∂y first.");
    });

    /// <summary>Keras 3's EarlyStopping.on_epoch_end, written out plainly, for the generated cases.</summary>
    private static (int? Stopped, int Best) KerasEarlyStopping(IReadOnlyList<double> values, int patience, double minDelta, string mode)
    {
        double? best = null;
        int wait = 0, bestEpoch = 0;
        for (int epoch = 0; epoch < values.Count; epoch++)
        {
            wait++;
            double shifted = mode == "min" ? values[epoch] + Math.Abs(minDelta) : values[epoch] - Math.Abs(minDelta);
            if (best is null || (mode == "min" ? shifted < best : shifted > best)) { best = values[epoch]; bestEpoch = epoch; wait = 0; }
            else if (wait >= patience && epoch > 0) return (epoch, bestEpoch);
        }
        return (null, bestEpoch);
    }

    [SkippableFact, Trait("Exercise", "ch06.early-stopping")]
    public void Early_stopping_stops_and_keeps_the_best_epoch_exactly_as_Keras() => Graded.Run("ch06.early-stopping", () =>
    {
        string S(int? e) => e is { } v ? v.ToString() : "null (never stopped)";
        void Case(double[] values, int patience, double minDelta, string mode, int? stopped, int best, string hint)
        {
            var (s, b) = EarlyStoppingDecision.Decide(values, patience, minDelta, mode);
            string input = $"Decide({F(values)}, patience = {patience}, minDelta = {F(minDelta)}, mode = \"{mode}\")";
            Expect.True(s == stopped, $"{input}: training should stop at epoch {S(stopped)}, got {S(s)}.", hint);
            Expect.True(b == best, $"{input}: the best epoch should be {best}, got {b}.", hint);
        }
        Case([1.0, 0.8, 0.9, 0.95, 0.7], 2, 0, "min", 3, 1,
            "epochs count from 0; the wait counts epochs since the last improvement, and training stops at the epoch where it reaches patience.");
        Case([1.0, 0.8, 0.9, 0.7, 0.75], 2, 0, "min", null, 3, "an improvement resets the wait to 0; here the wait never reaches 2, so training runs through every epoch.");
        Case([1.0, 0.97, 0.96, 0.9], 2, 0.05, "min", 2, 0,
            "with minDelta = 0.05, 0.97 and 0.96 do not beat 1.0 by MORE than 0.05: they are not improvements and do not become the best.");
        Case([1.0, 1.2], 0, 0, "min", 1, 0, "with patience 0, the first epoch without improvement stops training.");
        Case([0.5, 0.7, 0.6, 0.6], 1, 0, "max", 2, 1, "in mode \"max\" larger is better (an accuracy).");
        Case([0.5, 0.5, 0.5], 5, 0, "min", null, 0, "an equal value is not an improvement: the best stays at the first epoch.");
        Case([], 1, 0, "min", null, 0, "no values: nothing to stop, and the best epoch is 0.");

        // Values and minDelta are multiples of 1/8: every sum and difference is exact in double, so a tie
        // (value exactly minDelta better than the best) is a tie whether written value + δ < best or value < best − δ.
        // On a grid of 0.1 the two forms round differently: 0.3 + 0.1 == 0.4, but 0.4 − 0.1 > 0.3.
        var cases = from length in Gen.Choose(1, 12)
                    from values in Gen.Choose(0, 20).Select(v => v / 8.0).ArrayOf(length)
                    from patience in Gen.Choose(0, 4)
                    from minDelta in Gen.Elements(0.0, 0.125, 0.25)
                    from mode in Gen.Elements("min", "max")
                    select (values, patience, minDelta, mode);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (values, patience, minDelta, mode) = c;
            var expected = KerasEarlyStopping(values, patience, minDelta, mode);
            var (s, b) = EarlyStoppingDecision.Decide(values, patience, minDelta, mode);
            string input = $"Decide({F(values)}, patience = {patience}, minDelta = {F(minDelta)}, mode = \"{mode}\")";
            Expect.True(s == expected.Stopped && b == expected.Best,
                $"{input} should be (stopped {S(expected.Stopped)}, best {expected.Best}), got (stopped {S(s)}, best {b}).",
                "per epoch: wait += 1; an improvement (beating the best by more than minDelta) sets best and bestEpoch and wait = 0; otherwise stop when wait ≥ patience and epoch > 0.");
        }).QuickCheckThrowOnFailure();
        Expect.True(Throws<ArgumentException>(() => EarlyStoppingDecision.Decide([1.0], 1, 0, "auto")),
            "Decide(…, mode = \"auto\") should throw an ArgumentException.", "only \"min\" and \"max\" say which way is better here.");
        Expect.True(Throws<ArgumentOutOfRangeException>(() => EarlyStoppingDecision.Decide([1.0], -1)),
            "Decide(…, patience = −1) should throw an ArgumentOutOfRangeException.", "patience counts epochs: it must be ≥ 0.");
    });

    [SkippableFact, Trait("Exercise", "ch06.kfold")]
    public void K_fold_splits_have_scikit_learn_fold_sizes_and_validate_every_sample_once() => Graded.Run("ch06.kfold", () =>
    {
        var ten = Folds.Split(10, 3);
        Expect.True(ten.Count == 3, $"Split(10, 3) should give 3 (train, validation) pairs, got {ten.Count}.", "one pair per fold.");
        int[][] expectedTen = [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]];
        for (int f = 0; f < 3; f++)
            Expect.True(ten[f].Validation.SequenceEqual(expectedTen[f]),
                $"Split(10, 3): fold {f} should validate on {F(expectedTen[f])} (scikit-learn's sizes 4, 3, 3), got {F(ten[f].Validation)}.",
                "10 = 3·3 + 1: the first 10 mod 3 = 1 fold takes one sample more, and the folds are contiguous runs in order.");

        var cases = from n in Gen.Choose(2, 40) from k in Gen.Choose(2, n) select (n, k);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (n, k) = c;
            var splits = Folds.Split(n, k);
            string input = $"Split(n = {n}, k = {k})";
            Expect.True(splits.Count == k, $"{input} should give {k} pairs, got {splits.Count}.", "one (train, validation) pair per fold.");
            int start = 0;
            for (int f = 0; f < k; f++)
            {
                int size = n / k + (f < n % k ? 1 : 0);
                var expected = Enumerable.Range(start, size).ToArray();
                var (train, validation) = splits[f];
                Expect.True(validation.SequenceEqual(expected), $"{input}: fold {f} should validate on {F(expected)}, got {F(validation)}.",
                    $"fold sizes are ⌊n/k⌋ + 1 for the first n mod k = {n % k} folds and ⌊n/k⌋ = {n / k} for the rest, in order, without gaps.");
                var expectedTrain = Enumerable.Range(0, n).Where(i => i < start || i >= start + size).ToArray();
                Expect.True(train.SequenceEqual(expectedTrain), $"{input}: fold {f} should train on {F(expectedTrain)}, got {F(train)}.",
                    "train on every sample that is not in the validation fold, in ascending order: never on a validation sample.");
                start += size;
            }
        }).QuickCheckThrowOnFailure();
        Expect.True(Throws<ArgumentOutOfRangeException>(() => Folds.Split(10, 1)), "Split(10, 1) should throw an ArgumentOutOfRangeException.", "with one fold nothing is left to train on: k ≥ 2.");
        Expect.True(Throws<ArgumentOutOfRangeException>(() => Folds.Split(3, 4)), "Split(3, 4) should throw an ArgumentOutOfRangeException.", "4 folds of 3 samples would leave one fold empty: k ≤ n.");
    });

    private static Dictionary<string, double> Logs(double loss, double? valLoss)
    {
        var logs = new Dictionary<string, double> { ["loss"] = loss };
        if (valLoss is { } v) logs["val_loss"] = v;
        return logs;
    }

    [SkippableFact, Trait("Exercise", "ch06.callback")]
    public void Best_epoch_callback_records_the_best_value_and_stops_a_diverging_run() => Graded.Run("ch06.callback", () =>
    {
        // The hooks called by hand, as Fit calls them.
        var model = new Sequential([new Input(1), new Dense(1, seed: 1)]);
        var callback = new BestEpochCallback("val_loss", factor: 2);
        callback.SetModel(model);
        callback.OnTrainBegin(new Dictionary<string, double>());
        double?[] valLosses = [1.0, 0.6, null, 0.7, 0.5, 0.9, 1.2];
        for (int epoch = 0; epoch < valLosses.Length; epoch++)
        {
            callback.OnEpochEnd(epoch, Logs(0.1, valLosses[epoch]));
            string after = $"After epochs 0…{epoch} with val_loss {string.Join(", ", valLosses.Take(epoch + 1).Select(v => v is { } x ? F(x) : "(missing)"))} (factor 2)";
            double best = valLosses.Take(epoch + 1).Where(v => v is not null).Min()!.Value;
            int bestEpoch = Array.IndexOf(valLosses, (double?)best);
            Expect.True(callback.Best == best, $"{after}: Best should be {F(best)}, got {(callback.Best is { } b ? F(b) : "null")}.",
                epoch == 2 ? "epoch 2 logged no val_loss: skip it (do not read a missing key)." : "keep the lowest value of the monitored key, not the loss.");
            Expect.True(callback.BestEpoch == bestEpoch, $"{after}: BestEpoch should be {bestEpoch}, got {callback.BestEpoch}.", "record the epoch together with the best value.");
            bool shouldStop = epoch == 6;
            Expect.True(model.StopTraining == shouldStop,
                $"{after}: Model.StopTraining should be {shouldStop}, got {model.StopTraining}.",
                shouldStop ? "1.2 > 2 × 0.5: the run is diverging; set Model.StopTraining = true." : "stop only when the value exceeds factor × best, not on every value worse than the best.");
        }
        Expect.True(callback.StoppedEpoch == 6, $"StoppedEpoch should be 6, got {callback.StoppedEpoch?.ToString() ?? "null"}.", "record the epoch at which you stopped training.");

        // In a real Fit: the best epoch of the History's val_loss, and no stop with a large factor.
        var random = new Random(3);
        float[] xs = Enumerable.Range(0, 32).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var x = Tensor.FromArray(xs, 16, 2);
        var y = Tensor.FromArray(Enumerable.Range(0, 16).Select(i => xs[2 * i] - 0.5f * xs[2 * i + 1]).ToArray(), 16, 1);
        var net = new Sequential([new Input(2), new Dense(4, "tanh", seed: 1), new Dense(1, seed: 2)]);
        net.Compile(new SGD(0.1f), new MeanSquaredError());
        var watcher = new BestEpochCallback("val_loss", factor: 100);
        var history = net.Fit(x.Rows(0, 12), y.Rows(0, 12), batchSize: 4, epochs: 6, verbose: 0,
                              validationData: (x.Rows(12, 4), y.Rows(12, 4)), callbacks: [watcher], seed: 5);
        var logged = history["val_loss"];
        Expect.True(logged.Count == 6, $"Fit with BestEpochCallback(factor: 100) should run all 6 epochs, ran {logged.Count}.", "with a factor of 100 this run never diverges that far: do not stop.");
        int argmin = Enumerable.Range(0, logged.Count).MinBy(i => logged[i]);
        Expect.True(watcher.BestEpoch == argmin && watcher.Best == logged[argmin],
            $"After Fit with val_loss {F(logged)}: the best should be {F(logged[argmin])} at epoch {argmin}, got {(watcher.Best is { } wb ? F(wb) : "null")} at epoch {watcher.BestEpoch}.",
            "OnEpochEnd gets the epoch from 0 and the logs of that epoch, val_loss among them.");
    });
}
