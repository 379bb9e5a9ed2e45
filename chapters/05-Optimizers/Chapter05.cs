using System.Diagnostics;
using System.Globalization;
using Learn.Dnn.Callbacks;
using Learn.Dnn.Charts;
using Learn.Dnn.Data;
using Learn.Dnn.Harness;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;

namespace Learn.Dnn.Chapters;

/// <summary>
/// Chapter 5, the training loop and the optimizers. First the optimizers alone, stepping a point
/// across two 2-D surfaces; then the batch size; then Sequential, Compile and Fit on MNIST once per
/// optimizer; last, the Fashion-MNIST classifier of Géron's chapter 10, trained as Keras trains it.
/// </summary>
public static class Chapter05
{
    public static void Run(ChapterRun run)
    {
        run.Section("Optimizer paths on two surfaces: Rosenbrock's valley and a saddle");
        Surfaces(run);

        run.Section("Mini-batch size: 1, 32 and the full batch on the same data");
        BatchSizes(run);

        run.Section("MNIST, 784-300-100-10, once per optimizer");
        MnistPerOptimizer(run);

        run.Section("Fashion-MNIST: Dense 300 relu, Dense 100 relu, Dense 10 softmax, trained with SGD");
        FashionMnistClassifier(run);
    }

    /// <summary>A 2-D surface f(x, y) with its gradient written out, a start and a window to draw.</summary>
    private sealed record Surface(string Name, Func<double, double, double> F, Func<double, double, (double Dx, double Dy)> Gradient,
                                  (double X, double Y) Start, (double Min, double Max) XRange, (double Min, double Max) YRange);

