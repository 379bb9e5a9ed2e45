using Learn.Dnn.Callbacks;

namespace Learn.Dnn.Tests.Callbacks;

/// <summary>EarlyStopping on scripted val_loss / val_accuracy sequences: when it stops, and which weights come back.</summary>
public sealed class EarlyStoppingTests
{
    [Fact]
    public void Patience_0_stops_at_the_first_epoch_without_improvement()
    {
        var script = new CallbackScript();
        var stop = new EarlyStopping();
        Assert.Equal(3, script.Run(stop, "val_loss", 1.0, 0.8, 0.9, 0.7));
        Assert.Equal(2, stop.StoppedEpoch);
    }

    [Fact]
    public void Patience_counts_epochs_without_improvement_since_the_best()
    {
        var script = new CallbackScript();
        // best at epoch 1; epochs 2, 3, 4 do not improve; patience 3 stops at epoch 4
        Assert.Equal(5, script.Run(new EarlyStopping(patience: 3), "val_loss", 1.0, 0.5, 0.6, 0.55, 0.5, 0.1));
        // an improvement at epoch 3 restarts the wait: stops at 3 + 3 = 6
        Assert.Equal(7, script.Run(new EarlyStopping(patience: 3), "val_loss", 1.0, 0.5, 0.6, 0.4, 0.45, 0.45, 0.45, 0.1));
    }

    [Fact]
    public void An_improvement_smaller_than_minDelta_is_no_improvement()
    {
        var script = new CallbackScript();
        Assert.Equal(3, script.Run(new EarlyStopping(minDelta: 0.1, patience: 2), "val_loss", 1.0, 0.95, 0.91, 0.5));
        Assert.Equal(4, script.Run(new EarlyStopping(minDelta: -0.1, patience: 1), "val_loss", 1.0, 0.85, 0.7, 0.65, 0.64));   // |minDelta|
    }

    [Fact]
    public void The_first_value_always_counts_as_an_improvement_even_against_a_baseline_it_does_not_beat()
    {
        var script = new CallbackScript();
        Assert.Equal(2, script.Run(new EarlyStopping(baseline: 0.1), "val_loss", 1.0, 2.0, 3.0));
    }

    [Fact]
    public void A_baseline_not_beaten_stops_after_patience_epochs_even_while_improving_it_does_not()
    {
        var script = new CallbackScript();
        // Improvements that do not beat the baseline 0.5 do not reset wait, and an improving epoch never stops;
        // epoch 2 (no improvement) has wait 3 ≥ 2: stop.
        Assert.Equal(3, script.Run(new EarlyStopping(patience: 2, baseline: 0.5), "val_loss", 1.0, 0.9, 0.95, 0.1));
        // Beating the baseline resets the wait: epoch 1 resets it, epochs 2 and 3 wait 1 and 2: stop.
        Assert.Equal(4, script.Run(new EarlyStopping(patience: 2, baseline: 0.5), "val_loss", 1.0, 0.4, 0.45, 0.45, 0.45));
    }

    [Fact]
    public void Epochs_before_startFromEpoch_are_not_watched()
    {
        var script = new CallbackScript();
        Assert.Equal(4, script.Run(new EarlyStopping(startFromEpoch: 2), "val_loss", 1.0, 2.0, 3.0, 4.0, 5.0));
    }

    [Fact]
    public void Mode_auto_maximizes_val_accuracy_and_max_min_force_the_direction()
    {
        var script = new CallbackScript();
        var stop = new EarlyStopping(monitor: "val_accuracy");
        Assert.Equal(3, script.Run(stop, "val_accuracy", 0.5, 0.7, 0.6, 0.9));
        Assert.True(stop.Maximizing);
        Assert.Equal(2, script.Run(new EarlyStopping(monitor: "val_accuracy", mode: "min"), "val_accuracy", 0.5, 0.7));
        Assert.Equal(3, script.Run(new EarlyStopping(monitor: "loss", mode: "max"), "loss", 0.5, 0.7, 0.6));
    }

    [Fact]
    public void Mode_auto_on_an_unknown_metric_asks_for_a_mode()
    {
        var script = new CallbackScript();
        var error = Assert.Throws<InvalidOperationException>(() => script.Run(new EarlyStopping(monitor: "val_something"), "val_something", 1.0));
        Assert.Contains("mode: \"max\"", error.Message);
    }

    [Fact]
    public void Restores_the_best_epochs_weights_after_a_stop()
    {
        var script = new CallbackScript();
        var stop = new EarlyStopping(patience: 2, restoreBestWeights: true);
        Assert.Equal(4, script.Run(stop, "val_loss", 1.0, 0.4, 0.5, 0.6, 0.1));
        Assert.Equal(1, stop.BestEpoch);
        Assert.Equal(1f, script.Weight);                                   // epoch 1's weights, not epoch 3's
    }

    [Fact]
    public void Restores_the_best_weights_at_train_end_even_without_a_stop()
    {
        var script = new CallbackScript();
        Assert.Equal(4, script.Run(new EarlyStopping(patience: 10, restoreBestWeights: true), "val_loss", 1.0, 0.2, 0.5, 0.6));
        Assert.Equal(1f, script.Weight);
        Assert.Equal(4, script.Run(new EarlyStopping(patience: 10, restoreBestWeights: false), "val_loss", 1.0, 0.2, 0.5, 0.6));
        Assert.Equal(3f, script.Weight);                                   // not restoring: the last epoch's weights stay
    }

    [Fact]
    public void A_missing_monitor_value_is_skipped()
    {
        var script = new CallbackScript();
        Assert.Equal(3, script.Run(new EarlyStopping(), "loss", 1.0, 2.0, 3.0));
    }

    [Fact]
    public void In_Fit_training_stops_and_History_has_the_epochs_run()
    {
        var (x, y) = Models.ModelTestData.TwoHalves(32);
        var model = new Learn.Dnn.Models.Sequential([new Learn.Dnn.Layers.Input(2), new Learn.Dnn.Layers.Dense(1, seed: 1)]);
        model.Compile(new Learn.Dnn.Optimizers.SGD(0f), "mse");             // lr 0: the loss never improves
        var history = model.Fit(x, y, epochs: 20, verbose: 0, callbacks: [new EarlyStopping(monitor: "loss", patience: 2)]);
        Assert.Equal(3, history["loss"].Count);
    }
}
