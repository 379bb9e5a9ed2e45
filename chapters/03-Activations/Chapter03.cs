using System.Globalization;
using Learn.Dnn.Activations;
using Learn.Dnn.Data;
using Learn.Dnn.Layers;
using Learn.Dnn.Layers.Initializers;
using Learn.Dnn.Losses;
using Learn.Dnn.Charts;
using Learn.Dnn.Harness;

namespace Learn.Dnn.Chapters;

/// <summary>
/// Chapter 3, activations. The same small net, 2-16-16-1, fits a noisy two-input surface once per
/// activation function, trained by mini-batch gradient descent written out by hand; the test error
/// of each is compared. Then the reason ReLU and He initialisation took over: in a deep sigmoid net
/// the gradient shrinks layer by layer on its way back to the input, in a deep ReLU net it does not.
/// </summary>
public static class Chapter03
{
    private static readonly string[] ActivationNames = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "gelu"];

    public static void Run(ChapterRun run)
    {
        SaveActivationCurves(run);

        run.Section("Fitting the surface y = 4(x₁ − ½)² + ½·sin(2πx₂) + noise with each activation");
        var (xTrain, yTrain) = Datasets.Surface(n: run.Choose(quick: 400, full: 1000), noise: 0.05f, seed: run.Seed);
        var (xTest, yTest) = Datasets.Surface(n: 500, noise: 0.05f, seed: run.Seed + 1);   // fresh samples of the same surface
        int epochs = run.Choose(quick: 60, full: 300);
        run.Say($"{xTrain.Shape[0]} training and {xTest.Shape[0]} test samples, a 2-16-16-1 net, {epochs} epochs of mini-batches of 32");

        var fits = new List<Fit>();
        foreach (string activation in ActivationNames)
        {
            var fit = FitSurface(run, activation, xTrain, yTrain, xTest, yTest, epochs);
            run.Report($"test mse {activation}", fit.TestMse);
            fits.Add(fit);
        }
        var best = fits.MinBy(f => f.TestMse)!;
        var worst = fits.MaxBy(f => f.TestMse)!;
        run.Say("");
        run.Say("activation   test MSE");
        foreach (var fit in fits.OrderBy(f => f.TestMse))
            run.Say(string.Create(CultureInfo.InvariantCulture, $"{fit.Activation,-12} {fit.TestMse:0.00000}"));
        run.Report("best test mse", best.TestMse);
        run.Say($"best: {best.Activation}, worst: {worst.Activation} (the noise alone gives MSE 0.05² = 0.0025)");
        SaveLossCurves(run, fits);
        SaveSurfaces(run, best, worst);

        run.Section("Vanishing gradients: ∂L/∂W per layer of a 10-layer net at initialisation");
        var sigmoidNorms = GradientNormsPerLayer(run, "sigmoid", new GlorotUniform());
        var reluNorms = GradientNormsPerLayer(run, "relu", new HeNormal());
        run.Report("sigmoid gradient ratio first/last layer", sigmoidNorms[0] / sigmoidNorms[^1]);
        run.Report("relu gradient ratio first/last layer", reluNorms[0] / reluNorms[^1]);
        run.Say("σ'(x) ≤ ¼, so every sigmoid layer shrinks the gradient on its way back; ReLU passes it unchanged where");
        run.Say("the unit is on, and He's initial scale keeps the signal's variance the same from layer to layer.");
        SaveGradientNorms(run, sigmoidNorms, reluNorms);
    }

    /// <summary>One activation's fitted net, its loss per epoch and its test error.</summary>
    private sealed record Fit(string Activation, Dense[] Layers, List<double> Losses, double TestMse);

    #region net
    /// <summary>
    /// x: [n, 2] → Dense(16, activation) → Dense(16, activation) → Dense(1) → ŷ: [n, 1].
    /// Every net starts from the same seeds, so the activation is the only difference.
    /// </summary>
    private static Dense[] SurfaceNet(string activation, ulong seed) =>
    [
        new Dense(16, activation, seed: seed),
        new Dense(16, activation, seed: seed + 1),
        new Dense(1, seed: seed + 2),
    ];

    /// <summary>The net on inputs x ∈ [0, 1]²; it sees them centred, 2x − 1 ∈ [−1, 1]², which gradient descent prefers.</summary>
    private static Tensor Forward(Dense[] layers, Tensor x)
    {
        var h = 2f * x - 1f;   // [n, 2]
        foreach (var layer in layers) h = layer.Call(h);
        return h;
    }
    #endregion

    #region train
    /// <summary>
    /// Mini-batch gradient descent by hand: each epoch shuffles the samples, and for every batch of
    /// 32 computes the loss, backpropagates, and moves every weight by −η·∂L/∂w.
    /// </summary>
    private static List<double> Train(ChapterRun run, string label, Dense[] layers, Tensor x, Tensor y,
                                      int epochs, float learningRate, int batchSize = 32)
    {
        var loss = new MeanSquaredError();
        var rng = new Rng(run.Seed + 100);
        Forward(layers, x.Rows(0, 1));   // a layer creates its weights on its first call, as in Keras
        var weights = layers.SelectMany(l => l.TrainableWeights).ToList();
        var losses = new List<double>();
        var progress = run.Progress(label, epochs);
        int n = x.Shape[0];
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            var order = rng.Permutation(n);
            double sum = 0;
            for (int start = 0; start < n; start += batchSize)
            {
                var batch = order[start..Math.Min(n, start + batchSize)];
                var batchLoss = loss.Call(y.Rows(batch), Forward(layers, x.Rows(batch)));   // a scalar
                foreach (var w in weights) w.ZeroGrad();
                batchLoss.Backward();
                foreach (var w in weights) w.GradientDescentStep(learningRate);
                sum += batchLoss.Item() * batch.Length;
            }
            losses.Add(sum / n);
            progress.Update(epoch, ("loss", losses[^1]));
        }
        return losses;
    }
    #endregion

    private static Fit FitSurface(ChapterRun run, string activation, Tensor xTrain, Tensor yTrain,
                                  Tensor xTest, Tensor yTest, int epochs)
    {
        var layers = SurfaceNet(activation, run.Seed);
        var losses = Train(run, activation, layers, xTrain, yTrain, epochs, learningRate: 0.1f);
        using var _ = Tensor.NoGrad();
        double testMse = new MeanSquaredError().Call(yTest, Forward(layers, xTest)).Item();
        return new Fit(activation, layers, losses, testMse);
    }

    #region vanishing
    /// <summary>
    /// A 10-layer net of 32 units, x: [256, 32] of standard normal numbers, random targets;
    /// one backward pass at initialisation; the Frobenius norm ‖∂L/∂W‖ of every layer's kernel,
    /// layer 1 (next to the input) first.
    /// </summary>
    private static double[] GradientNormsPerLayer(ChapterRun run, string activation, Initializer initializer)
    {
        var rng = new Rng(run.Seed + 7);
        var x = rng.Normal(new Shape(256, 32));
        var y = rng.Normal(new Shape(256, 1));
        var layers = Enumerable.Range(0, 9)
            .Select(i => new Dense(32, activation, kernelInitializer: initializer, seed: run.Seed + 10 + (ulong)i))
            .Append(new Dense(1, kernelInitializer: initializer, seed: run.Seed + 19))
            .ToArray();
        var h = x;   // the layers called directly: the inputs stay N(0, 1), as the variance argument assumes
        foreach (var layer in layers) h = layer.Call(h);
        new MeanSquaredError().Call(y, h).Backward();
        var norms = layers.Select(l => (double)l.Kernel.Grad!.Square().Sum().Sqrt().Item()).ToArray();
        run.Say($"{activation,-8} ‖∂L/∂W‖ by layer: " + string.Join("  ", norms.Select(v => v.ToString("0.0e+0", CultureInfo.InvariantCulture))));
        return norms;
    }
    #endregion

    private static void SaveActivationCurves(ChapterRun run)
    {
        var figure = new Figure("Activation functions and their derivatives", rows: 1, columns: 2) { Width = 1040, Height = 500 };
        var f = figure[0];
        var d = figure[1];
        f.Title("f(x)");
        d.Title("f'(x)");
        f.Function(x => Sigmoid.Function((float)x), -4, 4, "sigmoid");
        d.Function(x => Sigmoid.Derivative(Sigmoid.Function((float)x)), -4, 4, "sigmoid");
        f.Function(x => Tanh.Function((float)x), -4, 4, "tanh");
        d.Function(x => Tanh.Derivative(Tanh.Function((float)x)), -4, 4, "tanh");
        f.Function(x => Relu.Function((float)x), -4, 4, "relu");
        d.Function(x => Relu.Derivative((float)x), -4, 4, "relu");
        f.Function(x => LeakyRelu.Function((float)x, 0.2f), -4, 4, "leaky_relu (α = 0.2)");
        d.Function(x => LeakyRelu.Derivative((float)x, 0.2f), -4, 4, "leaky_relu (α = 0.2)");
        f.Function(x => Elu.Function((float)x, 1f), -4, 4, "elu");
        d.Function(x => Elu.Derivative((float)x, Elu.Function((float)x, 1f), 1f), -4, 4, "elu");
        f.Function(x => Softplus.Function((float)x), -4, 4, "softplus");
        d.Function(x => Softplus.Derivative((float)x), -4, 4, "softplus");
        f.Function(x => Gelu.Function((float)x), -4, 4, "gelu");
        d.Function(x => Gelu.Derivative((float)x), -4, 4, "gelu");
        foreach (var plot in figure.Panels)
        {
            plot.XLabel("x");
            plot.Legend.Alignment = ScottPlot.Alignment.UpperLeft;
        }
        f.Axes.SetLimitsY(-1.5, 4);
        d.Axes.SetLimitsY(-0.2, 1.3);
        run.SaveFigure("activations", figure);
    }

    private static void SaveLossCurves(ChapterRun run, List<Fit> fits)
    {
        var plot = Chart.Create("Surface fit: training loss per activation", xLabel: "epoch", yLabel: "training MSE").LogScaleY();
        foreach (var fit in fits)
            plot.LearningCurve(fit.Losses, fit.Activation);
        run.SaveFigure("loss-curves", plot);
    }

    /// <summary>The true surface next to the best and the worst net's prediction, on a 60 × 60 grid of [0, 1]², all on one colour scale.</summary>
    private static void SaveSurfaces(ChapterRun run, Fit best, Fit worst)
    {
        const int resolution = 60;
        var grid = new float[resolution * resolution, 2];   // row i along x₂, column j along x₁
        var truth = new double[resolution, resolution];
        for (int i = 0; i < resolution; i++)
            for (int j = 0; j < resolution; j++)
            {
                float x1 = (j + 0.5f) / resolution, x2 = (i + 0.5f) / resolution;
                grid[i * resolution + j, 0] = x1;
                grid[i * resolution + j, 1] = x2;
                truth[i, j] = Datasets.SurfaceFunction(x1, x2);
            }
        var predictions = new List<(Fit Fit, double[,] Surface)>();
        using (Tensor.NoGrad())
        {
            var gridTensor = Tensor.FromArray(grid);   // [3600, 2]
            foreach (var fit in new[] { best, worst })
            {
                var predicted = Forward(fit.Layers, gridTensor).Reshape(resolution, resolution).ToArray2D();
                var surface = new double[resolution, resolution];
                for (int i = 0; i < resolution; i++)
                    for (int j = 0; j < resolution; j++)
                        surface[i, j] = predicted[i, j];
                predictions.Add((fit, surface));
            }
        }
        var scale = ColorScale.Spanning([truth, .. predictions.Select(p => p.Surface)]);
        var figure = new Figure("The surface and two fits", rows: 1, columns: 3) { Width = 1260, Height = 440 };
        figure[0].Title("true surface");
        figure[0].Heatmap(truth, (0, 1), (0, 1), "y", scale);
        for (int panel = 1; panel <= 2; panel++)
        {
            var (fit, surface) = predictions[panel - 1];
            figure[panel].Title(string.Create(CultureInfo.InvariantCulture, $"{fit.Activation} (test MSE {fit.TestMse:0.0000})"));
            figure[panel].Heatmap(surface, (0, 1), (0, 1), "ŷ", scale);
        }
        foreach (var plot in figure.Panels)
        {
            plot.XLabel("x₁");
            plot.YLabel("x₂");
        }
        run.SaveFigure("surface-fits", figure);
    }

    private static void SaveGradientNorms(ChapterRun run, double[] sigmoid, double[] relu)
    {
        var plot = Chart.Create("Gradient norm per layer at initialisation (10 layers)",
                                xLabel: "layer (1 = next to the input)", yLabel: "‖∂L/∂W‖").LogScaleY();
        var layerNumbers = Enumerable.Range(1, sigmoid.Length).Select(l => (double)l).ToArray();
        plot.Line(layerNumbers, sigmoid, "sigmoid, Glorot uniform");
        plot.Line(layerNumbers, relu, "relu, He normal");
        plot.Legend.Alignment = ScottPlot.Alignment.LowerRight;   // the curves meet at the top right
        run.SaveFigure("gradient-norms", plot);
    }
}
