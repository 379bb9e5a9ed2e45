using System.Globalization;
using Learn.Dnn.Perceptrons;
using Learn.Dnn.Charts;
using Learn.Dnn.Harness;

namespace Learn.Dnn.Chapters;

/// <summary>
/// Chapter 1, the perceptron and XOR. A single threshold logic unit trained by the perceptron rule
/// learns AND and OR, because a straight line separates their 1s from their 0s; it never learns
/// XOR, because no line does. Two layers of threshold units, with weights set by hand, compute XOR.
/// </summary>
public static class Chapter01
{
    /// <summary>The four inputs of a two-input truth table, X: [4, 2].</summary>
    private static readonly float[,] TruthTableInputs = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };

    public static void Run(ChapterRun run)
    {
        var x = Tensor.FromArray(TruthTableInputs);   // [4, 2]
        var and = Tensor.Vector(0, 0, 0, 1);            // [4]
        var or = Tensor.Vector(0, 1, 1, 1);
        var xor = Tensor.Vector(0, 1, 1, 0);
        int maxEpochs = run.Choose(quick: 20, full: 50);

        run.Section("AND and OR: the perceptron rule converges");
        var andRun = Train(run, "AND", x, and, maxEpochs, stopWhenConverged: true);
        var orRun = Train(run, "OR", x, or, maxEpochs, stopWhenConverged: true);

        run.Section($"XOR: the perceptron rule never converges ({maxEpochs} epochs)");
        var xorRun = Train(run, "XOR", x, xor, maxEpochs, stopWhenConverged: false);
        run.Report("XOR minimum errors", xorRun.Errors.Min());
        run.Say("No straight line puts (0, 1) and (1, 0) on one side and (0, 0) and (1, 1) on the other,");
        run.Say("so every epoch misclassifies at least one of the four points (the best line gets 3 of 4 right),");
        run.Say("and each mistake moves the line again.");

        run.Section("Two layers of threshold units compute XOR");
        var xorNet = HandSetXorNet(x).ToArray();   // [4]
        for (int i = 0; i < 4; i++)
            run.Report($"XOR net output {TruthTableInputs[i, 0]} {TruthTableInputs[i, 1]}", xorNet[i]);
        run.Say("Hidden unit 1 computes OR, hidden unit 2 computes AND; the output fires for OR and not AND.");

        SaveDecisionLines(run, x, [and, or, xor], [andRun, orRun, xorRun]);
        SaveErrorCurves(run, [andRun, orRun, xorRun]);
    }

    /// <summary>What one perceptron run produced: the name of the function, the unit, and its errors per epoch.</summary>
    private sealed record PerceptronRun(string Name, Perceptron Unit, List<int> Errors);

    #region train
    /// <summary>
    /// Trains a fresh perceptron (small random w and b) on the truth table, one epoch at a time, and records
    /// how many of the four samples each epoch got wrong.
    /// </summary>
    private static PerceptronRun Train(ChapterRun run, string name, Tensor x, Tensor y, int maxEpochs, bool stopWhenConverged)
    {
        var unit = new Perceptron(inputs: 2, new Rng(run.Seed));
        var errors = new List<int>();
        for (int epoch = 1; epoch <= maxEpochs; epoch++)
        {
            errors.Add(unit.TrainEpoch(x, y, learningRate: 1f));
            if (stopWhenConverged && errors[^1] == 0) break;
        }
        var w = unit.Weights.ToArray();
        run.Say(string.Create(CultureInfo.InvariantCulture,
            $"{name}: w = ({w[0]:0.###}, {w[1]:0.###}), b = {unit.Bias:0.###}, errors per epoch: {string.Join(" ", errors)}"));
        if (stopWhenConverged)
        {
            run.Report($"{name} epochs to converge", errors.Count);
            run.Report($"{name} final errors", CountErrors(unit, x, y));
        }
        return new PerceptronRun(name, unit, errors);
    }
    #endregion

    /// <summary>How many samples the unit classifies wrongly now.</summary>
    private static int CountErrors(Perceptron unit, Tensor x, Tensor y)
    {
        var predicted = unit.Predict(x).ToArray();
        var truth = y.ToArray();
        return predicted.Where((p, i) => p != truth[i]).Count();
    }

    #region xor-net
    /// <summary>
    /// XOR as OR and not AND, with two layers of threshold units:
    /// h = step(X·W₁ + b₁), ŷ = step(h·W₂ + b₂), X: [4, 2], h: [4, 2], ŷ: [4].
    /// Hidden unit 1 fires when x₁ + x₂ ≥ 0.5 (OR), hidden unit 2 when x₁ + x₂ ≥ 1.5 (AND);
    /// the output fires when h₁ − h₂ ≥ 0.5: OR is on and AND is off.
    /// </summary>
    private static Tensor HandSetXorNet(Tensor x)
    {
        var w1 = Tensor.FromArray(new float[,] { { 1, 1 }, { 1, 1 } });   // [2 inputs, 2 hidden units]
        var b1 = Tensor.Vector(-0.5f, -1.5f);                               // [2]
        var w2 = Tensor.FromArray(new float[,] { { 1 }, { -1 } });         // [2 hidden units, 1 output]
        var b2 = Tensor.Vector(-0.5f);                                      // [1]
        var hidden = (x.MatMul(w1) + b1).Step();                            // [4, 2]
        return (hidden.MatMul(w2) + b2).Step().Reshape(x.Shape[0]);         // [4]
    }
    #endregion

    /// <summary>The four points coloured by their target, with each perceptron's final line w·x + b = 0.</summary>
    private static void SaveDecisionLines(ChapterRun run, Tensor x, Tensor[] targets, PerceptronRun[] runs)
    {
        var figure = new Figure("Perceptron decision lines w·x + b = 0", rows: 2, columns: 2) { Width = 900, Height = 840 };
        for (int k = 0; k < runs.Length; k++)
        {
            var plot = figure[k];
            var w = runs[k].Unit.Weights.ToArray();
            plot.Title(runs[k].Errors[^1] == 0 ? $"{runs[k].Name}: learned" : $"{runs[k].Name}: never right");
            if (w[0] != 0 || w[1] != 0) plot.StraightLine(w[0], w[1], runs[k].Unit.Bias, XRange, "perceptron line");
            DrawTruthTable(plot, targets[k]);
        }
        var net = figure[3];
        net.Title("XOR: two layers, hand-set");
        net.DecisionBoundary(points => HandSetXorNet(Tensor.FromArray(points)).ToArray(), XRange, YRange);
        net.StraightLine(1, 1, -0.5, XRange, "hidden 1: OR", Chart.ColorOf(2));
        net.StraightLine(1, 1, -1.5, XRange, "hidden 2: AND", Chart.ColorOf(3));
        DrawTruthTable(net, targets[2]);
        run.SaveFigure("decision-lines", figure);
    }

    private static readonly (double Min, double Max) XRange = (-0.5, 1.5), YRange = (-0.5, 2.1);   // room for the legend above the points

    private static void DrawTruthTable(ScottPlot.Plot plot, Tensor target)
    {
        var classes = target.ToArray().Select(t => (int)t).ToArray();
        plot.ClassScatter(TruthTableInputs, classes, ["0", "1"], size: 12);
        plot.Axes.SetLimits(XRange.Min, XRange.Max, YRange.Min, YRange.Max);
        plot.Legend.Alignment = ScottPlot.Alignment.UpperRight;
        plot.XLabel("x₁");
        plot.YLabel("x₂");
    }

    /// <summary>Errors per epoch: AND and OR drop to 0 and stop; XOR never does.</summary>
    private static void SaveErrorCurves(ChapterRun run, PerceptronRun[] runs)
    {
        var plot = Chart.Create("Perceptron rule: misclassified samples per epoch", xLabel: "epoch", yLabel: "errors (of 4)");
        foreach (var r in runs)
            plot.LearningCurve([.. r.Errors.Select(e => (double)e)], r.Name);
        plot.Axes.SetLimitsY(0, 4.2);
        run.SaveFigure("errors-per-epoch", plot);
    }
}
