using Learn.Dnn.Callbacks;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;
using Learn.Dnn.Tests.Models;

namespace Learn.Dnn.Tests.Callbacks;

/// <summary>CSVLogger's file, TerminateOnNaN, LambdaCallback and a subclassed callback.</summary>
public sealed class LoggingCallbackTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("learn-dnn-csv-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Dictionary<string, double>[] Logs(params (double Loss, double? ValLoss)[] epochs) =>
        epochs.Select(e =>
        {
            var logs = new Dictionary<string, double> { ["loss"] = e.Loss, ["accuracy"] = 0.5 };
            if (e.ValLoss is { } v) logs["val_loss"] = v;
            return logs;
        }).ToArray();

    [Fact]
    public void CSVLogger_writes_epoch_then_sorted_keys_as_Python_prints_them()
    {
        var path = Path.Combine(folder, "log.csv");
        new CallbackScript().Run(new CSVLogger(path), Logs((0.6931471824645996, 0.5), (1e-05, 3.0)));
        Assert.Equal("epoch,accuracy,loss,val_loss\r\n0,0.5,0.6931471824645996,0.5\r\n1,0.5,1e-05,3.0\r\n", File.ReadAllText(path));
    }

    [Fact]
    public void CSVLogger_adds_val_columns_when_the_first_epoch_has_none_and_writes_NA()
    {
        var path = Path.Combine(folder, "freq.csv");
        new CallbackScript().Run(new CSVLogger(path, separator: ";"), Logs((1.0, null), (0.5, 0.25)));
        Assert.Equal("epoch;accuracy;loss;val_accuracy;val_loss\r\n0;0.5;1.0;NA;NA\r\n1;0.5;0.5;NA;0.25\r\n", File.ReadAllText(path));
    }

    [Fact]
    public void CSVLogger_append_continues_the_file_without_a_second_header()
    {
        var path = Path.Combine(folder, "append.csv");
        var script = new CallbackScript();
        script.Run(new CSVLogger(path), Logs((1.0, 2.0)));
        script.Run(new CSVLogger(path, append: true), Logs((0.5, 1.5)));
        Assert.Equal("epoch,accuracy,loss,val_loss\r\n0,0.5,1.0,2.0\r\n0,0.5,0.5,1.5\r\n", File.ReadAllText(path));
        script.Run(new CSVLogger(path), Logs((0.25, 0.75)));                  // append false: a new file
        Assert.Equal("epoch,accuracy,loss,val_loss\r\n0,0.5,0.25,0.75\r\n", File.ReadAllText(path));
    }

    [Theory]
    [InlineData(0.5, "0.5")]
    [InlineData(3.0, "3.0")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1e16, "1e+16")]
    [InlineData(123456789.125, "123456789.125")]
    [InlineData(-2.5e-07, "-2.5e-07")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(double.NaN, "nan")]
    public void Values_are_written_as_Python_repr(double value, string expected) =>
        Assert.Equal(expected, PythonFormat.Repr(value));

    [Fact]
    public void TerminateOnNaN_stops_at_the_first_non_finite_batch_loss()
    {
        var script = new CallbackScript();
        var callback = new TerminateOnNaN();
        callback.SetModel(script.Model);
        script.Model.StopTraining = false;
        callback.OnTrainBatchEnd(0, new Dictionary<string, double> { ["loss"] = 0.5 });
        Assert.False(script.Model.StopTraining);
        callback.OnTrainBatchEnd(1, new Dictionary<string, double> { ["loss"] = double.PositiveInfinity });
        Assert.True(script.Model.StopTraining);
        Assert.Throws<InvalidOperationException>(() => new TerminateOnNaN(raiseError: true).OnTrainBatchEnd(2, new Dictionary<string, double> { ["loss"] = double.NaN }));
    }

    [Fact]
    public void LambdaCallback_calls_its_delegates_in_Fit_and_a_subclass_can_stop_training()
    {
        var (x, y) = ModelTestData.TwoHalves(32);
        var model = new Sequential([new Input(2), new Dense(1, seed: 1)]);
        model.Compile(new SGD(0.1f), "mse");
        var calls = new List<string>();
        var lambda = new LambdaCallback(
            onTrainBegin: _ => calls.Add("begin"),
            onEpochEnd: (epoch, logs) => calls.Add($"epoch {epoch} loss {logs.ContainsKey("loss")}"),
            onTrainBatchEnd: (batch, _) => calls.Add($"batch {batch}"),
            onTrainEnd: _ => calls.Add("end"));
        var history = model.Fit(x, y, batchSize: 16, epochs: 5, verbose: 0, callbacks: [lambda, new StopAfter(2)]);
        Assert.Equal(["begin", "batch 0", "batch 1", "epoch 0 loss True", "batch 0", "batch 1", "epoch 1 loss True", "end"], calls);
        Assert.Equal(2, history["loss"].Count);
    }

    /// <summary>A custom callback, by subclassing: stop after a number of epochs.</summary>
    private sealed class StopAfter(int epochs) : Callback
    {
        public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
        {
            if (epoch + 1 >= epochs) Model!.StopTraining = true;
        }
    }

    [Fact]
    public void ReduceLROnPlateau_in_Fit_puts_learning_rate_into_History()
    {
        var (x, y) = ModelTestData.TwoHalves(32);
        var model = new Sequential([new Input(2), new Dense(1, seed: 1)]);
        model.Compile(new SGD(0f), "mse");                                    // the loss never improves
        var history = model.Fit(x, y, epochs: 4, verbose: 0, callbacks: [new ReduceLROnPlateau(monitor: "loss", patience: 1, factor: 0.5)]);
        Assert.Equal([0, 0, 0, 0], history["learning_rate"]);                 // 0·0.5 = 0: nothing to reduce, but logged
    }
}
