using System.Globalization;
using Learn.Dnn.Callbacks;
using Learn.Dnn.Charts;
using Learn.Dnn.Data;
using Learn.Dnn.Harness;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;
using Learn.Dnn.Regularization;
using ScottPlot;

namespace Learn.Dnn.Chapters;

/// <summary>
/// Chapter 6, regularization. The seeds' symptoms and treatments: a network too small for its data
/// underfits (high training and validation error); one too large for little, noisy data overfits (low
/// training error, high validation error). The overfit model is then treated with L1, L2, dropout,
/// early stopping and more data, on the regression surface and on Iris, and each treatment's
/// train–validation gap is measured. Then the weights under L1 and L2, and a k-fold estimate of error.
/// </summary>
public static class Chapter06
{
    public static void Run(ChapterRun run)
    {
        run.Section("The regression surface: underfitting, overfitting and five treatments");
        var surface = Surface(run);

        run.Section("Iris with an oversized 1000-500-70-3 network");
        Iris(run);

        run.Section("Weights under L1 and under L2");
        Weights(run, surface);

        run.Section("k-fold cross-validation against a single split");
        CrossValidation(run);

        DrawPenaltyGeometry(run);
    }

    /// <summary>One trained model: its error on the data it was trained on and on the validation set.</summary>
    private sealed record Outcome(string Name, double Train, double Validation, History History, Sequential Model)
    {
        /// <summary>The generalisation gap: how much worse the model does on data it has not seen.</summary>
        public double Gap => Validation - Train;
    }

    private static Outcome[] Surface(ChapterRun run)
    {
        #region surface-data
        // Little, noisy data: 40 points with noise σ = 0.2 (its variance 0.04 is the best MSE any model can get).
        var (xFew, yFew) = Datasets.Surface(n: 40, noise: 0.2f, seed: run.Seed);
        var (xMore, yMore) = Datasets.Surface(n: 400, noise: 0.2f, seed: run.Seed + 1);   // ten times as much
        var (xVal, yVal) = Datasets.Surface(n: 300, noise: 0.2f, seed: run.Seed + 2);     // never trained on
        #endregion
        int epochs = run.Choose(quick: 200, full: 500);
        run.Say($"40 (or 400) training points, 300 validation points, noise σ = 0.2; {epochs} epochs of Adam (η = 0.005, batches of 8)");

        #region surface-models
        // Too small: one tanh unit, 2 → 1 → 1. Too large for 40 points: 2 → 128 → 128 → 1, about 17,000 weights.
        Sequential Small() => new([new Input(2), new Dense(1, "tanh", seed: run.Seed), new Dense(1, seed: run.Seed + 1)]);
        Sequential Large(Regularizer? penalty = null, double dropout = 0)
        {
            var model = new Sequential([new Input(2)]);
            model.Add(new Dense(128, "relu", kernelRegularizer: penalty, seed: run.Seed));
            if (dropout > 0) model.Add(new Dropout(dropout, seed: run.Seed + 10));
            model.Add(new Dense(128, "relu", kernelRegularizer: penalty, seed: run.Seed + 1));
            if (dropout > 0) model.Add(new Dropout(dropout, seed: run.Seed + 11));
            model.Add(new Dense(1, seed: run.Seed + 2));
            return model;
        }
        #endregion

        #region surface-treatments
        var validation = (xVal, yVal);
        Outcome Train(string name, Sequential model, Tensor x, Tensor y, params Callback[] callbacks) =>
            FitAndMeasure(run, name, model, "mse", learningRate: 0.005f, x, y, validation, epochs, callbacks);
        Outcome[] outcomes =
        [
            Train("too small", Small(), xFew, yFew),
            Train("too large (overfit)", Large(), xFew, yFew),
            Train("+ L1(1e-3)", Large(new L1(1e-3f)), xFew, yFew),
            Train("+ L2(1e-3)", Large(new L2(1e-3f)), xFew, yFew),
            Train("+ dropout 0.3", Large(dropout: 0.3), xFew, yFew),
            Train("+ early stopping", Large(), xFew, yFew,
                  new EarlyStopping(monitor: "val_loss", patience: 10, restoreBestWeights: true)),
            Train("+ 10x more data", Large(), xMore, yMore),
        ];
        #endregion

        PrintTable(run, "MSE", outcomes);
        var overfit = outcomes[1];
        run.Report("surface underfit train MSE", outcomes[0].Train);
        run.Report("surface underfit validation MSE", outcomes[0].Validation);
        run.Report("surface overfit train MSE", overfit.Train);
        run.Report("surface overfit gap", overfit.Gap);
        foreach (var treated in outcomes[2..])
            run.Report($"surface {Key(treated.Name)} gap", treated.Gap);
        SaveCurves(run, "surface-curves", "The regression surface: training and validation MSE by epoch", outcomes, logScale: true);
        return outcomes;
    }

