using Learn.Dnn.Layers;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;

namespace Learn.Dnn.Tests.Models;

/// <summary>Bad data and bad training give errors that say what, where and which shapes.</summary>
public sealed class ModelBadInputTests
{
    [Fact]
    public void X_and_y_with_different_row_counts_name_both_shapes()
    {
        var model = new Sequential([new Dense(1)]);
        model.Compile("sgd", "mse");
        var error = Assert.Throws<ShapeMismatchException>(() => model.Fit(Tensor.Zeros(10, 4), Tensor.Zeros(9, 1), verbose: 0));
        Assert.Contains("x has 10 samples (shape [10, 4]) but y has 9 (shape [9, 1])", error.Message);
    }

    [Fact]
    public void Wrong_feature_count_against_an_Input_names_the_layer_and_the_shapes()
    {
        var model = new Sequential([new Input(4), new Dense(1)]);
        model.Compile("sgd", "mse");
        var error = Assert.Throws<ShapeMismatchException>(() => model.Fit(Tensor.Zeros(10, 3), Tensor.Zeros(10, 1), verbose: 0));
        Assert.Contains("input_layer", error.Message);
        Assert.Contains("[batch, 4]", error.Message);
        Assert.Contains("[10, 3]", error.Message);
    }

    [Fact]
    public void Wrong_feature_count_after_building_from_data_names_the_dense_layer()
    {
        var model = new Sequential([new Dense(2), new Dense(1)]);
        model.Compile("sgd", "mse");
        model.Fit(Tensor.Zeros(8, 4), Tensor.Zeros(8, 1), verbose: 0);
        var error = Assert.Throws<ShapeMismatchException>(() => model.Evaluate(Tensor.Zeros(8, 3), Tensor.Zeros(8, 1), verbose: 0));
        Assert.Contains("Dense 'dense'", error.Message);
        Assert.Contains("[batch, 4]", error.Message);
    }

    [Fact]
    public void Targets_that_do_not_fit_the_output_name_the_output_layer()
    {
        var model = new Sequential([new Input(3), new Dense(4), new Dense(1)]);
        model.Compile("sgd", "mse");
        var error = Assert.Throws<ShapeMismatchException>(() => model.Fit(Tensor.Zeros(8, 3), Tensor.Zeros(8, 2), verbose: 0));
        Assert.Contains("'dense_1' (Dense)", error.Message);
        Assert.Contains("[8, 1]", error.Message);
        Assert.Contains("[8, 2]", error.Message);
    }

    [Fact]
    public void Fit_before_compile_says_to_compile()
    {
        var model = new Sequential([new Dense(1)]);
        var error = Assert.Throws<InvalidOperationException>(() => model.Fit(Tensor.Zeros(2, 1), Tensor.Zeros(2, 1), verbose: 0));
        Assert.Contains("Compile", error.Message);
    }

    [Fact]
    public void A_diverging_loss_stops_training_with_the_epoch_the_batch_the_layer_and_the_usual_causes()
    {
        var (x, _) = ModelTestData.TwoHalves(64);
        var target = x.Sum(1, keepDims: true) * 1000f;
        var model = new Sequential([new Input(2), new Dense(4, seed: 1), new Dense(1, seed: 2)]);
        model.Compile(new SGD(1e6f), "mse");
        var history = model.Fit(x, target, batchSize: 8, epochs: 5, verbose: 0);      // no exception: training stops
        var report = history.NonFiniteLoss;
        Assert.NotNull(report);
        Assert.True(model.StopTraining);
        Assert.Contains($"epoch {report.Epoch}/5, batch {report.Step}/8", report.Message);
        Assert.NotNull(report.Layer);
        Assert.Contains($"'{report.Layer}'", report.Message);
        Assert.Contains("learning rate too large", report.Message);
        Assert.Contains("log(0)", report.Message);
        Assert.Equal(report.Epoch, history["loss"].Count);                            // History keeps the epochs, the last one NaN
        Assert.False(double.IsFinite(history["loss"][^1]));
        Assert.All(model.Weights, w => Assert.All(w.ToArray(), v => Assert.True(float.IsFinite(v))));   // the bad update was not applied
    }

    [Fact]
    public void A_NaN_in_the_data_is_reported_as_such()
    {
        var x = Tensor.FromArray([1f, float.NaN, 0f, 1f], 2, 2);
        var model = new Sequential([new Dense(1)]);
        model.Compile("sgd", "mse");
        var report = model.Fit(x, Tensor.Zeros(2, 1), verbose: 0).NonFiniteLoss;
        Assert.NotNull(report);
        Assert.Contains("input batch x itself contains NaN", report.Message);
        Assert.Contains("epoch 1/1, batch 1/1", report.Message);
    }

    [Fact]
    public void A_log_of_0_in_the_loss_is_found_past_every_finite_layer_output()
    {
        var x = Tensor.FromArray([1f, 2f], 2, 1);
        var model = new Sequential([new Input(1), new Dense(1, seed: 1)]);
        model.Compile("sgd", new LogOfOutput());
        var report = model.Fit(x, Tensor.Zeros(2, 1), verbose: 0).NonFiniteLoss;
        Assert.NotNull(report);
        Assert.Null(report.Layer);
        Assert.Contains("every layer's output is finite", report.Message);
    }

    /// <summary>A loss that takes log(−|y|): NaN from finite outputs.</summary>
    private sealed class LogOfOutput : Learn.Dnn.Losses.Loss
    {
        public override string Name => "log_of_output";
        protected override Tensor Compute(Tensor yTrue, Tensor yPred) => (-(yPred.Abs()) - 1f).Log().Mean();
    }

    [Fact]
    public void Unknown_names_in_compile_fail_at_compile()
    {
        var model = new Sequential([new Dense(1)]);
        Assert.Throws<ArgumentException>(() => model.Compile("sgd", "mse", ["acuracy"]));
        Assert.Throws<ArgumentException>(() => model.Compile("sgd", "msee"));
    }
}