    #region surfaces
    // Rosenbrock's banana: a long curved valley whose floor falls slowly to the minimum f(1, 1) = 0.
    private static readonly Surface Rosenbrock = new("Rosenbrock",
        (x, y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x),
        (x, y) => (-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)),
        Start: (-1.5, 2.0), XRange: (-2, 2), YRange: (-1, 3));

    // A saddle at (0, 0) between two minima at (0, ±1): f = x² − y² + y⁴/2, started almost on the ridge.
    private static readonly Surface Saddle = new("saddle",
        (x, y) => x * x - y * y + 0.5 * y * y * y * y,
        (x, y) => (2 * x, -2 * y + 2 * y * y * y),
        Start: (1.5, 1e-3), XRange: (-2, 2), YRange: (-1.6, 1.6));
    #endregion

    #region optimizers
    /// <summary>The six optimizers of the comparison, each with a learning rate that suits the surface's scale.</summary>
    private static (string Label, Func<Optimizer> Create)[] PathOptimizers(double scale) =>
    [
        ("SGD", () => new SGD(learningRate: (float)(1e-3 * scale))),
        ("momentum 0.9", () => new SGD(learningRate: (float)(1e-3 * scale), momentum: 0.9f)),
        ("Nesterov 0.9", () => new SGD(learningRate: (float)(1e-3 * scale), momentum: 0.9f, nesterov: true)),
        ("Adagrad", () => new Adagrad(learningRate: 0.5f)),
        ("RMSprop", () => new RMSprop(learningRate: 0.01f)),
        ("Adam", () => new Adam(learningRate: 0.05f)),
    ];
    #endregion

    #region path
    /// <summary>
    /// The weight is one tensor w = (x, y). Each step puts the surface's gradient on w.Grad and lets the
    /// engine's optimizer move w, exactly as Fit does with a network's weights.
    /// </summary>
    private static List<(double X, double Y)> Path(Surface surface, Optimizer optimizer, int steps)
    {
        var w = Tensor.FromArray([(float)surface.Start.X, (float)surface.Start.Y], 2);
        w.RequiresGrad = true;
        var path = new List<(double X, double Y)> { surface.Start };
        for (int step = 0; step < steps; step++)
        {
            var (x, y) = path[^1];
            var (dx, dy) = surface.Gradient(x, y);
            w.ZeroGrad();
            w.AccumulateGrad(Tensor.FromArray([(float)dx, (float)dy], 2));   // ∂f/∂w
            optimizer.Apply([w]);                                             // w ← the optimizer's rule
            var now = w.ToArray();
            path.Add((now[0], now[1]));
        }
        return path;
    }
    #endregion

    private static void Surfaces(ChapterRun run)
    {
        int steps = 1000;
        foreach (var (surface, scale) in new[] { (Rosenbrock, 1.0), (Saddle, 10.0) })
        {
            var plot = Chart.Create($"{surface.Name}: {steps} steps from ({surface.Start.X}, {surface.Start.Y})", xLabel: "x", yLabel: "y");
            plot.Heatmap(Grid(surface, 120), surface.XRange, surface.YRange, colorBarLabel: "log₁₀(1 + f − f_min)");
            foreach (var (label, create) in PathOptimizers(scale))
            {
                var path = Path(surface, create(), steps);
                var (x, y) = path[^1];
                double f = surface.F(x, y);
                run.Say(string.Create(CultureInfo.InvariantCulture, $"{surface.Name,-10} {label,-13} ends at ({x,8:0.000}, {y,8:0.000}), f = {f:0.0000}"));
                run.Report($"{surface.Name} {label} final f", double.IsFinite(f) ? f : double.MaxValue);
                if (surface == Saddle)
                {
                    int escape = path.FindIndex(p => Math.Abs(p.Y) > 0.5);   // the first step half-way to a minimum
                    run.Say($"{"",-10} {label,-13} leaves the ridge (|y| > 0.5) after {(escape < 0 ? "more than " + steps : escape.ToString(CultureInfo.InvariantCulture))} steps");
                    run.Report($"saddle {label} steps to escape", escape < 0 ? steps + 1 : escape);
                }
                var clipped = path.Where(p => Math.Abs(p.X) < 10 && Math.Abs(p.Y) < 10).ToList();
                var line = plot.Line(clipped.Select(p => p.X).ToArray(), clipped.Select(p => p.Y).ToArray(), label);
                if (Math.Abs(x) < 10 && Math.Abs(y) < 10) plot.Add.Marker(x, y, ScottPlot.MarkerShape.FilledCircle, size: 9, color: line.Color);   // where it ended
            }
            plot.Add.Marker(surface.Start.X, surface.Start.Y, ScottPlot.MarkerShape.OpenSquare, size: 11, color: ScottPlot.Colors.White);
            plot.Axes.SetLimits(surface.XRange.Min, surface.XRange.Max, surface.YRange.Min, surface.YRange.Max);
            run.SaveFigure($"paths-{surface.Name.ToLowerInvariant()}", plot, width: 760, height: 620);
        }
    }

    /// <summary>log₁₀(1 + f − min f) on a grid, row 0 at the bottom: the colour shows the valley's shape.</summary>
    private static double[,] Grid(Surface surface, int n)
    {
        var values = new double[n, n];
        double min = double.MaxValue;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double x = surface.XRange.Min + (j + 0.5) * (surface.XRange.Max - surface.XRange.Min) / n;
                double y = surface.YRange.Min + (i + 0.5) * (surface.YRange.Max - surface.YRange.Min) / n;
                values[i, j] = surface.F(x, y);
                min = Math.Min(min, values[i, j]);
            }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) values[i, j] = Math.Log10(1 + values[i, j] - min);
        return values;
    }

    /// <summary>Records the wall time at the end of every epoch, from the start of training.</summary>
    private sealed class EpochTimer : Callback
    {
        private readonly Stopwatch clock = new();
        public List<double> Seconds { get; } = [];
        public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs) => clock.Restart();
        public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) => Seconds.Add(clock.Elapsed.TotalSeconds);
    }

    #region mlp
    /// <summary>The MLP of the chapter: 784 → 300 (relu) → 100 (relu) → 10 (softmax).</summary>
    private static Sequential Mlp(ulong seed) => new(
    [
        new Input(784),
        new Dense(300, "relu", seed: seed),
        new Dense(100, "relu", seed: seed + 1),
        new Dense(10, "softmax", seed: seed + 2),
    ]);
    #endregion

    private static void BatchSizes(ChapterRun run)
    {
        var (train, _) = Mnist.Load(subset: true);                          // the embedded 1,000 training digits
        var (x, y) = train.Take(run.Choose(quick: 250, full: 1000)).ToTensors(flatten: true);   // x: [n, 784] in [0, 1], y: [n]
        int epochs = run.Choose(quick: 4, full: 20);
        int n = x.Shape[0];
        var curves = new List<(string Label, IReadOnlyList<double> Loss, IReadOnlyList<double> Seconds)>();
        foreach (int batchSize in new[] { 1, 32, n })
        {
            #region batch-size
            var model = Mlp(run.Seed);
            model.Compile(new SGD(learningRate: 0.01f), "sparse_categorical_crossentropy", ["accuracy"]);
            var timer = new EpochTimer();
            var history = model.Fit(x, y, batchSize: batchSize, epochs: epochs, verbose: 0, callbacks: [timer], seed: run.Seed);
            #endregion
            string label = batchSize == n ? $"full batch ({n})" : $"batch {batchSize}";
            curves.Add((label, history["loss"], timer.Seconds));
            run.Say(string.Create(CultureInfo.InvariantCulture,
                $"{label,-17} {n / batchSize + (n % batchSize > 0 ? 1 : 0),5} steps/epoch  loss after {epochs} epochs {history["loss"][^1]:0.0000}  {timer.Seconds[^1]:0.00} s"));
            run.Report($"batch {(batchSize == n ? "full" : batchSize.ToString(CultureInfo.InvariantCulture))} final loss", history["loss"][^1]);
        }

        var figure = new Figure($"SGD (η = 0.01) on {n:N0} MNIST digits: the loss by epoch and by wall time", rows: 1, columns: 2) { Width = 1100, Height = 460 };
        foreach (var plot in figure.Panels)
        {
            plot.YLabel("training loss");
            plot.LogScaleY();
        }
        foreach (var (label, loss, seconds) in curves)
        {
            figure[0].LearningCurve(loss, label);
            figure[1].Line(seconds.ToArray(), loss.ToArray(), label);
        }
        figure[0].XLabel("epoch");
        figure[0].WholeEpochTicks();
        figure[1].XLabel("seconds");
        run.SaveFigure("batch-size", figure);
    }

    private static void MnistPerOptimizer(ChapterRun run)
    {
        var (train, test) = Mnist.Load(subset: run.Quick);
        var (xTrain, yTrain) = train.ToTensors(flatten: true);
        var (xTest, yTest) = test.ToTensors(flatten: true);
        int epochs = 5;
        run.Say($"{xTrain.Shape[0]:N0} training and {xTest.Shape[0]:N0} test digits, {epochs} epochs of batch 32 each");
        (string Label, Func<Optimizer> Create)[] optimizers =
        [
            ("SGD", () => new SGD()),
            ("momentum", () => new SGD(momentum: 0.9f)),
            ("Nesterov", () => new SGD(momentum: 0.9f, nesterov: true)),
            ("Adagrad", () => new Adagrad(learningRate: 0.01f)),
            ("RMSprop", () => new RMSprop()),
            ("Adam", () => new Adam()),
        ];
        var figure = new Figure($"MNIST MLP 784-300-100-10: {epochs} epochs per optimizer", rows: 1, columns: 2) { Width = 1100, Height = 460 };
        figure[0].YLabel("training loss");
        figure[0].LogScaleY();
        foreach (var (label, create) in optimizers)
        {
            #region per-optimizer
            var model = Mlp(run.Seed);
            model.Compile(create(), "sparse_categorical_crossentropy", ["accuracy"]);
            var timer = new EpochTimer();
            var history = model.Fit(xTrain, yTrain, batchSize: 32, epochs: epochs, verbose: 0, callbacks: [timer], seed: run.Seed);
            double accuracy = model.Evaluate(xTest, yTest, verbose: 0)["accuracy"];
            #endregion
            run.Say(string.Create(CultureInfo.InvariantCulture,
                $"{label,-9} train loss {history["loss"][^1]:0.0000}  test accuracy {accuracy:0.0000}  {timer.Seconds[^1] / epochs:0.00} s/epoch"));
            run.Report($"mnist {label} test accuracy", accuracy);
            figure[0].LearningCurve(history["loss"], label);
            figure[1].LearningCurve(history["accuracy"], label);
        }
        figure[1].YLabel("training accuracy");
        figure[1].Legend.Alignment = ScottPlot.Alignment.LowerRight;   // off the curves, which rise to the upper right
        foreach (var plot in figure.Panels) { plot.XLabel("epoch"); plot.WholeEpochTicks(); }
        run.SaveFigure("mnist-optimizers", figure);
    }

    private static void FashionMnistClassifier(ChapterRun run)
    {
        #region fashion
        var (train, test) = FashionMnist.Load(subset: run.Quick);          // a seeded, stratified 60,000/10,000 split
        var (xTrain, yTrain) = train.ToTensors(flatten: true);              // [n, 784]: the engine has no Flatten layer until chapter 7
        var (xTest, yTest) = test.ToTensors(flatten: true);
        var model = new Sequential(
        [
            new Input(784),
            new Dense(300, "relu", seed: run.Seed),
            new Dense(100, "relu", seed: run.Seed + 1),
            new Dense(10, "softmax", seed: run.Seed + 2),
        ]);
        model.Summary(run.Output);
        model.Compile("sgd", "sparse_categorical_crossentropy", ["accuracy"]);
        var history = model.Fit(xTrain, yTrain, epochs: run.Choose(quick: 20, full: 30), validationSplit: 0.1, seed: run.Seed);
        var scores = model.Evaluate(xTest, yTest);
        #endregion
        run.Report("fashion test accuracy", scores["accuracy"]);
        run.Report("fashion val accuracy", history["val_accuracy"][^1]);

        var figure = new Figure("Fashion-MNIST: the History of Fit", rows: 1, columns: 2) { Width = 1100, Height = 460 };
        figure[0].LearningCurve(history["loss"], "loss");
        figure[0].LearningCurve(history["val_loss"], "val_loss");
        figure[0].YLabel("loss");
        figure[1].LearningCurve(history["accuracy"], "accuracy");
        figure[1].LearningCurve(history["val_accuracy"], "val_accuracy");
        figure[1].YLabel("accuracy");
        figure[1].Legend.Alignment = ScottPlot.Alignment.LowerRight;
        foreach (var plot in figure.Panels) { plot.XLabel("epoch"); plot.WholeEpochTicks(); }
        run.SaveFigure("fashion-history", figure);

        int count = 15;
        var predicted = Categorical.ArgMax(model.Predict(xTest.Rows(0, count), verbose: 0));
        var images = Enumerable.Range(0, count).Select(i => xTest.Rows(i, 1).ToArray()).ToList();
        var captions = Enumerable.Range(0, count)
            .Select(i => $"{FashionMnist.Classes[predicted[i]]} ({FashionMnist.Classes[test.Labels[i]]})").ToList();
        var grid = Chart.Create("Fashion-MNIST test images: predicted (true)");
        grid.ImageGrid(images, 28, 28, captions, columns: 5);
        run.SaveFigure("fashion-predictions", grid, width: 1000, height: 780);
    }
}
