using Learn.Dnn.Layers;
using Learn.Dnn.Losses;
using Learn.Dnn.Metrics;
using Learn.Dnn.Models;
using MeanSquaredError = Learn.Dnn.Losses.MeanSquaredError;

namespace Learn.Dnn.Tests.Keras;

/// <summary>
/// Keras 3's squeeze_or_expand_to_same_rank: targets of shape [n] meet a one-unit output [n, 1] in
/// every loss and metric; a shape that still does not fit says how to fix it.
/// </summary>
public sealed class TargetRankTests
{
    private static readonly Tensor Flat = Tensor.FromArray([0f, 1f, 1f], new Shape(3));
    private static readonly Tensor Column = Tensor.FromArray([0f, 1f, 1f], new Shape(3, 1));
    private static readonly Tensor Predictions = Tensor.FromArray([0.2f, 0.7f, 0.4f], new Shape(3, 1));

    public static TheoryData<string> Losses() => new("mean_squared_error", "binary_crossentropy");

    [Theory]
    [MemberData(nameof(Losses))]
    public void A_loss_expands_1D_targets_as_Keras_does(string name)
    {
        var loss = Loss.Get(name);
        Assert.Equal(loss.Call(Column, Predictions).Item(), loss.Call(Flat, Predictions).Item());
        // and the other way round: [n, 1] targets against [n] predictions
        var flatPredictions = Predictions.Reshape(3);
        Assert.Equal(loss.Call(Column, Predictions).Item(), loss.Call(Column, flatPredictions).Item());
    }

    [Fact]
    public void The_gradient_reaches_the_predictions_through_the_expansion()
    {
        var yPred = Tensor.FromArray([0.2f, 0.7f, 0.4f], new Shape(3, 1));
        yPred.RequiresGrad = true;
        new MeanSquaredError().Call(Flat, yPred).Backward();
        Assert.Equal(new Shape(3, 1), yPred.Grad!.Shape);
        Assert.Equal(2f * (0.2f - 0f) / 3, yPred.Grad.ToArray()[0], 6);
    }

    public static TheoryData<string> MetricNames() => new("accuracy", "binary_accuracy", "mse", "mae", "root_mean_squared_error");

    [Theory]
    [MemberData(nameof(MetricNames))]
    public void A_metric_expands_1D_targets_as_Keras_does(string name)
    {
        Metric flat = Metric.Get(name), column = Metric.Get(name);
        flat.Update(Flat, Predictions);
        column.Update(Column, Predictions);
        Assert.Equal(column.Result(), flat.Result());
    }

    [Fact]
    public void Fit_and_Evaluate_take_1D_targets_for_a_one_unit_output()
    {
        var x = Tensor.FromArray([1f, 2f, 3f, 4f], new Shape(4, 1));
        var yFlat = Tensor.FromArray([2f, 4f, 6f, 8f], new Shape(4));
        Model Trained(Tensor y)
        {
            var model = new Sequential([new Input(1), new Dense(1, seed: 2)]);
            model.Compile("sgd", "mse", ["mae"]);
            model.Fit(x, y, epochs: 2, batchSize: 2, shuffle: false, verbose: 0);
            return model;
        }
        var fromFlat = Trained(yFlat);
        var fromColumn = Trained(yFlat.Reshape(4, 1));
        Assert.Equal(fromColumn.GetWeights().SelectMany(w => w.ToArray()), fromFlat.GetWeights().SelectMany(w => w.ToArray()));
        Assert.Equal(fromColumn.Evaluate(x, yFlat.Reshape(4, 1), verbose: 0), fromFlat.Evaluate(x, yFlat, verbose: 0));
    }

    [Fact]
    public void A_shape_that_still_does_not_fit_suggests_the_fix()
    {
        var twoTargets = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], new Shape(3, 2));
        var e = Assert.Throws<ShapeMismatchException>(() => new MeanSquaredError().Call(twoTargets, Predictions));
        Assert.Contains("give the last layer 2 unit(s)", e.Message);
        var sameSize = Tensor.FromArray([1f, 2f, 3f], new Shape(1, 3));
        var batch = Tensor.FromArray([1f, 2f, 3f], new Shape(1, 1, 3));
        var reshape = Assert.Throws<ShapeMismatchException>(() => new MeanSquaredError().Call(batch, sameSize));
        Assert.Contains("Reshape y_true to [1, 3]", reshape.Message);
    }
}