    private static void Iris(ChapterRun run)
    {
        #region iris-data
        var (x, y, _) = Datasets.Iris();                                      // X: [150, 4], y: [150] labels 0, 1, 2
        var (xPool, yPool, xVal, yVal) = Split.TrainTest(x, y, testFraction: 0.4, run.Seed, stratify: true);   // 90 + 60
        var (xFew, yFew, _, _) = Split.TrainTest(xPool, yPool, testFraction: 2.0 / 3.0, run.Seed + 1, stratify: true);   // 30 of the 90
        var scaler = new StandardScaler().Fit(xPool);
        (xFew, xPool, xVal) = (scaler.Transform(xFew), scaler.Transform(xPool), scaler.Transform(xVal));
        #endregion
        int epochs = run.Choose(quick: 30, full: 150);
        run.Say($"{xFew.Shape[0]} (or {xPool.Shape[0]}) training flowers, {xVal.Shape[0]} validation flowers; {epochs} epochs of Adam (η = 0.001, batches of 8)");

        #region iris-models
        // The seed's network: 4 → 1000 → 500 → 70 → 3, about 540,000 weights for 30 flowers.
        Sequential Oversized(Regularizer? penalty = null, double dropout = 0)
        {
            var model = new Sequential([new Input(4)]);
            foreach (var (units, i) in new[] { 1000, 500, 70 }.Select((u, i) => (u, i)))
            {
                model.Add(new Dense(units, "relu", kernelRegularizer: penalty, seed: run.Seed + (ulong)i));
                if (dropout > 0) model.Add(new Dropout(dropout, seed: run.Seed + 10 + (ulong)i));
            }
            model.Add(new Dense(3, "softmax", seed: run.Seed + 3));
            return model;
        }
        #endregion

        var validation = (xVal, yVal);
        Outcome Train(string name, Sequential model, Tensor xs, Tensor ys, params Callback[] callbacks) =>
            FitAndMeasure(run, name, model, "sparse_categorical_crossentropy", learningRate: 1e-3f, xs, ys, validation, epochs, callbacks);
        Outcome[] outcomes =
        [
            Train("too large (overfit)", Oversized(), xFew, yFew),
            Train("+ L1(1e-4)", Oversized(new L1(1e-4f)), xFew, yFew),
            Train("+ L2(1e-3)", Oversized(new L2(1e-3f)), xFew, yFew),
            Train("+ dropout 0.5", Oversized(dropout: 0.5), xFew, yFew),
            Train("+ early stopping", Oversized(), xFew, yFew,
                  new EarlyStopping(monitor: "val_loss", patience: 10, restoreBestWeights: true)),
            Train("+ 3x more data", Oversized(), xPool, yPool),
        ];
        PrintTable(run, "cross-entropy", outcomes);
        var overfit = outcomes[0];
        run.Report("iris overfit train loss", overfit.Train);
        run.Report("iris overfit gap", overfit.Gap);
        foreach (var treated in outcomes[1..])
            run.Report($"iris {Key(treated.Name)} gap", treated.Gap);
        run.Report("iris overfit validation accuracy", overfit.Model.Evaluate(xVal, yVal, verbose: 0)["accuracy"]);
        SaveCurves(run, "iris-curves", "Iris, 1000-500-70-3: training and validation cross-entropy by epoch", outcomes, logScale: true);
    }

