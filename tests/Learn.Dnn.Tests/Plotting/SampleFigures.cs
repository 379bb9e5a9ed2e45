using Xunit;
using Learn.Dnn.Plotting;

namespace Learn.Dnn.Tests.Plotting;

/// <summary>One figure of every kind, built the way the chapters build them; tests check them and
/// <see cref="FigureTests.Sample_figures_are_written_to_the_temp_directory"/> saves them for viewing.</summary>
internal static class SampleFigures
{
    public static IEnumerable<(string Name, Figure Figure)> All() =>
    [
        ("loss", LossCurves()), ("activations", Activations()), ("xor", XorPerceptron()),
        ("confusion", Confusion()), ("moons", MoonsBoundary()), ("spiral", ThreeClassBoundary()),
        ("surfaces", Surfaces()), ("digits", Digits()), ("errors", ErrorsPerEpoch()),
        ("edge-cases", EdgeCases()),
    ];

    public static Figure LossCurves()
    {
        var epochs = Enumerable.Range(1, 40).Select(e => (double)e).ToArray();
        var train = epochs.Select(e => 2.3 * Math.Exp(-e / 6) + 0.01).ToArray();
        var validation = epochs.Select(e => 2.3 * Math.Exp(-e / 7) + 0.05 + 0.002 * e).ToArray();
        var figure = new Figure("Loss per epoch");
        figure.Axes.Line(epochs, train, "train").Line(epochs, validation, "validation", dashed: true);
        (figure.Axes.XLabel, figure.Axes.YLabel, figure.Axes.LogY) = ("epoch", "cross-entropy loss", true);
        return figure;
    }

    public static Figure ErrorsPerEpoch()
    {
        var epochs = Enumerable.Range(1, 12).Select(e => (double)e).ToArray();
        double[] and = [2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        double[] xor = [2, 3, 2, 4, 2, 3, 2, 4, 2, 3, 2, 4];
        var figure = new Figure("Perceptron errors per epoch");
        figure.Axes.Line(epochs, and, "AND").Line(epochs, xor, "XOR");
        (figure.Axes.XLabel, figure.Axes.YLabel) = ("epoch", "misclassified points");
        return figure;
    }

    public static Figure Activations()
    {
        var figure = new Figure("Activation functions", rows: 1, columns: 2);
        Func<double, double> sigmoid = x => 1 / (1 + Math.Exp(-x));
        figure[0].Function(sigmoid, -4, 4, "sigmoid").Function(Math.Tanh, -4, 4, "tanh")
                 .Function(x => Math.Max(0, x), -4, 4, "ReLU").Function(x => Math.Log(1 + Math.Exp(x)), -4, 4, "softplus");
        figure[1].Function(x => sigmoid(x) * (1 - sigmoid(x)), -4, 4, "sigmoid′").Function(x => 1 - Math.Tanh(x) * Math.Tanh(x), -4, 4, "tanh′")
                 .Function(x => x > 0 ? 1 : 0, -4, 4, "ReLU′").Function(sigmoid, -4, 4, "softplus′", dashed: true);
        (figure[0].Title, figure[0].XLabel, figure[0].YLabel) = ("f(x)", "x", "f(x)");
        (figure[1].Title, figure[1].XLabel, figure[1].YLabel) = ("derivative f′(x)", "x", "f′(x)");
        return figure;
    }

    public static Figure XorPerceptron()
    {
        var figure = new Figure("XOR is not linearly separable");
        figure.Axes.Scatter(new double[] { 0, 1, 0, 1 }, new double[] { 0, 0, 1, 1 }, [0, 1, 1, 0], ["XOR = 0", "XOR = 1"])
                   .StraightLine(1, 1, -0.5, "perceptron: x₁ + x₂ − 0.5 = 0");
        (figure.Axes.XLabel, figure.Axes.YLabel) = ("x₁", "x₂");
        return figure;
    }

    public static Figure Confusion()
    {
        var figure = new Figure("Iris: confusion matrix (test set)");
        figure.Axes.ConfusionMatrix(new[,] { { 10, 0, 0 }, { 0, 8, 2 }, { 0, 1, 9 } }, ["setosa", "versicolor", "virginica"]);
        figure.Width = 560;
        return figure;
    }

    public static (float[,] Points, int[] Labels) TwoMoons(int n, int seed)
    {
        var random = new Random(seed);
        var points = new float[n, 2];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % 2;
            double angle = Math.PI * random.NextDouble();
            double x = labels[i] == 0 ? Math.Cos(angle) : 1 - Math.Cos(angle);
            double y = labels[i] == 0 ? Math.Sin(angle) : 0.5 - Math.Sin(angle);
            points[i, 0] = (float)(x + 0.12 * (random.NextDouble() - 0.5) * 2);
            points[i, 1] = (float)(y + 0.12 * (random.NextDouble() - 0.5) * 2);
        }
        return (points, labels);
    }

