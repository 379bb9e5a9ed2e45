using Learn.Dnn.Autograd;
using Learn.Dnn.Devices;
using Learn.Dnn.Layers;
using Learn.Dnn.Losses;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;

namespace Learn.Dnn.Tests.Normalization;

/// <summary>BatchNormalization as Keras 3: statistics, moving averages, weights, freezing, the fused backward, two golden Fit steps.</summary>
public sealed class BatchNormalizationTests
{
    private static Tensor Random(ulong seed, params int[] shape) => new Rng(seed).Uniform(new Shape(shape), -2f, 2f);

    private static double[] D(Tensor t) => t.ToArray().Select(v => (double)v).ToArray();

    [Fact]
    public void Defaults_are_Keras_3s()
    {
        var bn = new BatchNormalization();
        Assert.Equal(-1, bn.Axis);
        Assert.Equal(0.99, bn.Momentum);
        Assert.Equal(1e-3, bn.Epsilon);
        Assert.True(bn.Center);
        Assert.True(bn.Scale);
        bn.Call(Random(1, 4, 3));
        Assert.Equal([1f, 1f, 1f], bn.Gamma!.ToArray());
        Assert.Equal([0f, 0f, 0f], bn.Beta!.ToArray());
        Assert.Equal([0f, 0f, 0f], bn.MovingMean.ToArray());
        Assert.Equal([1f, 1f, 1f], bn.MovingVariance.ToArray());
        var weights = bn.GetWeights();
        Assert.Equal(4, weights.Length);
        Assert.Same(bn.Gamma, bn.Weights[0]);
        Assert.Same(bn.Beta, bn.Weights[1]);
        Assert.Same(bn.MovingMean, bn.Weights[2]);
        Assert.Same(bn.MovingVariance, bn.Weights[3]);
        Assert.Equal([bn.Gamma, bn.Beta], bn.TrainableWeights);
        Assert.Equal([bn.MovingMean, bn.MovingVariance], bn.NonTrainableWeights);
    }

    [Fact]
    public void Training_normalizes_with_the_batch_statistics_and_moves_the_running_ones()
    {
        var x = Random(2, 5, 3);
        var bn = new BatchNormalization(momentum: 0.9);
        var y = bn.Call(x, training: true).ToArray();
        var xs = D(x);
        for (int c = 0; c < 3; c++)
        {
            var column = Enumerable.Range(0, 5).Select(i => xs[i * 3 + c]).ToArray();
            double mean = column.Average(), variance = column.Select(v => (v - mean) * (v - mean)).Average();   // biased
            for (int i = 0; i < 5; i++)
                Assert.Equal((column[i] - mean) / Math.Sqrt(variance + 1e-3), y[i * 3 + c], 4);
            Assert.Equal(0.1 * mean, bn.MovingMean.ToArray()[c], 5);
            Assert.Equal(0.9 + 0.1 * variance, bn.MovingVariance.ToArray()[c], 5);
        }
    }

    [Fact]
    public void Inference_uses_the_moving_statistics_and_updates_nothing()
    {
        var bn = new BatchNormalization(axis: 1, movingMeanInitializer: new Learn.Dnn.Layers.Initializers.Constant(0.5f),
                                        movingVarianceInitializer: new Learn.Dnn.Layers.Initializers.Constant(4f));
        var x = Random(3, 2, 3, 2, 2);   // channels on axis 1
        var y = bn.Call(x).ToArray();
        var xs = x.ToArray();
        for (int i = 0; i < xs.Length; i++) Assert.Equal((xs[i] - 0.5) / Math.Sqrt(4.001), y[i], 5);
        Assert.Equal([0.5f, 0.5f, 0.5f], bn.MovingMean.ToArray());
        Assert.Equal([4f, 4f, 4f], bn.MovingVariance.ToArray());
    }

    /// <summary>x: [outer, C, inner], γ and β: [1, C, 1], the three as leaves.</summary>
    private static (Tensor X, Tensor Gamma, Tensor Beta) Leaves(ulong seed, int outer, int channels, int inner, IDevice device)
    {
        var x = Random(seed, outer, channels, inner).To(device);
        var gamma = new Rng(seed + 1).Uniform(new Shape(1, channels, 1), 0.5f, 1.5f).To(device);
        var beta = Random(seed + 2, 1, channels, 1).To(device);
        foreach (var t in new[] { x, gamma, beta }) t.RequiresGrad = true;
        return (x, gamma, beta);
    }