    #region measure
    /// <summary>
    /// Trains <paramref name="model"/> and measures its loss on the training and the validation data after
    /// training, at inference (dropout off) and without the penalties: the error, not the training objective.
    /// </summary>
    private static Outcome FitAndMeasure(ChapterRun run, string name, Sequential model, string loss, float learningRate,
                                         Tensor x, Tensor y, (Tensor X, Tensor Y) validation, int epochs, Callback[] callbacks)
    {
        model.Compile(new Adam(learningRate: learningRate), loss, ["accuracy"]);
        var history = model.Fit(x, y, batchSize: 8, epochs: epochs, verbose: 0, validationData: validation,
                                callbacks: callbacks, seed: run.Seed);
        var lossFunction = Losses.Loss.Get(loss);
        double Error(Tensor xs, Tensor ys)
        {
            using var _ = Tensor.NoGrad();
            return lossFunction.Call(ys, model.Predict(xs, verbose: 0)).Item();
        }
        var outcome = new Outcome(name, Error(x, y), Error(validation.X, validation.Y), history, model);
        string stopped = history["loss"].Count < epochs ? $" (stopped after {history["loss"].Count} epochs)" : "";
        run.Say(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-22} train {outcome.Train:0.0000}  validation {outcome.Validation:0.0000}{stopped}"));
        return outcome;
    }
    #endregion

    private static void PrintTable(ChapterRun run, string error, Outcome[] outcomes)
    {
        run.Say("");
        run.Say($"{"treatment",-22} {"train " + error,16} {"validation",12} {"gap",10}");
        foreach (var o in outcomes)
            run.Say(string.Create(CultureInfo.InvariantCulture, $"{o.Name,-22} {o.Train,16:0.0000} {o.Validation,12:0.0000} {o.Gap,10:0.0000}"));
        run.Say("");
    }

