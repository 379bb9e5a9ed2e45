using Learn.Dnn.Callbacks;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;
using Learn.Dnn.Tests.Models;

namespace Learn.Dnn.Tests.Callbacks;

/// <summary>
/// A NaN in the validation data is reported and stops training, as a NaN training loss does; a monitored value
/// that is not finite is never the best.
/// </summary>
public sealed class NonFiniteMonitorTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("learn-dnn-monitor-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_NaN_in_the_validation_data_is_reported_and_stops_training_after_that_epoch()
    {
        var (x, y) = ModelTestData.TwoHalves(64);
        var (vx, vy) = ModelTestData.TwoHalves(16, seed: 9);
        var values = vx.ToArray();
        values[2 * 11 + 1] = float.NaN;   // sample 11
        var model = new Sequential([new Input(2), new Dense(4, "relu", seed: 1), new Dense(1, "sigmoid", seed: 2)]);
        model.Compile("sgd", "binary_crossentropy");
        string best = Path.Combine(folder, "best.weights.bin");
        var checkpoint = new ModelCheckpoint(best, saveBestOnly: true, saveWeightsOnly: true);

        var history = model.Fit(x, y, batchSize: 16, epochs: 5, verbose: 0, validationData: (Tensor.FromArray(values, 16, 2), vy), callbacks: [checkpoint]);

        var report = history.NonFiniteLoss;
        Assert.NotNull(report);
        Assert.Contains("val_loss became nan at epoch 1/5", report.Message);
        Assert.Contains("sample 11 of validationData", report.Message);
        Assert.Single(history["loss"]);                   // stopped after the epoch
        Assert.True(double.IsNaN(history["val_loss"][0]));
        Assert.False(File.Exists(best), "ModelCheckpoint(saveBestOnly) saved the weights of a NaN val_loss as the best");
    }

    [Fact]
    public void A_NaN_in_the_validation_split_names_the_sample_of_x()
    {
        var (x, y) = ModelTestData.TwoHalves(40);
        var values = x.ToArray();
        values[2 * 35] = float.NaN;                       // in the last quarter: the validation split
        var model = new Sequential([new Input(2), new Dense(1, "sigmoid", seed: 2)]);
        model.Compile("sgd", "binary_crossentropy");
        var report = model.Fit(Tensor.FromArray(values, 40, 2), y, batchSize: 10, epochs: 3, verbose: 0, validationSplit: 0.25).NonFiniteLoss;
        Assert.NotNull(report);
        Assert.Contains("sample 35 of x and y (their validationSplit part)", report.Message);
    }

    [Fact]
    public void A_non_finite_monitored_value_is_never_the_best()
    {
        var script = new CallbackScript();
        string path = Path.Combine(folder, "ckpt.weights.bin");
        var checkpoint = new ModelCheckpoint(path, saveBestOnly: true, saveWeightsOnly: true) { Warnings = TextWriter.Null };
        script.Run(checkpoint, "val_loss", double.NaN, double.PositiveInfinity, 0.7, double.NaN, 0.9);
        Assert.Equal(0.7, checkpoint.Best);
        script.Model.LoadWeights(path);
        Assert.Equal(2f, script.Weight);                  // epoch 2's weights: the first finite value, never beaten by the NaN

        var stop = new EarlyStopping(patience: 1) { Warnings = TextWriter.Null };
        Assert.Equal(2, script.Run(stop, "val_loss", double.NaN, double.NaN, 0.5));
        Assert.Null(stop.Best);

        var plateau = new ReduceLROnPlateau(patience: 1, factor: 0.5) { Warnings = TextWriter.Null };
        script.Run(plateau, "val_loss", 1.0, double.NaN);
        Assert.Equal(1.0, plateau.Best);
        Assert.Equal(0.05f, script.Model.Optimizer!.LearningRate, 6);
    }
}
