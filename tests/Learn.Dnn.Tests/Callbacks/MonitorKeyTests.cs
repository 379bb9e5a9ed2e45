using Learn.Dnn.Callbacks;

namespace Learn.Dnn.Tests.Callbacks;

/// <summary>
/// A monitor that names a key no log holds (a typo such as "val_los") is a warning that lists the keys the logs
/// do have, as Keras warns, not an error about which direction to follow.
/// </summary>
public sealed class MonitorKeyTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("learn-dnn-monitor-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_monitor_that_names_no_logged_key_says_which_keys_the_logs_have()
    {
        foreach (MonitorCallback callback in new MonitorCallback[]
                 {
                     new EarlyStopping(monitor: "val_los"),
                     new ModelCheckpoint(Path.Combine(folder, "m.weights.bin"), monitor: "val_los", saveBestOnly: true, saveWeightsOnly: true),
                     new ReduceLROnPlateau(monitor: "val_los"),
                 })
        {
            var warnings = new StringWriter();
            callback.Warnings = warnings;
            var logs = new Dictionary<string, double> { ["loss"] = 0.5, ["val_loss"] = 0.6 };
            new CallbackScript().Run(callback, [logs, new(logs)]);   // no "cannot tell whether to maximize" error
            Assert.Contains("monitors `val_los`: no such key; the logs have: ", warnings.ToString());
            Assert.Contains("loss, val_loss.", warnings.ToString());
        }
    }
}