    [Theory]
    [InlineData(6, 3, 1)]
    [InlineData(2, 4, 5)]
    [InlineData(1, 2, 7)]
    public void The_fused_backward_equals_the_composed_one(int outer, int channels, int inner)
    {
        foreach (var device in new[] { Device.Reference, Device.Cpu })
        {
            var (x1, g1, b1) = Leaves(11, outer, channels, inner, device);
            var (x2, g2, b2) = Leaves(11, outer, channels, inner, device);
            var upstream = Random(5, outer, channels, inner).To(device);
            var (yFused, meanFused, varFused) = BatchNormalization.NormalizeFused(x1, g1, b1, 1e-3f);
            var (yComposed, meanComposed, varComposed) = BatchNormalization.NormalizeComposed(x2, g2, b2, 1e-3f);
            (yFused * upstream).Sum().Backward();
            (yComposed * upstream).Sum().Backward();
            Tolerance(yComposed, yFused);
            Tolerance(meanComposed, meanFused);
            Tolerance(varComposed, varFused);
            Tolerance(x2.Grad!, x1.Grad!);
            Tolerance(g2.Grad!, g1.Grad!);
            Tolerance(b2.Grad!, b1.Grad!);
        }
    }

    private static void Tolerance(Tensor expected, Tensor actual)
    {
        var (e, a) = (expected.ToArray(), actual.ToArray());
        Assert.Equal(e.Length, a.Length);
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= 1e-4 + 1e-4 * Math.Abs(e[i]), $"index {i}: expected {e[i]}, got {a[i]}");
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Training_mode_gradients_pass_the_central_difference_check(bool center, bool scale)
    {
        var (x, gamma, beta) = Leaves(21, 4, 3, 2, Device.Reference);
        Tensor[] inputs = [x.Detach(), .. scale ? new[] { gamma.Detach() } : [], .. center ? new[] { beta.Detach() } : []];
        Tensor? G(Tensor[] t) => scale ? t[1] : null;
        Tensor? B(Tensor[] t) => center ? t[scale ? 2 : 1] : null;
        GradientCheck.Assert("batch_normalization (fused)",
            GradientCheck.Tensors(t => BatchNormalization.NormalizeFused(t[0], G(t), B(t), 1e-3f).Y, inputs, h: 1e-2), rtol: 2e-2, atol: 2e-2);
        GradientCheck.Assert("batch_normalization (composed)",
            GradientCheck.Tensors(t => BatchNormalization.NormalizeComposed(t[0], G(t), B(t), 1e-3f).Y, inputs, h: 1e-2), rtol: 2e-2, atol: 2e-2);
    }

    [Fact]
    public void The_layer_in_training_mode_passes_the_gradient_check_on_every_device_kind()
    {
        foreach (var device in new[] { Device.Reference, Device.Cpu })
        {
            using var _ = Device.Use(device);
            var bn = new BatchNormalization(axis: 1, momentum: 0.5);
            var x = Random(31, 3, 2, 4).To(device);
            bn.Call(x);
            GradientCheck.Assert($"BatchNormalization on {device}", GradientCheck.Tensors(t => bn.Call(t[0], training: true), [x]), rtol: 2e-2, atol: 2e-2);
        }
    }

    [Fact]
    public void Summary_counts_4C_parameters_2C_of_them_non_trainable()
    {
        var model = new Sequential([new Input(28, 28), new Flatten(), new BatchNormalization(),
            new Dense(300, "relu"), new BatchNormalization(), new Dense(100, "relu"), new BatchNormalization(), new Dense(10, "softmax")]);
        model.Predict(Tensor.Zeros(new Shape(2, 28, 28)), verbose: 0);
        string table = model.Summary(TextWriter.Null);
        // rich wraps a name too long for its column at the space, as Keras 3 prints it
        Assert.Contains("│ batch_normalization                  │ (None, 784)                 │           3,136 │\n" +
                        "│ (BatchNormalization)                 │                             │                 │\n", table);
        Assert.Contains("3,136 │", table);
        Assert.Contains("1,200 │", table);
        Assert.Contains("400 │", table);
        Assert.Contains(" Total params: 271,346", table);
        Assert.Contains(" Trainable params: 268,978", table);
        Assert.Contains(" Non-trainable params: 2,368", table);
    }

