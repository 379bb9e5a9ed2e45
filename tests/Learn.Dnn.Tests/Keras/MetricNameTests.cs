using Learn.Dnn.Layers;
using Learn.Dnn.Metrics;
using Learn.Dnn.Models;

namespace Learn.Dnn.Tests.Keras;

/// <summary>
/// The metric strings of Keras 3 (KERAS3-WAVE3.md §3): the snake-case name, the class name and the
/// aliases resolve, to a new instance logged under the string as written.
/// </summary>
public sealed class MetricNameTests
{
    public static TheoryData<string, Type> Names() => new()
    {
        { "mean_squared_error", typeof(MeanSquaredError) }, { "mse", typeof(MeanSquaredError) }, { "MSE", typeof(MeanSquaredError) },
        { "MeanSquaredError", typeof(MeanSquaredError) },
        { "mean_absolute_error", typeof(MeanAbsoluteError) }, { "mae", typeof(MeanAbsoluteError) }, { "MAE", typeof(MeanAbsoluteError) },
        { "MeanAbsoluteError", typeof(MeanAbsoluteError) },
        { "root_mean_squared_error", typeof(RootMeanSquaredError) }, { "RootMeanSquaredError", typeof(RootMeanSquaredError) },
        { "mean_absolute_percentage_error", typeof(MeanAbsolutePercentageError) }, { "mape", typeof(MeanAbsolutePercentageError) },
        { "mean_squared_logarithmic_error", typeof(MeanSquaredLogarithmicError) }, { "msle", typeof(MeanSquaredLogarithmicError) },
        { "binary_accuracy", typeof(BinaryAccuracy) }, { "BinaryAccuracy", typeof(BinaryAccuracy) },
        { "categorical_accuracy", typeof(CategoricalAccuracy) }, { "CategoricalAccuracy", typeof(CategoricalAccuracy) },
        { "sparse_categorical_accuracy", typeof(SparseCategoricalAccuracy) }, { "SparseCategoricalAccuracy", typeof(SparseCategoricalAccuracy) },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void A_Keras_metric_string_resolves_and_keeps_its_spelling_as_name(string written, Type type)
    {
        var metric = Metric.Get(written);
        Assert.IsType(type, metric);
        Assert.Equal(written, metric.Name);
        Assert.NotSame(metric, Metric.Get(written));
    }

    [Fact]
    public void Regression_metrics_follow_Keras_formulas()
    {
        var yTrue = Tensor.FromArray([1f, 2f, 3f, 4f], new Shape(2, 2));
        var yPred = Tensor.FromArray([2f, 2f, 1f, 4f], new Shape(2, 2));
        double Result(Metric m) { m.Update(yTrue, yPred); return m.Result(); }
        // per-sample means of e² = [0.5, 2], of |e| = [0.5, 1]
        Assert.Equal(1.25, Result(new MeanSquaredError()), 12);
        Assert.Equal(0.75, Result(new MeanAbsoluteError()), 12);
        Assert.Equal(Math.Sqrt(1.25), Result(new RootMeanSquaredError()), 12);
        Assert.Equal((100.0 / 2 + 200.0 / 3 / 2) / 2, Result(new MeanAbsolutePercentageError()), 9);
        double Sq(double d) => d * d;
        double msle = ((Sq(Math.Log(3) - Math.Log(2)) + 0) / 2 + (Sq(Math.Log(2) - Math.Log(4)) + 0) / 2) / 2;
        Assert.Equal(msle, Result(new MeanSquaredLogarithmicError()), 9);
    }

    [Fact]
    public void Compile_with_mean_squared_error_logs_it_under_the_names_as_written()
    {
        var x = Tensor.FromArray([1f, 2f, 3f, 4f], new Shape(4, 1));
        var y = Tensor.FromArray([2f, 4f, 6f, 8f], new Shape(4, 1));
        var model = new Sequential([new Input(1), new Dense(1, seed: 1)]);
        model.Compile("sgd", "mse", ["mean_squared_error", "mae", "RootMeanSquaredError"]);
        var history = model.Fit(x, y, epochs: 1, batchSize: 4, shuffle: false, verbose: 0);
        Assert.Equal(history.Logs["loss"][0], history.Logs["mean_squared_error"][0], 3);
        Assert.Equal(Math.Sqrt(history.Logs["mean_squared_error"][0]), history.Logs["RootMeanSquaredError"][0], 9);
        Assert.True(history.Logs.ContainsKey("mae"));
    }
}
