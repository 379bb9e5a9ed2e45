using System.Globalization;
using Learn.Dnn.Autograd;
using Learn.Dnn.Charts;
using Learn.Dnn.Harness;

namespace Learn.Dnn.Chapters;

/// <summary>
/// Chapter 2, backpropagation and the chain rule. First on scalars: one neuron and its squared
/// error as a graph of <see cref="Value"/>s, every node's gradient found by one backward pass and
/// checked against central differences. Then on tensors: the XOR net of chapter 1, now with
/// smooth activations, trained from random weights by plain gradient descent.
/// </summary>
public static class Chapter02
{
    public static void Run(ChapterRun run)
    {
        run.Section("A neuron as a graph of scalars");
        ScalarNeuron(run);

        run.Section("The tensor version: gradients of the XOR net");
        var x = Tensor.FromArray(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });   // [4, 2]
        var y = Tensor.FromArray(new float[,] { { 0 }, { 1 }, { 1 }, { 0 } });               // [4, 1]
        var net = new XorNet(new Rng(run.Seed));
        CheckTensorGradients(run, net, x, y);

        run.Section("Training the XOR net by gradient descent");
        var losses = Train(run, net, x, y, epochs: run.Choose(quick: 1500, full: 5000), learningRate: 2f);
        run.Report("final loss", losses[^1]);
        var outputs = net.Forward(x).ToArray();   // [4]
        for (int i = 0; i < 4; i++)
            run.Report($"XOR net output {x[i, 0]} {x[i, 1]}", outputs[i]);
        run.Say("Every output is on the right side of 0.5: gradient descent found weights like the ones set by hand in chapter 1.");

