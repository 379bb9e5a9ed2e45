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
        Iris(run);

        run.Section("Two moons: two classes, a sigmoid output and binary cross-entropy");
        TwoMoons(run);
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
    /// <summary>The curves of one training run: a value per epoch.</summary>
    private sealed record History(List<double> TrainLoss, List<double> TrainAccuracy, List<double> TestLoss, List<double> TestAccuracy);

    /// <summary>
    /// Mini-batch gradient descent: each epoch shuffles the samples and, for every batch, computes
    /// the loss, backpropagates and moves every weight by −η·∂L/∂w. After each epoch the training
    /// and test sets are evaluated without recording a graph (Tensor.NoGrad), which changes no weight.
    /// Returns the mean batch loss per epoch (what Keras prints as loss) and the end-of-epoch
    /// training accuracy, test loss and test accuracy.
    /// </summary>
    private static History Train(ChapterRun run, string label, Dense[] layers, Loss loss, Tensor x, Tensor y,
                                 Tensor xTest, Tensor yTest, Tensor yLabels, Tensor yTestLabels,
                                 int epochs, float learningRate, int batchSize)
    {
        Forward(layers, x.Rows(0, 1));   // a layer creates its weights on its first call, as in Keras
        var weights = layers.SelectMany(l => l.TrainableWeights).ToList();
        var rng = new Rng(run.Seed + 100);
        var history = new History([], [], [], []);
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
            history.TrainLoss.Add(sum / n);
            using (Tensor.NoGrad())
            {
                history.TrainAccuracy.Add(Accuracy.Compute(yLabels, Forward(layers, x)));
                var testOutput = Forward(layers, xTest);
                history.TestLoss.Add(loss.Call(yTest, testOutput).Item());
                history.TestAccuracy.Add(Accuracy.Compute(yTestLabels, testOutput));
            }
            progress.Update(epoch, ("loss", history.TrainLoss[^1]), ("test loss", history.TestLoss[^1]));
        }
        return history;
    }
    #endregion

    private static void Iris(ChapterRun run)
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
        var history = Train(run, "iris", layers, loss, xTrain, yTrainOneHot,
                            xTest, Categorical.ToCategorical(yTest, classes: 3), yTrain, yTest,
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
        SaveCurves(run, "iris-curves", "Iris: training and test curves", "categorical cross-entropy (log scale)", history);
    }

    private static void TwoMoons(ChapterRun run)
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
        var history = Train(run, "moons", layers, new BinaryCrossentropy(), scaler.Transform(xTrain), yTrain,
                            scaler.Transform(xTest), yTest, yTrain, yTest,
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
        SaveCurves(run, "moons-curves", "Two moons: training and test curves", "binary cross-entropy (log scale)", history);
    }

    /// <summary>
    /// Training and test curves side by side: the loss (log scale) on the left, the accuracy on the
    /// right, and one printed line with the numbers the text quotes.
    /// </summary>
    private static void SaveCurves(ChapterRun run, string name, string title, string lossName, History history)
    {
        int best = history.TestLoss.IndexOf(history.TestLoss.Min());
        run.Say(string.Create(CultureInfo.InvariantCulture,
            $"per epoch: train loss {history.TrainLoss[0]:0.000} → {history.TrainLoss[^1]:0.000}; test loss {history.TestLoss[0]:0.000} → " +
            $"lowest {history.TestLoss[best]:0.000} at epoch {best + 1} → {history.TestLoss[^1]:0.000} at epoch {history.TestLoss.Count}; " +
            $"final accuracy train {history.TrainAccuracy[^1]:0.000}, test {history.TestAccuracy[^1]:0.000} " +
            $"(test best {history.TestAccuracy.Max():0.000}, first at epoch {history.TestAccuracy.IndexOf(history.TestAccuracy.Max()) + 1})"));

        var figure = new Figure(title, rows: 1, columns: 2) { Width = 1000, Height = 460 };
        figure[0].Title(lossName);
        figure[0].XLabel("epoch");
        figure[0].YLabel("loss");
        figure[0].LogScaleY();
        figure[0].LearningCurve(history.TrainLoss, "train");
        figure[0].LearningCurve(history.TestLoss, "test");
        figure[1].Title("accuracy");
        figure[1].XLabel("epoch");
        figure[1].YLabel("accuracy");
        figure[1].LearningCurve(history.TrainAccuracy, "train");
        figure[1].LearningCurve(history.TestAccuracy, "test");
        figure[1].Axes.SetLimitsY(Math.Min(history.TrainAccuracy.Min(), history.TestAccuracy.Min()) - 0.02, 1.01);
        figure[1].ShowLegend(ScottPlot.Alignment.LowerRight);
        run.SaveFigure(name, figure);
    }
}
