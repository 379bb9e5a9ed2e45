using Learn.Dnn.Devices;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;

namespace Learn.Dnn.Tests.Regularization;

/// <summary>Inverted dropout: the identity at inference, the expectation kept in training, masks the same on every device.</summary>
public sealed class DropoutTests
{
    private static Tensor Ones(int rows, int cols, IDevice? device = null) => Tensor.Full(new Shape(rows, cols), 1f, device);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(0.9)]
    public void Dropout_is_the_identity_at_inference(double rate)
    {
        var x = Tensor.FromArray(Enumerable.Range(0, 12).Select(i => i - 5.5f).ToArray(), 3, 4);
        var dropout = new Dropout(rate, seed: 1);
        Assert.Equal(x.ToArray(), dropout.Call(x, training: false).ToArray());
        var model = new Sequential([new Input(4), dropout]);
        Assert.Equal(x.ToArray(), model.Predict(x, verbose: 0).ToArray());
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void Training_keeps_a_binomial_fraction_scaled_by_one_over_one_minus_rate(double rate)
    {
        const int n = 200 * 100;
        var y = new Dropout(rate, seed: 7).Call(Ones(200, 100), training: true).ToArray();
        float scale = 1f / (1f - (float)rate);
        Assert.All(y, v => Assert.True(v == 0f || v == scale, $"an output of dropout(1) must be 0 or 1/(1 − rate) = {scale}, got {v}"));
        int kept = y.Count(v => v != 0f);
        double expected = n * (1 - rate), sigma = Math.Sqrt(n * rate * (1 - rate));
        Assert.True(Math.Abs(kept - expected) <= 5 * sigma,
            $"kept {kept} of {n} units at rate {rate}; a binomial count is within 5σ = {5 * sigma:F0} of {expected} with near certainty");
        // The expectation: mean(y) = kept·scale/n ≈ 1, within 5σ of the mean, σ = scale·√(p(1−p)/n)
        double mean = y.Average(v => (double)v), sigmaMean = scale * Math.Sqrt(rate * (1 - rate) / n);
        Assert.True(Math.Abs(mean - 1) <= 5 * sigmaMean, $"E[dropout(x)] must equal x = 1; the mean is {mean}, beyond 5σ = {5 * sigmaMean:E2}");
    }

    [Fact]
    public void The_gradient_is_the_mask_scaled_and_successive_calls_draw_new_masks()
    {
        var x = Tensor.FromArray(Enumerable.Range(0, 40).Select(i => 1f + i).ToArray(), 4, 10);
        x.RequiresGrad = true;
        var dropout = new Dropout(0.5, seed: 3);
        var y = dropout.Call(x, training: true);
        y.Sum().Backward();
        var yv = y.ToArray();
        var xv = x.ToArray();
        var g = x.Grad!.ToArray();
        for (int i = 0; i < 40; i++) Assert.Equal(yv[i] / xv[i], g[i]);   // ∂y/∂x = mask/(1 − rate)
        var again = dropout.Call(x, training: true).ToArray();
        Assert.NotEqual(yv, again);
    }

    [Fact]
    public void A_noise_shape_with_a_1_shares_the_mask_along_that_axis()
    {
        var y = new Dropout(0.5, noiseShape: [null, 1], seed: 5).Call(Ones(64, 8), training: true).ToArray2D();
        for (int r = 0; r < 64; r++)
            for (int c = 1; c < 8; c++) Assert.Equal(y[r, 0], y[r, c]);       // a whole row kept or dropped
        Assert.Contains(0f, Enumerable.Range(0, 64).Select(r => y[r, 0]));
        Assert.Contains(2f, Enumerable.Range(0, 64).Select(r => y[r, 0]));
        Assert.Throws<ShapeMismatchException>(() => new Dropout(0.5, noiseShape: [null, 3]).Call(Ones(2, 8), training: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(1.0));
    }

    [Fact]
    public void The_same_seed_gives_the_same_mask_on_the_reference_and_the_fast_CPU_device()
    {
        var onReference = new Dropout(0.3, seed: 11).Call(Ones(37, 29, Device.Reference), training: true).ToArray();
        var onCpu = new Dropout(0.3, seed: 11).Call(Ones(37, 29, Device.Cpu), training: true).ToArray();
        Assert.Equal(onReference, onCpu);
    }

    [Fact]
    public void Fit_calls_layers_with_training_true_and_Evaluate_and_Predict_with_false()
    {
        var probe = new TrainingProbe();
        var model = new Sequential([new Input(2), probe, new Dense(1, seed: 1)]);
        model.Compile(new SGD(0.01f), "mse");
        var (x, y) = (Tensor.Zeros(4, 2), Tensor.Zeros(4, 1));
        probe.Seen.Clear();
        model.Fit(x, y, batchSize: 4, verbose: 0);
        Assert.Equal([true], probe.Seen);
        probe.Seen.Clear();
        model.Evaluate(x, y, verbose: 0);
        model.Predict(x, verbose: 0);
        Assert.Equal([false, false], probe.Seen);
    }

    private sealed class TrainingProbe() : Layer(null)
    {
        public List<bool> Seen { get; } = [];
        public override IReadOnlyList<Tensor> TrainableWeights => [];
        protected override void Build(Shape inputShape) { }
        protected override Tensor Forward(Tensor input, bool training)
        {
            Seen.Add(training);
            return input;
        }
    }
}
