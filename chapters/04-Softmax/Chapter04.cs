using System.Globalization;
using Learn.Dnn.Data;
using Learn.Dnn.Layers;
using Learn.Dnn.Losses;
using Learn.Dnn.Metrics;
using Learn.Dnn.Charts;
using Learn.Dnn.Harness;

namespace Learn.Dnn.Chapters;

/// <summary>
/// Chapter 4, softmax and cross-entropy. Three classes: Iris, with three output scores (logits)
/// turned into probabilities by softmax and trained with categorical cross-entropy. Two classes:
/// the two moons, with one sigmoid output and binary cross-entropy. Both trained by gradient
/// descent written out by hand, both judged on a test set they never saw.
/// </summary>
public static class Chapter04
{
    public static void Run(ChapterRun run)
    {
        run.Section("Iris: three classes, softmax and categorical cross-entropy");
        var iris = Iris(run);

        run.Section("Two moons: two classes, a sigmoid output and binary cross-entropy");
        var moons = TwoMoons(run);

        SaveLossCurves(run, iris, moons);
    }

    #region net
    /// <summary>The layers applied in order: ŷ = layerₖ(… layer₁(x)).</summary>
    private static Tensor Forward(Dense[] layers, Tensor x)
    {
        foreach (var layer in layers) x = layer.Call(x);
        return x;
    }
    #endregion

    #region train
    /// <summary>
    /// Mini-batch gradient descent: each epoch shuffles the samples and, for every batch, computes
    /// the loss, backpropagates and moves every weight by −η·∂L/∂w. Returns the mean loss per epoch.
    /// </summary>
    private static List<double> Train(ChapterRun run, string label, Dense[] layers, Loss loss, Tensor x, Tensor y,
                                      int epochs, float learningRate, int batchSize)
    {
        Forward(layers, x.Rows(0, 1));   // a layer creates its weights on its first call, as in Keras
        var weights = layers.SelectMany(l => l.TrainableWeights).ToList();
        var rng = new Rng(run.Seed + 100);
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

    private static List<double> Iris(ChapterRun run)
    {
        #region iris
        var (x, y, classes) = Datasets.Iris();                               // X: [150, 4], y: [150] labels 0, 1, 2
        var (xTrain, yTrain, xTest, yTest) = Split.TrainTest(x, y, testFraction: 0.2, run.Seed, stratify: true);
        var scaler = new StandardScaler().Fit(xTrain);                       // μ and σ of the training set only
        xTrain = scaler.Transform(xTrain);
        xTest = scaler.Transform(xTest);
        var yTrainOneHot = Categorical.ToCategorical(yTrain, classes: 3);    // [120, 3]

        // 4 → 16 (relu) → 3 scores, the logits; softmax turns them into probabilities inside the loss.
        Dense[] layers = [new Dense(16, "relu", seed: run.Seed), new Dense(3, seed: run.Seed + 1)];
        var loss = new CategoricalCrossentropy(fromLogits: true);
        var losses = Train(run, "iris", layers, loss, xTrain, yTrainOneHot,
                           epochs: 200, learningRate: 0.01f, batchSize: 16);   // small enough for quick mode too
        #endregion
        run.Say($"{xTrain.Shape[0]} training and {xTest.Shape[0]} test flowers (stratified), features standardised on the training set");

        using var _ = Tensor.NoGrad();
        var logits = Forward(layers, xTest);                                  // [30, 3]
        run.Report("iris test accuracy", Accuracy.Compute(yTest, logits));
        run.Report("iris train accuracy", Accuracy.Compute(yTrain, Forward(layers, xTrain)));
        run.Say("(30 test flowers: one mistake costs 3.3 points, and which flowers land in the test set depends on the seed)");
        var confusion = ConfusionMatrix.From(yTest, logits, classes: 3);
        run.Say("confusion matrix (rows: true class, columns: predicted class; 0 setosa, 1 versicolor, 2 virginica):");
        run.Say(confusion.ToString());

        #region samples
        var samples = Tensor.FromArray(new float[,] { { 6.4f, 3.2f, 4.5f, 1.5f }, { 5.8f, 3.1f, 5.0f, 1.7f } });
        var probabilities = Forward(layers, scaler.Transform(samples)).Softmax();   // [2, 3], rows sum to 1
        var predicted = Categorical.ArgMax(probabilities);
        #endregion
        for (int i = 0; i < 2; i++)
        {
            var p = probabilities.Rows(i, 1).ToArray();
            run.Say(string.Create(CultureInfo.InvariantCulture,
                $"sample [{string.Join(", ", samples.Rows(i, 1).ToArray())}]: P = ({p[0]:0.000}, {p[1]:0.000}, {p[2]:0.000}) → {classes[predicted[i]]}"));
            run.Report($"iris sample {i + 1} class", predicted[i]);
        }

        var plot = Chart.Create("Iris test set: confusion matrix");
        plot.ConfusionMatrix(confusion.ToArray(), classes);
        run.SaveFigure("iris-confusion-matrix", plot, width: 600, height: 500);
        return losses;
    }

    private static List<double> TwoMoons(ChapterRun run)
    {
        #region moons
        var (x, y) = Datasets.TwoMoons(n: run.Choose(quick: 400, full: 1000), noise: 0.15f, seed: run.Seed);   // X: [n, 2], y: [n, 1]
        var (xTrain, yTrain, xTest, yTest) = Split.TrainTest(x, y, testFraction: 0.25, run.Seed, stratify: true);
        var scaler = new StandardScaler().Fit(xTrain);

        // 2 → 16 (tanh) → 16 (tanh) → 1 (sigmoid): the output is P(class 1 | x).
        Dense[] layers =
        [
            new Dense(16, "tanh", seed: run.Seed), new Dense(16, "tanh", seed: run.Seed + 1),
            new Dense(1, "sigmoid", seed: run.Seed + 2),
        ];
        var losses = Train(run, "moons", layers, new BinaryCrossentropy(), scaler.Transform(xTrain), yTrain,
                           epochs: run.Choose(quick: 60, full: 200), learningRate: 0.3f, batchSize: 16);
        #endregion
        run.Say($"{xTrain.Shape[0]} training and {xTest.Shape[0]} test points");

        using var _ = Tensor.NoGrad();
        var probabilities = Forward(layers, scaler.Transform(xTest));   // [n, 1]
        run.Report("moons test accuracy", Accuracy.Compute(yTest, probabilities));

        var plot = Chart.Create("Two moons: decision boundary of the sigmoid output", xLabel: "x₁", yLabel: "x₂");
        plot.DecisionBoundary(points => Forward(layers, scaler.Transform(Tensor.FromArray(points))).ToArray(), (-1.6, 2.6), (-1.1, 1.6));
        plot.ClassScatter(xTest.ToArray2D(), yTest.ToArray().Select(t => (int)t).ToArray(), ["test: class 0", "test: class 1"], size: 7);
        run.SaveFigure("moons-decision-boundary", plot, width: 720, height: 480);
        return losses;
    }

    private static void SaveLossCurves(ChapterRun run, List<double> iris, List<double> moons)
    {
        var figure = new Figure("Training loss (cross-entropy)", rows: 1, columns: 2) { Width = 1000, Height = 460 };
        figure[0].Title("Iris: categorical cross-entropy");
        figure[1].Title("Two moons: binary cross-entropy");
        foreach (var plot in figure.Panels)
        {
            plot.XLabel("epoch");
            plot.YLabel("loss");
            plot.LogScaleY();
        }
        figure[0].LearningCurve(iris, "train");
        figure[1].LearningCurve(moons, "train");
        run.SaveFigure("loss-curves", figure);
    }
}
