using Learn.Dnn.Callbacks;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;

namespace Learn.Dnn.Tests.Callbacks;

/// <summary>Keras 3's progress bar, character for character, on a fake clock.</summary>
public sealed class ProgbarTests
{
    /// <summary>A clock that reads the times it is given, one per call.</summary>
    private static Func<double> Clock(params double[] times)
    {
        int next = 0;
        return () => times[Math.Min(next++, times.Length - 1)];
    }

    private const string Bar = "━━━━━━━━━━━━━━━━━━━━";

    [Fact]
    public void Redirected_output_gets_only_the_final_line()
    {
        var output = new StringWriter();
        // start 0; steps 1..1875 at 0.002 + 0.001·(i − 1); the first step's time is left out of ms/step
        var times = new List<double> { 0 };
        for (int i = 1; i <= 1875; i++) times.Add(0.002 + 0.001 * (i - 1));
        var bar = new Progbar(1875, output: output, clock: Clock([.. times]), dynamicDisplay: false);
        for (int i = 1; i <= 1875; i++)
            bar.Update(i, [new("accuracy", 0.97123), new("loss", 0.0950)]);
        Assert.Equal($"1875/1875 {Bar} 2s 1ms/step - accuracy: 0.9712 - loss: 0.0950\n", output.ToString());
    }

    [Fact]
    public void A_terminal_gets_a_redrawn_line_with_colours_an_eta_and_throttling()
    {
        var output = new StringWriter();
        var bar = new Progbar(10, output: output, clock: Clock(0, 0.1, 1.0, 1.02, 2.0), dynamicDisplay: true);
        bar.Update(1, [new("loss", 0.5)]);
        output.GetStringBuilder().Clear();
        bar.Update(5, [new("loss", 0.5)]);    // per step (1.0 − 0.1)/4 = 225 ms; ETA 5·0.225 = 1.125 → "1s"
        Assert.Equal("\r\x1b[1m 5/10\x1b[0m \x1b[32m━━━━━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━\x1b[0m \x1b[1m1s\x1b[0m 225ms/step - loss: 0.5000", output.ToString());
        output.GetStringBuilder().Clear();
        bar.Update(6, [new("loss", 0.5)]);    // 0.02 s after the last redraw: skipped (interval 0.05 s)
        Assert.Equal("", output.ToString());
        bar.Update(10, [new("loss", 0.00012346)]);   // the end: elapsed 2s, (2.0 − 0.1)/9 = 211 ms, .4e below 1e-3; Keras writes the empty dim part too
        Assert.Equal($"\r\x1b[1m10/10\x1b[0m \x1b[32m{Bar}\x1b[0m\x1b[37m\x1b[0m \x1b[1m2s\x1b[0m 211ms/step - loss: 1.2346e-04\n", output.ToString());
    }

    [Theory]
    [InlineData(3725.0, "1:02:05")]
    [InlineData(65.5, "1:05")]
    [InlineData(59.5, "59s")]
    public void The_eta_reads_seconds_minutes_or_hours(double eta, string expected)
    {
        // step 1 at t = 1, step 2 at t = 1.5: 0.5 s per step, so eta = 0.5·(target − 2)
        int target = 2 + (int)(eta / 0.5);
        var output = new StringWriter();
        var bar = new Progbar(target, output: output, clock: Clock(0, 1, 1.5), dynamicDisplay: true);
        bar.Update(1);
        output.GetStringBuilder().Clear();
        bar.Update(2);
        Assert.Contains($" \x1b[1m{expected}\x1b[0m 500ms/step", output.ToString());
    }

    [Fact]
    public void Verbose_2_writes_one_line_at_the_end()
    {
        var output = new StringWriter();
        var bar = new Progbar(3, verbose: 2, output: output, clock: Clock(0, 1, 2, 3.4));
        bar.Update(1, [new("loss", 0.25)]);
        bar.Update(2, [new("loss", 0.25)]);
        bar.Update(3, [new("loss", 0.03125)]);
        Assert.Equal("3/3 - 3s - 1s/step - loss: 0.0312\n", output.ToString());
    }

    [Theory]
    [InlineData(0.03125, "0.0312")]      // exact tie: Python rounds half to even, .NET's F4 would say 0.0313
    [InlineData(0.09375, "0.0938")]
    [InlineData(0.97123, "0.9712")]
    [InlineData(12.5, "12.5000")]
    [InlineData(-0.5, "-0.5000")]
    [InlineData(0.00012346, "1.2346e-04")]
    [InlineData(0.0, "0.0000e+00")]
    [InlineData(double.NaN, "nan")]
    public void Values_use_Pythons_formats(double value, string expected) => Assert.Equal(expected, PythonFormat.Metric(value));

    [Fact]
    public void Fit_prints_the_epoch_line_and_one_bar_line_per_epoch_with_validation()
    {
        var (x, y) = Models.ModelTestData.TwoHalves(10);
        var model = new Sequential([new Input(2), new Dense(1, "sigmoid", seed: 1)]);
        model.Compile(new SGD(0.1f), "binary_crossentropy", ["accuracy"]);
        var output = new StringWriter();
        double t = 0;
        var logger = new ProgbarLogger(output, () => t += 0.25, dynamicDisplay: false);
        var history = model.Fit(x, y, batchSize: 4, epochs: 2, validationSplit: 0.2, callbacks: [logger]);

        // Each epoch's bar reads the clock at its start, after steps 1 and 2, and at the end: 0.25 s apart.
        // Elapsed 0.75 s → "1s"; per step after the first: (0.75 − 0.25)/1 = 500 ms.
        string Line(int e) =>
            $"2/2 {Bar} 1s 500ms/step - accuracy: {PythonFormat.Metric(history["accuracy"][e])} - loss: {PythonFormat.Metric(history["loss"][e])}" +
            $" - val_accuracy: {PythonFormat.Metric(history["val_accuracy"][e])} - val_loss: {PythonFormat.Metric(history["val_loss"][e])}\n";
        Assert.Equal($"Epoch 1/2\n{Line(0)}Epoch 2/2\n{Line(1)}", output.ToString());
    }

    [Fact]
    public void One_epoch_prints_no_epoch_line_and_verbose_0_prints_nothing()
    {
        var (x, y) = Models.ModelTestData.TwoHalves(4);
        var model = new Sequential([new Dense(1, "sigmoid")]);
        model.Compile("sgd", "binary_crossentropy");
        var output = new StringWriter();
        model.Fit(x, y, epochs: 1, callbacks: [new ProgbarLogger(output, dynamicDisplay: false)]);
        Assert.StartsWith("1/1 ━", output.ToString());
        var silent = new StringWriter();
        model.Fit(x, y, epochs: 2, verbose: 0, callbacks: [new ProgbarLogger(silent, dynamicDisplay: false)]);
        Assert.Equal("", silent.ToString());
    }
}