    [Fact]
    public void A_frozen_layer_uses_the_moving_statistics_in_training_and_nothing_changes()
    {
        var bn = new BatchNormalization(name: "bn");
        var model = new Sequential([new Input(3), bn, new Dense(1, seed: 3)]);
        model.Compile(new SGD(0.1f), new MeanSquaredError());
        model.Predict(Tensor.Zeros(new Shape(1, 3)), verbose: 0);
        bn.Trainable = false;
        Assert.Empty(bn.TrainableWeights);
        Assert.Equal([bn.Gamma!, bn.Beta!, bn.MovingMean, bn.MovingVariance], bn.NonTrainableWeights);
        Assert.Equal(2, model.TrainableWeights.Count);   // the Dense kernel and bias
        Assert.Equal(4, model.NonTrainableWeights.Count);
        var before = bn.GetWeights().Select(w => w.ToArray()).ToList();
        var x = Random(41, 8, 3);
        model.Fit(x, Random(42, 8, 1), batchSize: 4, epochs: 2, verbose: 0, shuffle: false);
        var after = bn.GetWeights().Select(w => w.ToArray()).ToList();
        for (int i = 0; i < 4; i++) Assert.Equal(before[i], after[i]);
        Assert.Equal(bn.Call(x).ToArray(), bn.Call(x, training: true).ToArray());
    }

    [Fact]
    public void Freezing_a_model_freezes_its_layers()
    {
        var bn = new BatchNormalization();
        var model = new Sequential([new Input(3), new Dense(2, seed: 1), bn]);
        model.Predict(Tensor.Zeros(new Shape(1, 3)), verbose: 0);
        model.Trainable = false;
        Assert.False(bn.Trainable);
        Assert.Empty(model.TrainableWeights);
        Assert.Equal(2 + 4, model.NonTrainableWeights.Count);
        Assert.Equal(model.Weights, model.NonTrainableWeights);   // layer by layer, in Keras' order
        model.Trainable = true;
        Assert.Equal(4, model.TrainableWeights.Count);
    }

    [Fact]
    public void A_wrong_input_names_the_layer_the_expected_and_the_actual_shape()
    {
        var bn = new BatchNormalization(name: "bn");
        bn.Call(Random(1, 4, 3));
        var e = Assert.Throws<ShapeMismatchException>(() => bn.Call(Random(1, 4, 5)));
        Assert.Contains("'bn'", e.Message);
        Assert.Contains("3 entries on axis -1", e.Message);
        Assert.Contains("[4, 5]", e.Message);
        var axis = Assert.Throws<ShapeMismatchException>(() => new BatchNormalization(axis: 2).Call(Random(1, 4, 3)));
        Assert.Contains("axis 2", axis.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNormalization(momentum: 1.5));
    }

    [Fact]
    public void The_optimizer_never_moves_the_moving_statistics()
    {
        var bn = new BatchNormalization(momentum: 0);   // moving = the last batch's statistics, exactly
        var model = new Sequential([new Input(2), bn, new Dense(1, seed: 5)]);
        model.Compile(new SGD(0.5f), new MeanSquaredError());
        var x = Random(51, 4, 2);
        model.Fit(x, Random(52, 4, 1), batchSize: 4, epochs: 1, verbose: 0, shuffle: false);
        var xs = D(x);
        for (int c = 0; c < 2; c++)
        {
            var column = Enumerable.Range(0, 4).Select(i => xs[i * 2 + c]).ToArray();
            double mean = column.Average();
            Assert.Equal(mean, bn.MovingMean.ToArray()[c], 5);
            Assert.Equal(column.Select(v => (v - mean) * (v - mean)).Average(), bn.MovingVariance.ToArray()[c], 5);
        }
    }

