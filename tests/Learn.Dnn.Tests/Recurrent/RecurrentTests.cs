using Learn.Dnn.Autograd;
using Learn.Dnn.Devices;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;
using Learn.Dnn.Recurrent;
using Xunit.Abstractions;

namespace Learn.Dnn.Tests.Recurrent;

/// <summary>SimpleRNN, GRU and LSTM: values against formulas written in the test, gradients through time, shapes, errors, learning.</summary>
public sealed class RecurrentTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cells() => new(["simple_rnn", "gru", "lstm"]);

    internal static RecurrentLayer Create(string cell, int units, bool returnSequences = false, ulong seed = 1, bool returnState = false) => cell switch
    {
        "simple_rnn" => new SimpleRNN(units, returnSequences: returnSequences, returnState: returnState, seed: seed),
        "gru" => new GRU(units, returnSequences: returnSequences, returnState: returnState, seed: seed),
        _ => new LSTM(units, returnSequences: returnSequences, returnState: returnState, seed: seed),
    };

    private static float[] Values(int seed, int n, float low = -1f, float high = 1f)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => low + (high - low) * (float)random.NextDouble()).ToArray();
    }

    /// <summary>Builds the layer on x and gives every weight (the biases too) random values, so no gate sits at a default.</summary>
    private static void Randomize(RecurrentLayer layer, Tensor x, int seed)
    {
        layer.Call(x);
        layer.SetWeights(layer.GetWeights().Select((w, i) => Tensor.FromArray(Values(seed + i, w.Size, -0.8f, 0.8f), w.Shape)).ToList());
    }

    #region values
    [Theory]
    [MemberData(nameof(Cells))]
    public void One_step_matches_the_cell_formula_written_in_double(string cell) => MatchesReference(cell, steps: 1, batch: 2, features: 3, units: 2);

    [Theory]
    [MemberData(nameof(Cells))]
    public void Three_steps_match_the_cell_formula_written_in_double(string cell) => MatchesReference(cell, steps: 3, batch: 2, features: 3, units: 4);

    private static void MatchesReference(string cell, int steps, int batch, int features, int units)
    {
        var xValues = Values(5, batch * steps * features, -1.5f, 1.5f);
        var x = Tensor.FromArray(xValues, batch, steps, features);
        var layer = Create(cell, units, returnSequences: true);
        Randomize(layer, x, 20);
        var w = layer.GetWeights().Select(t => t.ToArray()).ToArray();
        var (hs, c) = RecurrentReference.Run(cell, xValues, batch, steps, features, units, w[0], w[1], w[2]);

        var (sequence, states) = layer.CallWithState(x);
        var actual = sequence.ToArray();
        for (int n = 0; n < batch; n++)
            for (int t = 0; t < steps; t++)
                for (int j = 0; j < units; j++)
                    Assert.True(Math.Abs(actual[(n * steps + t) * units + j] - hs[t][n][j]) < 1e-5,
                        $"{cell}: h[{n}, {t}, {j}] = {actual[(n * steps + t) * units + j]}, the formula gives {hs[t][n][j]}.");
        var h = states[0].ToArray();
        for (int n = 0; n < batch; n++)
            for (int j = 0; j < units; j++)
                Assert.True(Math.Abs(h[n * units + j] - hs[^1][n][j]) < 1e-5, $"{cell}: final state h[{n}, {j}] = {h[n * units + j]}, expected {hs[^1][n][j]}.");
        if (cell == "lstm")
        {
            var cell2 = states[1].ToArray();
            for (int n = 0; n < batch; n++)
                for (int j = 0; j < units; j++)
                    Assert.True(Math.Abs(cell2[n * units + j] - c[n][j]) < 1e-5, $"lstm: final cell c[{n}, {j}] = {cell2[n * units + j]}, expected {c[n][j]}.");
        }
        var last = layer.Call(x);   // without returnSequences it would be h_T; here the sequence
        Assert.Equal(new Shape(batch, steps, units), last.Shape);
    }

    [Fact]
    public void A_one_step_simple_rnn_by_hand()
    {
        // x = [1, 2], W = [[0.5], [−0.25]], U = [[0.3]], b = [0.1]: h = tanh(0.5 − 0.5 + 0 + 0.1) = tanh(0.1)
        var layer = new SimpleRNN(1);
        var x = Tensor.FromArray([1f, 2f], 1, 1, 2);
        layer.Call(x);
        layer.SetWeights([Tensor.FromArray([0.5f, -0.25f], 2, 1), Tensor.FromArray([0.3f], 1, 1), Tensor.FromArray([0.1f], 1)]);
        Assert.Equal(Math.Tanh(0.1), layer.Call(x).Item(), 6);
    }
    #endregion

    #region gradients
    /// <summary>
    /// Backpropagation through time against central differences: for random sizes, sequence lengths
    /// 1 to 7 and both output modes, ∂L/∂x and ∂L/∂(every weight) of L = Σ r ⊙ output.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cells))]
    public void Backward_through_time_matches_the_numerical_gradient(string cell)
    {
        var random = new Random(cell.Length);
        for (int steps = 1; steps <= 7; steps++)
            foreach (bool returnSequences in new[] { false, true })
            {
                int batch = random.Next(1, 3), features = random.Next(1, 4), units = random.Next(1, 4);
                string what = $"{cell} T={steps} batch={batch} features={features} units={units} returnSequences={returnSequences}";
                var xValues = Values(steps * 10 + features, batch * steps * features, -1.5f, 1.5f);
                var layer = Create(cell, units, returnSequences);
                Randomize(layer, Tensor.FromArray(xValues, batch, steps, features), steps);
                var weights = layer.GetWeights();
                var outShape = returnSequences ? new Shape(batch, steps, units) : new Shape(batch, units);
                var r = Tensor.FromArray(Values(99, outShape.Size), outShape);

                // analytic: one forward and Backward()
                var x = Tensor.FromArray(xValues, batch, steps, features);
                x.RequiresGrad = true;
                foreach (var w in layer.TrainableWeights) w.ZeroGrad();
                (layer.Call(x) * r).Sum().Backward();
                var analytic = new[] { x.Grad!.ToArray() }.Concat(layer.TrainableWeights.Select(w => w.Grad!.ToArray())).ToArray();

                // numerical: perturb each number of x and of each weight
                var start = new[] { xValues }.Concat(weights.Select(w => w.ToArray())).ToArray();
                var results = new List<(double[], double[])>();
                for (int which = 0; which < start.Length; which++)
                {
                    int index = which;
                    double Loss(double[] values)
                    {
                        using var _ = Tensor.NoGrad();
                        var probe = start.Select((s, k) => k == index ? values.Select(v => (float)v).ToArray() : s).ToArray();
                        layer.SetWeights(weights.Select((w, k) => Tensor.FromArray(probe[k + 1], w.Shape)).ToList());
                        var y = layer.Call(Tensor.FromArray(probe[0], batch, steps, features)).ToArray();
                        var rs = r.ToArray();
                        double sum = 0;
                        for (int i = 0; i < y.Length; i++) sum += (double)y[i] * rs[i];
                        return sum;
                    }
                    results.Add((analytic[which].Select(v => (double)v).ToArray(),
                                 GradientCheck.Numerical(Loss, start[which].Select(v => (double)v).ToArray(), 5e-3)));
                }
                layer.SetWeights(weights);
                GradientCheck.Assert($"{what} (input 0 = x, then kernel, recurrent kernel, bias)", results, rtol: 1e-2, atol: 1e-3);
            }
    }

    [Fact]
    public void Stacked_lstms_pass_gradients_to_the_lower_layer_and_the_input()
    {
        var x = Tensor.FromArray(Values(3, 2 * 5 * 3), 2, 5, 3);
        x.RequiresGrad = true;
        var lower = new LSTM(4, returnSequences: true, seed: 1);
        var upper = new LSTM(3, seed: 2);
        var y = upper.Call(lower.Call(x));
        Assert.Equal(new Shape(2, 3), y.Shape);
        y.Sum().Backward();
        Assert.All(lower.TrainableWeights.Append(x), w => Assert.Contains(w.Grad!.ToArray(), v => v != 0f));
    }

    [Fact]
    public void Gradient_norms_through_time_shrink_faster_in_a_simple_rnn_than_in_an_lstm()
    {
        const int steps = 40;
        var x = new Rng(4).Normal(new Shape(8, steps, 4));
        double Ratio(RecurrentLayer layer)
        {
            var run = layer.CallWithState(x);
            run.Output.Square().Sum().Backward();
            var norms = run.GradientNormsThroughTime();
            Assert.Equal(steps, norms.Length);
            return norms[0] / norms[^1];   // how much of ∂L/∂h_T reaches h_1
        }
        double rnn = Ratio(new SimpleRNN(16, seed: 3)), lstm = Ratio(new LSTM(16, seed: 3));
        output.WriteLine($"‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ over {steps} steps: SimpleRNN {rnn:E2}, LSTM {lstm:E2}");
        Assert.True(rnn < 1e-2, $"SimpleRNN: expected the gradient to vanish over {steps} steps, ratio {rnn:E2}.");
    }
    #endregion

    #region fast-cpu-parity
    [Theory]
    [MemberData(nameof(Cells))]
    public void The_fast_cpu_device_gives_the_reference_values_and_gradients(string cell)
    {
        var reference = Run(Device.Reference, cell);
        var cpu = Run(Device.Cpu, cell);
        for (int k = 0; k < reference.Length; k++)
            for (int i = 0; i < reference[k].Length; i++)
                Assert.True(Math.Abs(reference[k][i] - cpu[k][i]) <= 1e-5 * Math.Max(1, Math.Abs(reference[k][i])),
                    $"{cell}: array {k} (0 output, 1 ∂L/∂x, then the weights' gradients) element {i}: reference {reference[k][i]}, cpu {cpu[k][i]}.");
    }

    /// <summary>The output, ∂L/∂x and the weights' gradients of one forward and backward on <paramref name="device"/>.</summary>
    internal static float[][] Run(IDevice device, string cell, int batch = 3, int steps = 5, int features = 4, int units = 6)
    {
        using var _ = Device.Use(device);
        var x = Tensor.FromArray(Values(1, batch * steps * features), new Shape(batch, steps, features), device);
        x.RequiresGrad = true;
        var layer = Create(cell, units, returnSequences: true, seed: 9);
        var y = layer.Call(x);
        var r = Tensor.FromArray(Values(2, y.Size), y.Shape, device);
        (y * r).Sum().Backward();
        return [y.ToArray(), x.Grad!.ToArray(), .. layer.TrainableWeights.Select(w => w.Grad!.ToArray())];
    }
    #endregion

    #region shapes-and-weights
    [Theory]
    [InlineData("lstm", 80_384)]
    [InlineData("gru", 60_672)]
    [InlineData("simple_rnn", 20_096)]
    public void Parameter_counts_match_Keras_for_128_units_on_28_features(string cell, int expected)
    {
        var model = new Sequential([new Input(28, 28), Create(cell, 128), new Dense(10, "softmax")]);
        Assert.Equal(expected, model.Layers[0].CountParams());
        string summary = model.Summary(TextWriter.Null);
        Assert.Contains("(None, 128)", summary);
        Assert.Contains(expected.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), summary);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Weights_come_in_Keras_order_and_shapes(string cell)
    {
        var layer = Create(cell, 5);
        layer.Call(Tensor.Zeros(2, 3, 7));
        int gates = cell switch { "simple_rnn" => 1, "gru" => 3, _ => 4 };
        var shapes = layer.GetWeights().Select(w => w.Shape).ToArray();
        Assert.Equal(new Shape(7, gates * 5), shapes[0]);
        Assert.Equal(new Shape(5, gates * 5), shapes[1]);
        Assert.Equal(cell == "gru" ? new Shape(2, 15) : new Shape(gates * 5), shapes[2]);
    }

    [Fact]
    public void Lstm_starts_its_forget_bias_at_one_and_the_recurrent_kernel_orthogonal()
    {
        var layer = new LSTM(3);
        layer.Call(Tensor.Zeros(1, 2, 2));
        Assert.Equal([0f, 0f, 0f, 1f, 1f, 1f, 0f, 0f, 0f, 0f, 0f, 0f], layer.Bias.ToArray());
        var u = layer.RecurrentKernel.ToArray();   // [3, 12]: rows orthonormal (QQᵀ = I)
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
                Assert.Equal(a == b ? 1.0 : 0.0, Enumerable.Range(0, 12).Sum(j => (double)u[a * 12 + j] * u[b * 12 + j]), 5);
        var plain = new LSTM(3, unitForgetBias: false);
        plain.Call(Tensor.Zeros(1, 2, 2));
        Assert.All(plain.Bias.ToArray(), v => Assert.Equal(0f, v));
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Output_shapes_follow_returnSequences_and_states_are_the_last_step(string cell)
    {
        var x = Tensor.FromArray(Values(8, 2 * 4 * 3), 2, 4, 3);
        var last = Create(cell, 5, returnSequences: false, seed: 4);
        var all = Create(cell, 5, returnSequences: true, seed: 4);
        Assert.Equal(new Shape(2, 5), last.Call(x).Shape);
        var sequence = all.Call(x);
        Assert.Equal(new Shape(2, 4, 5), sequence.Shape);
        var (output, states) = last.CallWithState(x);
        Assert.Equal(cell == "lstm" ? 2 : 1, states.Count);
        Assert.Equal(output.ToArray(), states[0].ToArray());
        var finalOfSequence = sequence.Reshape(2, 20).Slice(15, 5).ToArray();
        Assert.Equal(output.ToArray(), finalOfSequence);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void An_initial_state_continues_a_sequence(string cell)
    {
        // running 6 steps = running 3, then 3 more from the states the first 3 ended in
        var x = Tensor.FromArray(Values(12, 2 * 6 * 3), 2, 6, 3);
        var layer = Create(cell, 4, seed: 6, returnState: true);
        var whole = layer.CallWithState(x).Output.ToArray();
        var flat = x.Reshape(2, 18);
        var first = layer.CallWithState(flat.Slice(0, 9).Reshape(2, 3, 3));
        var second = layer.CallWithState(flat.Slice(9, 9).Reshape(2, 3, 3), first.States);
        var split = second.Output.ToArray();
        for (int i = 0; i < whole.Length; i++) Assert.Equal(whole[i], split[i], 5);
    }

    [Fact]
    public void A_layer_with_returnState_must_be_called_with_CallWithState()
    {
        var layer = new LSTM(3, returnState: true, name: "encoder");
        var error = Assert.Throws<InvalidOperationException>(() => layer.Call(Tensor.Zeros(1, 2, 2)));
        Assert.Contains("encoder", error.Message);
        Assert.Contains("CallWithState", error.Message);
    }
    #endregion

    #region errors
    [Theory]
    [MemberData(nameof(Cells))]
    public void Bad_inputs_are_rejected_with_the_layer_and_the_shapes(string cell)
    {
        var layer = Create(cell, 4);
        var rank = Assert.Throws<ShapeMismatchException>(() => layer.Call(Tensor.Zeros(2, 28)));
        Assert.Contains(layer.Name, rank.Message);
        Assert.Contains("[2, 28]", rank.Message);
        Assert.Contains("[batch, timesteps, features]", rank.Message);

        layer.Call(Tensor.Zeros(2, 5, 28));
        var features = Assert.Throws<ShapeMismatchException>(() => layer.Call(Tensor.Zeros(2, 5, 27)));
        Assert.Contains(layer.Name, features.Message);
        Assert.Contains("[batch, timesteps, 28]", features.Message);
        Assert.Contains("[2, 5, 27]", features.Message);

        var state = Assert.ThrowsAny<ArgumentException>(() => layer.CallWithState(Tensor.Zeros(2, 5, 28), [Tensor.Zeros(3, 4)]));
        Assert.Contains(layer.Name, state.Message);
    }
    #endregion

    #region learning
    /// <summary>
    /// A sequence task learned through Fit: is the sum of 8 numbers in [−1, 1] positive? The answer
    /// depends on every step, so the state has to carry a running total.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cells))]
    public void Fit_learns_the_sign_of_a_sequence_sum(string cell)
    {
        const int n = 256, steps = 8;
        var values = Values(17, n * steps);
        var labels = Enumerable.Range(0, n).Select(i => values.Skip(i * steps).Take(steps).Sum() > 0 ? 1f : 0f).ToArray();
        var x = Tensor.FromArray(values, n, steps, 1);
        var y = Tensor.FromArray(labels, n, 1);
        var model = new Sequential([new Input(steps, 1), Create(cell, 8, seed: 2), new Dense(1, "sigmoid", seed: 3)]);
        model.Compile(new Adam(learningRate: 0.02f), "binary_crossentropy", ["accuracy"]);
        model.Fit(x, y, batchSize: 32, epochs: 25, verbose: 0, seed: 1);
        double accuracy = model.Evaluate(x, y, verbose: 0)["accuracy"];
        output.WriteLine($"{cell}: accuracy {accuracy:F4}");
        Assert.True(accuracy >= 0.9, $"{cell}: accuracy {accuracy:F4} on the sign of a sum of {steps}, expected ≥ 0.9.");
    }
    #endregion
}