    /// <summary>"+ L2(1e-3)" → "l2", "+ early stopping" → "early stopping": the name a result is reported under.</summary>
    private static string Key(string name)
    {
        string key = name.TrimStart('+', ' ');
        int paren = key.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0) key = key[..paren];
        if (key.StartsWith("dropout", StringComparison.Ordinal)) key = "dropout";
        if (key.Contains("more data", StringComparison.Ordinal)) key = "more data";
        return key.Trim().ToLowerInvariant();
    }

    private static void SaveCurves(ChapterRun run, string figureName, string title, Outcome[] outcomes, bool logScale)
    {
        int columns = (outcomes.Length + 1) / 2;
        var figure = new Figure(title, rows: 2, columns: columns) { Width = 330 * columns, Height = 620 };
        for (int i = 0; i < figure.Panels.Count; i++)
        {
            var plot = figure.Panels[i];
            if (i >= outcomes.Length) { plot.HideGrid(); plot.Axes.Frameless(); continue; }
            var o = outcomes[i];
            plot.Title(o.Name);
            plot.XLabel("epoch");
            if (logScale) plot.LogScaleY();
            plot.LearningCurve(o.History["loss"], "train").Color = Chart.ColorOf(0);
            var epochs = Enumerable.Range(1, o.History["val_loss"].Count).Select(e => (double)e).ToArray();
            plot.Line(epochs, o.History["val_loss"], "validation").Color = Chart.ColorOf(1);
        }
        run.SaveFigure(figureName, figure);
    }

    private static void Weights(ChapterRun run, Outcome[] surface)
    {
        #region weights
        // Every hidden kernel weight of the overfit surface model, and of its L1 and L2 treatments.
        static float[] Kernels(Sequential model) =>
            model.Layers.OfType<Dense>().Take(2).SelectMany(d => d.Kernel.ToArray()).ToArray();
        var sets = new[] { ("no penalty", surface[1]), ("L1(1e-3)", surface[2]), ("L2(1e-3)", surface[3]) }
            .Select(s => (Name: s.Item1, Weights: Kernels(s.Item2.Model))).ToArray();
        foreach (var (name, weights) in sets)
        {
            double nearZero = weights.Count(w => MathF.Abs(w) < 1e-3f) / (double)weights.Length;   // L1's sparsity
            double meanAbs = weights.Average(w => MathF.Abs(w));
            run.Say(string.Create(CultureInfo.InvariantCulture,
                $"{name,-11} {weights.Length} weights: {nearZero:P1} with |w| < 1e-3, mean |w| = {meanAbs:0.0000}"));
            run.Report($"{name.Split('(')[0].Replace("no penalty", "none", StringComparison.Ordinal).ToLowerInvariant()} near-zero weight fraction", nearZero);
        }
        #endregion

        var plot = Chart.Create("Hidden-layer weights of the surface model", xLabel: "weight w", yLabel: "count per bin");
        const int bins = 60;
        const double low = -0.3, high = 0.3;
        var centres = Enumerable.Range(0, bins).Select(b => low + (b + 0.5) * (high - low) / bins).ToArray();
        foreach (var (name, weights) in sets)
        {
            var counts = new double[bins];
            foreach (float w in weights)
            {
                int b = (int)Math.Floor((w - low) / (high - low) * bins);
                if (b >= 0 && b < bins) counts[b]++;
            }
            plot.Line(centres, counts, name);
        }
        run.SaveFigure("weight-histograms", plot, width: 760, height: 460);
    }

    private static void CrossValidation(ChapterRun run)
    {
        int epochs = run.Choose(quick: 60, full: 200);
        #region kfold
        // One model, 2 → 32 → 32 → 1 (tanh), on 100 noisy points: five folds against one 80/20 split.
        var (x, y) = Datasets.Surface(n: 100, noise: 0.2f, seed: run.Seed + 3);
        double ValidationMse(int[] train, int[] validate)
        {
            var model = new Sequential([new Input(2), new Dense(32, "tanh", seed: run.Seed), new Dense(32, "tanh", seed: run.Seed + 1),
                                        new Dense(1, seed: run.Seed + 2)]);
            model.Compile(new Adam(learningRate: 0.01f), "mse");
            model.Fit(x.Rows(train), y.Rows(train), batchSize: 16, epochs: epochs, verbose: 0, seed: run.Seed);
            return model.Evaluate(x.Rows(validate), y.Rows(validate), verbose: 0)["loss"];
        }
        var folds = KFold.Split(n: 100, k: 5, shuffle: true, seed: run.Seed).ToArray();
        double[] scores = folds.Select(f => ValidationMse(f.Train, f.Validation)).ToArray();
        double mean = scores.Average();
        double spread = Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / (scores.Length - 1));   // the folds' standard deviation
        #endregion
        run.Say("the five folds' validation MSE: " + string.Join(", ", scores.Select(s => s.ToString("0.0000", CultureInfo.InvariantCulture))));
        run.Report("kfold mean validation MSE", mean);
        run.Report("kfold standard deviation", spread);
        run.Report("single split validation MSE", scores[0]);
        run.Say(string.Create(CultureInfo.InvariantCulture,
            $"a single 80/20 split would have said {scores[0]:0.0000} (fold 1), or anything from {scores.Min():0.0000} to {scores.Max():0.0000};"));
        run.Say(string.Create(CultureInfo.InvariantCulture,
            $"the k-fold estimate is {mean:0.0000} ± {spread / Math.Sqrt(scores.Length):0.0000} (standard error), from every point validated once"));
    }

    #region geometry
    /// <summary>
    /// Why L1 gives zeros: minimising loss + penalty is minimising the loss inside a region |w₁| + |w₂| ≤ t
    /// (L1, a diamond) or w₁² + w₂² ≤ t² (L2, a circle). The loss's elliptic contours, centred on the
    /// unpenalised optimum w*, first touch the diamond at a corner, where w₂ = 0; they touch the circle
    /// where neither coordinate is 0.
    /// </summary>
    private static void DrawPenaltyGeometry(ChapterRun run)
    {
        (double X, double Y) optimum = (1.5, 0.7);
        double Loss(double w1, double w2)   // a quadratic loss with tilted elliptic contours
        {
            double d1 = w1 - optimum.X, d2 = w2 - optimum.Y;
            return 2.0 * d1 * d1 - d1 * d2 + d2 * d2;
        }
        var figure = new Figure("The loss contours meet the L1 diamond at a corner, the L2 circle off the axes", rows: 1, columns: 2)
            { Width = 1000, Height = 500 };
        var angles = Enumerable.Range(0, 721).Select(i => 2 * Math.PI * i / 720).ToArray();
        foreach (var (panel, name) in new[] { (0, "L1: |w₁| + |w₂| ≤ 1"), (1, "L2: w₁² + w₂² ≤ 1") })
        {
            var plot = figure[panel];
            plot.Title(name);
            plot.XLabel("w₁");
            plot.YLabel("w₂");
            // The region's boundary, in polar form: r(θ) = 1 / (|cos θ| + |sin θ|) for L1, 1 for L2.
            var boundary = angles.Select(a => panel == 0 ? 1 / (Math.Abs(Math.Cos(a)) + Math.Abs(Math.Sin(a))) : 1.0)
                                 .Zip(angles, (r, a) => (X: r * Math.Cos(a), Y: r * Math.Sin(a))).ToArray();
            plot.Line([.. boundary.Select(p => p.X)], [.. boundary.Select(p => p.Y)], name).Color = Chart.ColorOf(0);
            var touch = boundary.MinBy(p => Loss(p.X, p.Y));          // the constrained optimum
            double level = Loss(touch.X, touch.Y);
            foreach (double scale in new[] { 0.25, 0.6, 1.0 })
                DrawContour(plot, Loss, optimum, level * scale * scale, scale == 1.0 ? "loss contour through the optimum" : null);
            var star = plot.Add.Marker(optimum.X, optimum.Y);
            star.LegendText = "w* (no penalty)";
            star.Color = Chart.ColorOf(2);
            star.Size = 10;
            var hit = plot.Add.Marker(touch.X, touch.Y);
            hit.LegendText = string.Create(CultureInfo.InvariantCulture, $"penalised optimum ({touch.X:0.00}, {touch.Y:0.00})");
            hit.Color = Chart.ColorOf(5);
            hit.Size = 10;
            plot.Axes.SetLimits(-1.5, 2.8, -1.5, 2.2);
            plot.Axes.SquareUnits();
            plot.ShowLegend(Alignment.LowerRight);
            run.Report($"{(panel == 0 ? "l1" : "l2")} constrained optimum w2", touch.Y);
        }
        run.SaveFigure("penalty-geometry", figure);
    }
    #endregion

    /// <summary>The contour Loss = level around the optimum, found along rays by bisection.</summary>
    private static void DrawContour(Plot plot, Func<double, double, double> loss, (double X, double Y) centre, double level, string? label)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i <= 360; i++)
        {
            double a = 2 * Math.PI * i / 360, lo = 0, hi = 10;
            for (int step = 0; step < 50; step++)
            {
                double mid = (lo + hi) / 2;
                if (loss(centre.X + mid * Math.Cos(a), centre.Y + mid * Math.Sin(a)) < level) lo = mid; else hi = mid;
            }
            xs.Add(centre.X + lo * Math.Cos(a));
            ys.Add(centre.Y + lo * Math.Sin(a));
        }
        plot.Line(xs, ys, label).Color = Chart.ColorOf(1);
    }
}