    /// <summary>
    /// Input(2) → BatchNormalization(momentum 0.9) → Dense(1), MSE, SGD(0.1), two Fit steps of the
    /// whole batch, against the same steps computed here in doubles from the formulas: batch μ and
    /// biased σ², x̂, h = γ·x̂ + β, ŷ = h·W + b, L = mean (ŷ − y)², the gradients by the chain rule,
    /// the moving averages, w ← w − η·∂L/∂w.
    /// </summary>
    [Theory]
    [InlineData("reference")]   // the composed form
    [InlineData("cpu")]         // the fused backward
    public void Two_Fit_steps_match_the_formulas_computed_in_doubles(string device)
    {
        using var _ = Device.Use(Device.Parse(device));
        double[,] x = { { 0.5, -1.0 }, { 1.5, 2.0 }, { -0.3, 0.7 }, { 2.2, -0.4 } };
        double[] y = [1.0, -0.5, 0.3, 2.0];
        double[] gamma = [1.2, 0.8], beta = [0.1, -0.2], w = [0.7, -0.3], movingMean = [0, 0], movingVariance = [1, 1];
        double b = 0.05, lr = 0.1, momentum = 0.9, epsilon = 1e-3;

        var bn = new BatchNormalization(momentum: momentum);
        var dense = new Dense(1);
        var model = new Sequential([new Input(2), bn, dense]);
        model.Compile(new SGD((float)lr), new MeanSquaredError());
        var xTensor = Tensor.FromArray(x.Cast<double>().Select(v => (float)v).ToArray(), 4, 2);
        model.Predict(xTensor, verbose: 0);
        bn.SetWeights([Tensor.FromArray(gamma.Select(v => (float)v).ToArray(), 2), Tensor.FromArray(beta.Select(v => (float)v).ToArray(), 2),
                       Tensor.FromArray([0f, 0f], 2), Tensor.FromArray([1f, 1f], 2)]);
        dense.SetWeights([Tensor.FromArray(w.Select(v => (float)v).ToArray(), 2, 1), Tensor.FromArray([(float)b], 1)]);
        model.Fit(xTensor, Tensor.FromArray(y.Select(v => (float)v).ToArray(), 4, 1), batchSize: 4, epochs: 2, verbose: 0, shuffle: false);

        for (int step = 0; step < 2; step++)
        {
            var xHat = new double[4, 2];
            var h = new double[4, 2];
            for (int c = 0; c < 2; c++)
            {
                double mean = 0, variance = 0;
                for (int i = 0; i < 4; i++) mean += x[i, c] / 4;
                for (int i = 0; i < 4; i++) variance += (x[i, c] - mean) * (x[i, c] - mean) / 4;   // biased
                for (int i = 0; i < 4; i++)
                {
                    xHat[i, c] = (x[i, c] - mean) / Math.Sqrt(variance + epsilon);
                    h[i, c] = gamma[c] * xHat[i, c] + beta[c];
                }
                movingMean[c] = momentum * movingMean[c] + (1 - momentum) * mean;
                movingVariance[c] = momentum * movingVariance[c] + (1 - momentum) * variance;
            }
            var dYHat = new double[4];
            for (int i = 0; i < 4; i++) dYHat[i] = 2.0 / 4 * (h[i, 0] * w[0] + h[i, 1] * w[1] + b - y[i]);   // ∂/∂ŷ of mean (ŷ − y)²
            double[] dW = new double[2], dGamma = new double[2], dBeta = new double[2];
            for (int c = 0; c < 2; c++)
                for (int i = 0; i < 4; i++)
                {
                    dW[c] += h[i, c] * dYHat[i];
                    dGamma[c] += dYHat[i] * w[c] * xHat[i, c];
                    dBeta[c] += dYHat[i] * w[c];
                }
            for (int c = 0; c < 2; c++)
            {
                w[c] -= lr * dW[c];
                gamma[c] -= lr * dGamma[c];
                beta[c] -= lr * dBeta[c];
            }
            b -= lr * dYHat.Sum();
        }

        var got = model.GetWeights().Select(t => t.ToArray()).ToArray();   // γ, β, μ̄, σ̄², W, b
        double[][] want = [gamma, beta, movingMean, movingVariance, w, [b]];
        for (int k = 0; k < want.Length; k++)
            for (int i = 0; i < want[k].Length; i++)
                Assert.True(Math.Abs(want[k][i] - got[k][i]) <= 1e-5, $"weight {k} entry {i}: {want[k][i]:G9} by the formulas, {got[k][i]:G9} by Fit");
    }
}
