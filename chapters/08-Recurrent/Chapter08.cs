using System.Globalization;
using Learn.Dnn.Charts;
using Learn.Dnn.Data;
using Learn.Dnn.Harness;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;
using Learn.Dnn.Recurrent;

namespace Learn.Dnn.Chapters;

/// <summary>
/// Chapter 8, recurrent networks. First the gradient of one loss traced back through a long sequence,
/// for a SimpleRNN and an LSTM; then the three cells forecasting a noisy sine wave; last, MNIST read
/// as a sequence of 28 rows by an LSTM and a GRU.
/// </summary>
public static class Chapter08
{
    public static void Run(ChapterRun run)
    {
        run.Section("Vanishing gradients through time: ‖∂L/∂h_t‖ for a SimpleRNN and an LSTM");
        GradientsThroughTime(run);

        run.Section("Forecasting a noisy sine wave from a window: SimpleRNN, GRU and LSTM");
        SineForecast(run);

        run.Section("Exploding gradients: a SimpleRNN trained with SGD, with and without global_clipnorm");
        Clipping(run);

        run.Section("MNIST as sequences: 28 rows of 28 pixels");
        MnistRows(run);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void GradientsThroughTime(ChapterRun run)
    {
        int steps = run.Choose(quick: 60, full: 100), batch = 16, features = 4, units = 32;
        var x = new Rng(run.Seed).Normal(new Shape(batch, steps, features));   // one long random sequence per row
        var plot = Chart.Create($"How much of ∂L/∂h_T reaches step t ({steps} steps, {units} units, at initialisation)",
                                xLabel: "time step t", yLabel: "‖∂L/∂h_t‖");
        plot.LogScaleY();
        foreach (var (label, layer) in new (string, RecurrentLayer)[]
                 {
                     ("SimpleRNN", new SimpleRNN(units, seed: run.Seed)),
                     ("LSTM", new LSTM(units, seed: run.Seed)),                                  // b_f = 1: f ≈ σ(1) ≈ 0.73
                     ("LSTM open forget gate", OpenForgetGate(new LSTM(units, seed: run.Seed), x, 5f)),   // b_f = 5: f ≈ 0.99
                 })
        {
            #region gradient-through-time
            var result = layer.CallWithState(x);          // the output is h_T: [batch, units]
            var loss = result.Output.Sum();               // a loss that depends on the last step only
            loss.Backward();                              // backpropagation through time, over the unrolled graph
            double[] norms = result.GradientNormsThroughTime();   // ‖∂L/∂h_t‖, t = 1 … T
            #endregion
            double ratio = norms[0] / norms[^1];
            run.Say(Invariant($"{label,-9}  ‖∂L/∂h_T‖ = {norms[^1]:0.000}  ‖∂L/∂h_{{T−10}}‖ = {norms[^11]:0.0e+0}  ‖∂L/∂h_1‖ = {norms[0]:0.0e+0}  (ratio h_1/h_T {ratio:0.0e+0})"));
            run.Report($"{label} gradient at step 1 over step T", ratio);
            run.Report($"{label} gradient at step T-10 over step T", norms[^11] / norms[^1]);
            var t = Enumerable.Range(1, steps).Select(i => (double)i).ToArray();
            plot.Line(t, norms.Select(n => Math.Max(n, 1e-30)).ToArray(), label);
        }
        run.SaveFigure("gradients-through-time", plot, width: 760, height: 460);
    }

    #region open-forget-gate
    /// <summary>
    /// Sets the forget gate's slice of an LSTM's bias, b = [b_i, b_f, b_c, b_o], to <paramref name="forgetBias"/>:
    /// with b_f = 5 the gate starts at f ≈ σ(5) ≈ 0.99, the state a trained LSTM reaches where it must remember.
    /// </summary>
    private static LSTM OpenForgetGate(LSTM lstm, Tensor x, float forgetBias)
    {
        using (Tensor.NoGrad()) lstm.Call(x);                 // the first call builds the weights
        var weights = lstm.GetWeights();                      // kernel, recurrent kernel, bias
        var bias = weights[2].ToArray();
        Array.Fill(bias, forgetBias, lstm.Units, lstm.Units); // columns u … 2u − 1 are the forget gate's
        weights[2] = Tensor.FromArray(bias, weights[2].Shape);
        lstm.SetWeights(weights);
        return lstm;
    }
    #endregion

    #region sine-data
    /// <summary>
    /// A noisy sum of two sines, cut into windows: x = [n, window, 1] (the values s_t … s_{t+w−1}),
    /// y = [n, 1] (the next value s_{t+w}).
    /// </summary>
    private static (Tensor X, Tensor Y, float[] Series) SineWindows(int count, int window, int start, ulong seed)
    {
        var noise = new Rng(seed);
        var series = Enumerable.Range(start, count + window)
            .Select(t => (float)(Math.Sin(0.2 * t) + 0.5 * Math.Sin(0.031 * t)) + 0.05f * (noise.NextFloat() - 0.5f) * 2f)
            .ToArray();
        var x = new float[count * window];
        var y = new float[count];
        for (int i = 0; i < count; i++)
        {
            Array.Copy(series, i, x, i * window, window);
            y[i] = series[i + window];
        }
        return (Tensor.FromArray(x, count, window, 1), Tensor.FromArray(y, count, 1), series);
    }
    #endregion

    private static void SineForecast(ChapterRun run)
    {
        int window = 20, units = 16;
        int trainCount = run.Choose(quick: 256, full: 2000), testCount = 200, epochs = run.Choose(quick: 12, full: 40);
        var (xTrain, yTrain, _) = SineWindows(trainCount, window, start: 0, run.Seed);
        var (xTest, yTest, testSeries) = SineWindows(testCount, window, start: trainCount + window, run.Seed + 1);

        var target = yTest.ToArray();
        double lastValue = Enumerable.Range(0, testCount).Average(i => Math.Pow(testSeries[i + window - 1] - target[i], 2));
        double mean = target.Average();
        double variance = target.Average(v => (v - mean) * (v - mean));
        run.Say(Invariant($"{trainCount} training windows of {window}, {testCount} test windows; predicting the mean scores MSE {variance:0.0000}, repeating the last value {lastValue:0.0000}"));
        run.Report("sine test variance", variance);
        run.Report("sine last value mse", lastValue);

        var forecast = Chart.Create($"Next-value forecasts on the test series ({epochs} epochs, Adam with global_clipnorm = 1)", xLabel: "t", yLabel: "s_t");
        int shown = 100;
        var ts = Enumerable.Range(0, shown).Select(i => (double)i).ToArray();
        forecast.Line(ts, target.Take(shown).Select(v => (double)v).ToArray(), "true");
        foreach (var (label, create) in new (string, Func<Layer>)[]
                 {
                     ("SimpleRNN", () => new SimpleRNN(units, seed: run.Seed)),
                     ("GRU", () => new GRU(units, seed: run.Seed)),
                     ("LSTM", () => new LSTM(units, seed: run.Seed)),
                 })
        {
            #region sine-model
            var model = new Sequential([new Input(window, 1), create(), new Dense(1, seed: run.Seed + 1)]);
            model.Compile(new Adam(learningRate: 0.01f) { GlobalClipNorm = 1f }, "mse");   // clip the whole gradient's norm to 1
            var history = model.Fit(xTrain, yTrain, batchSize: 32, epochs: epochs, verbose: 0, seed: run.Seed);
            double mse = model.Evaluate(xTest, yTest, verbose: 0)["loss"];
            #endregion
            run.Say(Invariant($"{label,-9}  {model.CountParams(),5} parameters  train loss {history["loss"][^1]:0.0000}  test MSE {mse:0.0000}"));
            run.Report($"sine {label} test mse", mse);
            var predicted = model.Predict(xTest.Rows(0, shown), verbose: 0).ToArray();
            forecast.Line(ts, predicted.Select(v => (double)v).ToArray(), label, dashed: true);
        }
        forecast.Legend.Alignment = ScottPlot.Alignment.LowerRight;   // below the curves, which stay above −1.5 there
        run.SaveFigure("sine-forecast", forecast, width: 900, height: 460);
    }

    private static void Clipping(ChapterRun run)
    {
        int window = 20, epochs = run.Choose(quick: 10, full: 30);
        var (xTrain, yTrain, _) = SineWindows(run.Choose(quick: 256, full: 2000), window, start: 0, run.Seed);
        var plot = Chart.Create($"SimpleRNN(32), U orthogonal × 2, SGD η = 0.3: the loss by epoch", xLabel: "epoch", yLabel: "training loss (MSE)");
        plot.LogScaleY();
        foreach (var (label, clip) in new[] { ("no clipping", (float?)null), ("global_clipnorm = 1", 1f) })
        {
            #region clipping
            var model = new Sequential(
            [
                new Input(window, 1),
                new SimpleRNN(32, recurrentInitializer: new Layers.Initializers.Orthogonal(gain: 2f), seed: run.Seed),   // ‖U‖ = 2: a product of Jacobians that can grow
                new Dense(1, seed: run.Seed + 1),
            ]);
            model.Compile(new SGD(learningRate: 0.3f) { GlobalClipNorm = clip }, "mse");
            #endregion
            var losses = model.Fit(xTrain, yTrain, batchSize: 32, epochs: epochs, verbose: 0, seed: run.Seed)["loss"];   // Fit stops at a non-finite loss
            run.Say(Invariant($"{label,-20} loss after epoch 1 {losses[0]:G4}, after epoch {losses.Count} {losses[^1]:G4}"));
            run.Report($"clipping {label} final loss", Math.Min(losses[^1], 1e30));   // 1e30 stands for an overflow (∞)
            var finite = losses.Where(double.IsFinite).ToList();
            if (finite.Count > 0) plot.LearningCurve(finite, label);
        }
        run.SaveFigure("clipping", plot, width: 760, height: 460);
    }

    #region mnist-model
    /// <summary>Keras' row-reader: [batch, 28, 28] → a recurrent layer's last h → Dense 10 softmax.</summary>
    private static Sequential RowReader(Func<Layer> recurrent, ulong seed) => new(
    [
        new Input(28, 28),          // 28 time steps (the rows), 28 features (the pixels of a row)
        recurrent(),
        new Dense(10, "softmax", seed: seed),
    ]);
    #endregion

    private static void MnistRows(ChapterRun run)
    {
        var lstm128 = RowReader(() => new LSTM(128), run.Seed);
        var gru128 = RowReader(() => new GRU(128), run.Seed);
        int lstmParams = lstm128.Layers[0].CountParams(), gruParams = gru128.Layers[0].CountParams();   // built by the Input
        run.Say(Invariant($"LSTM(128) on 28 features: 4·128·(28 + 128 + 1) = {lstmParams:N0} parameters; GRU(128): 3·128·(28 + 128 + 2) = {gruParams:N0}"));
        run.Report("LSTM(128) parameters", lstmParams);
        run.Report("GRU(128) parameters", gruParams);

        var (train, test) = Mnist.Load(subset: run.Quick);
        if (run.Quick) (train, test) = (train.Take(500), test.Take(200));
        var (xTrain, yTrain) = train.ToTensors();            // x: [n, 28, 28] in [0, 1], y: [n]
        var (xTest, yTest) = test.ToTensors();
        int units = run.Choose(quick: 32, full: 128), epochs = run.Choose(quick: 8, full: 5);
        run.Say($"{xTrain.Shape[0]:N0} training and {xTest.Shape[0]:N0} test digits, {epochs} epochs of batch 32");

        var figure = new Figure($"MNIST rows: LSTM({units}) and GRU({units}) → Dense 10", rows: 1, columns: 2) { Width = 1100, Height = 460 };
        foreach (var (label, create) in new (string, Func<Layer>)[]
                 {
                     ($"LSTM({units})", () => new LSTM(units, seed: run.Seed)),
                     ($"GRU({units})", () => new GRU(units, seed: run.Seed)),
                 })
        {
            #region mnist-fit
            var model = RowReader(create, run.Seed + 1);
            model.Compile(new Adam(learningRate: run.Choose(quick: 0.01f, full: 0.001f)) { GlobalClipNorm = 1f }, "sparse_categorical_crossentropy", ["accuracy"]);
            var history = model.Fit(xTrain, yTrain, batchSize: 32, epochs: epochs, verbose: 0, seed: run.Seed);
            double accuracy = model.Evaluate(xTest, yTest, verbose: 0)["accuracy"];
            #endregion
            string name = label.Split('(')[0];
            run.Say(Invariant($"{label,-9}  train loss {history["loss"][^1]:0.0000}  test accuracy {accuracy:0.0000}"));
            run.Report($"mnist {name} test accuracy", accuracy);
            figure[0].LearningCurve(history["loss"], label);
            figure[1].LearningCurve(history["accuracy"], label);
        }
        figure[0].YLabel("training loss");
        figure[1].YLabel("training accuracy");
        figure[1].Legend.Alignment = ScottPlot.Alignment.LowerRight;
        foreach (var plot in figure.Panels) { plot.XLabel("epoch"); plot.WholeEpochTicks(); }
        run.SaveFigure("mnist-rows", figure);
    }
}