    public static Figure MoonsBoundary()
    {
        var (points, labels) = TwoMoons(200, 7);
        var figure = new Figure("Two moons: decision boundary of a small MLP");
        // A stand-in "model": a smooth function whose 0.5 contour bends between the moons.
        float[] Model(float[,] batch) => Enumerable.Range(0, batch.GetLength(0))
            .Select(i => (float)(1 / (1 + Math.Exp(-4 * (0.5 * Math.Sin(2.5 * batch[i, 0]) - batch[i, 1] + 0.25 - 0.3 * (batch[i, 0] - 0.5))))))
            .ToArray();
        figure.Axes.DecisionBoundary(Model, (-1.5, 2.5), (-1, 1.5)).Scatter(points, labels, ["moon 0", "moon 1"]);
        (figure.Axes.XLabel, figure.Axes.YLabel) = ("x₁", "x₂");
        return figure;
    }

    public static Figure ThreeClassBoundary()
    {
        var random = new Random(3);
        var centres = new[] { (-1.0, -1.0), (1.0, -0.5), (0.0, 1.2) };
        var labels = Enumerable.Range(0, 90).Select(i => i % 3).ToArray();
        var x = labels.Select(c => centres[c].Item1 + 0.5 * (random.NextDouble() - 0.5) * 2).ToArray();
        var y = labels.Select(c => centres[c].Item2 + 0.5 * (random.NextDouble() - 0.5) * 2).ToArray();
        float[,] Softmax(float[,] batch)
        {
            var p = new float[batch.GetLength(0), 3];
            for (int i = 0; i < batch.GetLength(0); i++)
            {
                var logits = centres.Select(c => -2 * ((batch[i, 0] - c.Item1) * (batch[i, 0] - c.Item1) + (batch[i, 1] - c.Item2) * (batch[i, 1] - c.Item2))).ToArray();
                double max = logits.Max(), sum = logits.Sum(l => Math.Exp(l - max));
                for (int c = 0; c < 3; c++) p[i, c] = (float)(Math.Exp(logits[c] - max) / sum);
            }
            return p;
        }
        var figure = new Figure("Three classes: softmax regions");
        figure.Axes.DecisionBoundary(Softmax, (-2.5, 2.5), (-2.5, 2.5)).Scatter(x, y, labels, ["A", "B", "C"]);
        (figure.Axes.XLabel, figure.Axes.YLabel) = ("x₁", "x₂");
        return figure;
    }

    public static Figure Surfaces()
    {
        const int n = 40;
        var target = new double[n, n];
        var fitted = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double x = -2 + 4.0 * (j + 0.5) / n, y = -2 + 4.0 * (i + 0.5) / n;
                target[i, j] = Math.Sin(x) * Math.Cos(y);
                fitted[i, j] = Math.Tanh(x) * (1 - 0.3 * y * y);
            }
        var figure = new Figure("Fitted surface vs data", rows: 1, columns: 2);
        figure[0].Heatmap(target, (-2, 2), (-2, 2), "z");
        figure[1].Heatmap(fitted, (-2, 2), (-2, 2), "ẑ");
        (figure[0].Title, figure[0].XLabel, figure[0].YLabel) = ("data z = sin x · cos y", "x", "y");
        (figure[1].Title, figure[1].XLabel, figure[1].YLabel) = ("network (tanh)", "x", "y");
        return figure;
    }

    /// <summary>Ranges that break naive tick code: constant, tiny, huge, all negative.</summary>
    public static Figure EdgeCases()
    {
        var x = Enumerable.Range(0, 50).Select(i => (double)i).ToArray();
        var figure = new Figure("Edge cases", rows: 2, columns: 2);
        figure[0].Line(x, x.Select(_ => 3.0).ToArray(), "constant 3");
        figure[1].Line(x, x.Select(i => 1 + 1e-7 * Math.Sin(i / 5)).ToArray(), "1 + 1e-7·sin");
        figure[2].Line(x.Select(i => i * 1e5).ToArray(), x.Select(i => 2e6 + i * i * 1e4).ToArray(), "large");
        figure[3].Scatter(x.Select(i => -i * 0.001).ToArray(), x.Select(i => -3 - Math.Cos(i)).ToArray(), "negative");
        (figure[0].Title, figure[1].Title, figure[2].Title, figure[3].Title) = ("constant", "tiny range", "large values", "all negative");
        return figure;
    }

    public static Figure Digits()
    {
        var images = new List<float[]>();
        for (int d = 0; d < 12; d++)
        {
            var image = new float[28 * 28];
            for (int r = 0; r < 28; r++)
                for (int c = 0; c < 28; c++)
                {
                    double dr = r - 14, dc = c - 14, radius = Math.Sqrt(dr * dr + dc * dc);
                    image[r * 28 + c] = (float)Math.Clamp(1 - Math.Abs(radius - 5 - d % 4) / 2.0, 0, 1);
                }
            images.Add(image);
        }
        var figure = new Figure("Test digits: predicted (true)");
        figure.Axes.ImageGrid(images, 28, 28, images.Select((_, n) => $"{n % 10} ({(n + 1) % 10})").ToArray(), columns: 6);
        figure.Height = 330;   // two rows of images need less height than the default
        return figure;
    }
}