        SaveLossCurve(run, losses);
        SaveDecisionBoundary(run, net, x, y);
    }

    #region scalar-neuron
    /// <summary>
    /// L = (tanh(w₁x₁ + w₂x₂ + b) − y)²: a neuron with two inputs and its squared error,
    /// built from Values so that every intermediate number is a node of the graph.
    /// </summary>
    private static Value NeuronLoss(Value x1, Value x2, Value w1, Value w2, Value b, Value y)
    {
        var x1w1 = x1 * w1; x1w1.Label = "x1·w1";
        var x2w2 = x2 * w2; x2w2.Label = "x2·w2";
        var sum = x1w1 + x2w2; sum.Label = "x1·w1 + x2·w2";
        var n = sum + b; n.Label = "n";
        var o = n.Tanh(); o.Label = "o = tanh n";
        var minusY = y * new Value(-1, "−1"); minusY.Label = "−y";
        var error = o + minusY; error.Label = "o − y";
        var loss = error.Pow(2); loss.Label = "L";
        return loss;
    }
    #endregion

    private static void ScalarNeuron(ChapterRun run)
    {
        double[] start = [1.5, -0.5, 0.8, -1.2, 0.1];   // x1, x2, w1, w2, b
        const double target = 0.5;
        var inputs = new Value[]
        {
            new(start[0], "x1"), new(start[1], "x2"), new(start[2], "w1"), new(start[3], "w2"), new(start[4], "b"),
        };
        var loss = NeuronLoss(inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], new Value(target, "y"));
        loss.Backward();
        run.Say("node             operation     value     dL/dnode");
        foreach (var node in loss.TopologicalOrder())
            run.Say(string.Create(CultureInfo.InvariantCulture,
                $"{node.Label,-16} {(node.Operation.Length > 0 ? node.Operation : "input"),-9} {node.Data,9:0.0000}  {node.Grad,11:0.0000}"));

        #region scalar-check
        // The same function of the five inputs as plain numbers, differentiated numerically.
        double Loss(double[] p) => NeuronLoss(p[0], p[1], p[2], p[3], p[4], target).Data;
        var numerical = GradientCheck.Numerical(Loss, start);
        double maxDifference = inputs.Select((v, i) => Math.Abs(v.Grad - numerical[i])).Max();
        #endregion
        run.Say("central differences: " + string.Join(", ", inputs.Select((v, i) =>
            string.Create(CultureInfo.InvariantCulture, $"dL/d{v.Label} {numerical[i]:0.0000}"))));
        run.Report("scalar gradient max abs difference", maxDifference);
        SaveGraph(run, "neuron-graph", "The neuron's graph: L = (tanh(x1·w1 + x2·w2 + b) − y)²", loss, width: 1100, height: 560);

        #region used-twice
        // u is used twice, by v and by L: its gradient is the sum of both shares, 1 + 3 = 4, and dL/dx = 8x = 16.
        var x = new Value(2, "x");
        var u = x * x; u.Label = "u = x·x";
        var v = u * new Value(3, "3"); v.Label = "v = 3u";
        var l = u + v; l.Label = "L = u + v";
        l.Backward();
        #endregion
        run.Say(string.Create(CultureInfo.InvariantCulture, $"u used twice: dL/du = {u.Grad} (1 from L, 3 through v), dL/dx = {x.Grad}"));
        SaveGraph(run, "used-twice-graph", "u used twice: its gradient is the sum of both shares", l, width: 800, height: 320);
    }

    /// <summary>
    /// Draws the graph of Values that <paramref name="output"/> was computed from, read from the
    /// Values themselves (Inputs, Operation, Data, Grad): one box per node with its label, operation,
    /// value and gradient, an arrow from each input to the node that uses it. Layout: a node's column is
    /// as far right as its consumers allow (the output in the last), its row the mean of its consumers' rows.
    /// </summary>
    private static void SaveGraph(ChapterRun run, string name, string title, Value output, int width, int height)
    {
        var order = output.TopologicalOrder();
        var consumers = order.ToDictionary(v => v, _ => new List<Value>());
        foreach (var node in order)
            foreach (var input in node.Inputs) consumers[input].Add(node);
        var depth = new Dictionary<Value, int>();   // longest path from an input
        foreach (var node in order) depth[node] = node.Inputs.Count == 0 ? 0 : node.Inputs.Max(i => depth[i]) + 1;
        var column = new Dictionary<Value, int>();
        for (int i = order.Count - 1; i >= 0; i--)
            column[order[i]] = order[i] == output ? depth[output] : consumers[order[i]].Min(c => column[c]) - 1;
        var row = new Dictionary<Value, double>();
        for (int c = depth[output]; c >= 0; c--)
        {
            var nodes = order.Where(v => column[v] == c)
                .Select(v => (Node: v, Key: v == output ? 0 : consumers[v].Average(u => row[u])))
                .OrderBy(p => p.Key).ToList();
            var placed = new double[nodes.Count];   // at the key, pushed apart to at least one row
            for (int k = 0; k < nodes.Count; k++) placed[k] = k == 0 ? nodes[k].Key : Math.Max(nodes[k].Key, placed[k - 1] + 1);
            double shift = nodes.Average(p => p.Key) - placed.Average();
            for (int k = 0; k < nodes.Count; k++) row[nodes[k].Node] = placed[k] + shift;
        }

        const double boxWidth = 0.84, boxHeight = 0.62;
        bool Crosses(ScottPlot.Coordinates a, ScottPlot.Coordinates b) =>
            Enumerable.Range(1, 49).Select(t => (X: a.X + (b.X - a.X) * t / 50, Y: a.Y + (b.Y - a.Y) * t / 50))
                .Any(p => order.Any(v => Math.Abs(p.X - column[v]) < boxWidth / 2 && Math.Abs(p.Y + row[v]) < boxHeight / 2));
        var plot = Chart.Create(title);
        foreach (var node in order)
            foreach (var (input, k) in node.Inputs.Select((v, k) => (v, k)))
            {
                int copies = node.Inputs.Count(i => i == input), copy = node.Inputs.Take(k).Count(i => i == input);
                double offset = copies > 1 ? (copy - (copies - 1) / 2.0) * 0.16 : 0;   // x·x: two arrows
                var from = new ScottPlot.Coordinates(column[input] + boxWidth / 2, -row[input] + offset);
                var to = new ScottPlot.Coordinates(column[node] - boxWidth / 2, -row[node] + offset);
                if (Crosses(from, to))   // an edge that skips a column and would cross a box goes above the skipped boxes
                {
                    double above = order.Where(v => column[v] > column[input] && column[v] < column[node]).Max(v => -row[v]) + boxHeight / 2 + 0.1;
                    var bend1 = new ScottPlot.Coordinates(column[input] + 0.5, above);
                    var bend2 = new ScottPlot.Coordinates(column[node] - 0.5, above);
                    foreach (var (a, b) in new[] { (from, bend1), (bend1, bend2) })
                    {
                        var segment = plot.Add.Line(a, b);
                        segment.LineColor = ScottPlot.Colors.Gray;
                        segment.LineWidth = 3f;
                        segment.MarkerSize = 0;
                    }
                    from = bend2;
                }
                var arrow = plot.Add.Arrow(from, to);
                arrow.ArrowFillColor = arrow.ArrowLineColor = ScottPlot.Colors.Gray;
                arrow.ArrowWidth = 1.5f;
                arrow.ArrowheadWidth = 10;
                arrow.ArrowheadLength = 12;
            }
        foreach (var node in order)
        {
            double x = column[node], y = -row[node];
            var box = plot.Add.Rectangle(x - boxWidth / 2, x + boxWidth / 2, y - boxHeight / 2, y + boxHeight / 2);
            box.FillColor = node.Inputs.Count == 0 ? ScottPlot.Color.FromHex("#EEF4FA") : ScottPlot.Colors.White;
            box.LineColor = Chart.ColorOf(0);
            box.LineWidth = 1.5f;
            string operation = node.Operation == "*" ? "×" : node.Operation;
            string header = operation.Length == 0 || node.Label.Contains(operation) ? node.Label : $"{node.Label}  ({operation})";
            AddText(plot, header, x, y + 0.17, ScottPlot.Colors.Black, bold: true);
            AddText(plot, string.Create(CultureInfo.InvariantCulture, $"data {node.Data:0.####}"), x, y, ScottPlot.Colors.Black);
            AddText(plot, string.Create(CultureInfo.InvariantCulture, $"grad {node.Grad:0.####}"), x, y - 0.17, Chart.ColorOf(3));
        }
        double top = order.Min(v => -row[v]), bottom = order.Max(v => -row[v]);
        plot.Axes.SetLimits(-0.55, depth[output] + 0.55, top - 0.5, bottom + 0.5);
        foreach (var axis in new ScottPlot.IAxis[] { plot.Axes.Left, plot.Axes.Bottom, plot.Axes.Right, plot.Axes.Top }) axis.IsVisible = false;
        plot.Grid.IsVisible = false;
        run.SaveFigure(name, plot, width, height);
    }

    private static void AddText(ScottPlot.Plot plot, string text, double x, double y, ScottPlot.Color color, bool bold = false)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelAlignment = ScottPlot.Alignment.MiddleCenter;
        label.LabelFontSize = 13;
        label.LabelFontColor = color;
        label.LabelBold = bold;
    }

    #region xor-net
    /// <summary>
    /// A 2-4-1 net: h = tanh(X·W₁ + b₁), ŷ = σ(h·W₂ + b₂), X: [n, 2], W₁: [2, 4], b₁: [4],
    /// h: [n, 4], W₂: [4, 1], b₂: [1], ŷ: [n, 1]. The weights start uniform in [−1, 1], the biases at 0.
    /// </summary>
    private sealed class XorNet
    {
        public XorNet(Rng rng)
        {
            W1 = Parameter(rng.Uniform(new Shape(2, 4), -1f, 1f));
            B1 = Parameter(Tensor.Zeros(4));
            W2 = Parameter(rng.Uniform(new Shape(4, 1), -1f, 1f));
            B2 = Parameter(Tensor.Zeros(1));
        }

        public Tensor W1 { get; }
        public Tensor B1 { get; }
        public Tensor W2 { get; }
        public Tensor B2 { get; }
        public Tensor[] Parameters => [W1, B1, W2, B2];

        public Tensor Forward(Tensor x) => Forward(x, W1, B1, W2, B2);

        /// <summary>The net as a function of its input and weights (the gradient check varies the weights).</summary>
        public static Tensor Forward(Tensor x, Tensor w1, Tensor b1, Tensor w2, Tensor b2)
        {
            var hidden = (x.MatMul(w1) + b1).Tanh();        // [n, 4]
            return (hidden.MatMul(w2) + b2).Sigmoid();      // [n, 1]
        }

        private static Tensor Parameter(Tensor initial)
        {
            initial.RequiresGrad = true;
            return initial;
        }
    }

    /// <summary>The mean squared error, (1/n)·Σ(ŷ − y)², written out with tensor operations.</summary>
    private static Tensor MeanSquaredError(Tensor predicted, Tensor target) => (predicted - target).Square().Mean();
    #endregion

    /// <summary>Backward's gradients of the loss with respect to every weight, against central differences.</summary>
    private static void CheckTensorGradients(ChapterRun run, XorNet net, Tensor x, Tensor y)
    {
        string[] names = ["W1", "b1", "W2", "b2"];
        var gradients = GradientCheck.Tensors(
            p => MeanSquaredError(XorNet.Forward(x, p[0], p[1], p[2], p[3]), y),
            net.Parameters.Select(p => p.Detach()).ToArray());
        double maxDifference = 0;
        for (int k = 0; k < gradients.Count; k++)
        {
            var (analytic, numerical) = gradients[k];
            double difference = analytic.Zip(numerical, (a, n) => Math.Abs(a - n)).Max();
            run.Say(string.Create(CultureInfo.InvariantCulture,
                $"{names[k],-3} backward [{string.Join(", ", analytic.Select(g => g.ToString("0.0000", CultureInfo.InvariantCulture)))}]  max |backward − numerical| {difference:0.0e+0}"));
            maxDifference = Math.Max(maxDifference, difference);
        }
        run.Report("tensor gradient max abs difference", maxDifference);
    }

    #region train
    /// <summary>
    /// Plain gradient descent, the whole dataset every step: forward, loss, backward, then
    /// w ← w − η·∂L/∂w for every weight. Returns the loss of every epoch.
    /// </summary>
    private static List<double> Train(ChapterRun run, XorNet net, Tensor x, Tensor y, int epochs, float learningRate)
    {
        var losses = new List<double>();
        var progress = run.Progress("epoch", epochs);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            var loss = MeanSquaredError(net.Forward(x), y);   // a scalar
            foreach (var p in net.Parameters) p.ZeroGrad();
            loss.Backward();                                   // ∂L/∂W₁, ∂L/∂b₁, ∂L/∂W₂, ∂L/∂b₂
            foreach (var p in net.Parameters) p.GradientDescentStep(learningRate);
            losses.Add(loss.Item());
            progress.Update(epoch, ("loss", losses[^1]));
        }
        return losses;
    }
    #endregion

    private static void SaveLossCurve(ChapterRun run, List<double> losses)
    {
        var plot = Chart.Create("XOR net: training loss", xLabel: "epoch", yLabel: "loss").LogScaleY();
        plot.LearningCurve(losses, "mean squared error");
        run.SaveFigure("xor-loss", plot);
    }

    private static void SaveDecisionBoundary(ChapterRun run, XorNet net, Tensor x, Tensor y)
    {
        var plot = Chart.Create("XOR net after training: P(output = 1)", xLabel: "x₁", yLabel: "x₂");
        using (Tensor.NoGrad())
            plot.DecisionBoundary(points => net.Forward(Tensor.FromArray(points)).ToArray(), (-0.5, 1.5), (-0.5, 1.5));
        plot.ClassScatter(x.ToArray2D(), y.ToArray().Select(t => (int)t).ToArray(), ["0", "1"], size: 12);
        run.SaveFigure("xor-decision-boundary", plot);
    }
}
