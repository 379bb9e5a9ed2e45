using Learn.Dnn.Callbacks;

namespace Learn.Dnn.Tests.Callbacks;

/// <summary>ReduceLROnPlateau on scripted sequences: when the learning rate drops, cooldown, minLr.</summary>
public sealed class ReduceLROnPlateauTests
{
    private static List<double> LearningRates(CallbackScript script, ReduceLROnPlateau callback, params double[] values)
    {
        var logs = values.Select(v => new Dictionary<string, double> { ["val_loss"] = v }).ToArray();
        script.Run(callback, logs);
        return logs.Select(l => l["learning_rate"]).ToList();              // logged before the epoch's decision
    }

    [Fact]
    public void The_rate_drops_by_factor_after_patience_epochs_without_improvement()
    {
        var script = new CallbackScript(learningRate: 1f);
        var lrs = LearningRates(script, new ReduceLROnPlateau(factor: 0.5, patience: 2), 1.0, 0.9, 0.95, 0.95, 0.95, 0.95);
        Assert.Equal([1, 1, 1, 1, 0.5, 0.5], lrs);                          // drops at the end of epoch 3, then again after 5
        Assert.Equal(0.25f, script.Model.Optimizer!.LearningRate);
    }

    [Fact]
    public void Cooldown_holds_the_wait_at_0_for_that_many_epochs_after_a_drop()
    {
        var script = new CallbackScript(learningRate: 1f);
        var lrs = LearningRates(script, new ReduceLROnPlateau(factor: 0.5, patience: 1, cooldown: 2), 1.0, 2, 2, 2, 2, 2, 2);
        // drop at epoch 1 (cooldown = 2); epoch 2 counts it down to 1 and waits not; epoch 3 counts it
        // down to 0 and, no longer in cooldown, waits 1 ≥ 1: drop. As Keras: cooldown c skips c − 1 epochs.
        Assert.Equal([1, 1, 0.5, 0.5, 0.25, 0.25, 0.125], lrs);
        Assert.Equal(0.125f, script.Model.Optimizer!.LearningRate);      // the third drop, at epoch 5
    }

    [Fact]
    public void The_rate_never_goes_below_minLr()
    {
        var script = new CallbackScript(learningRate: 1f);
        LearningRates(script, new ReduceLROnPlateau(factor: 0.1, patience: 1, minLr: 0.05), 1.0, 2, 2, 2, 2);
        Assert.Equal(0.05f, script.Model.Optimizer!.LearningRate);
    }

    [Fact]
    public void The_default_minDelta_1e_4_makes_tiny_improvements_count_as_none()
    {
        var script = new CallbackScript(learningRate: 1f);
        LearningRates(script, new ReduceLROnPlateau(patience: 1), 1.0, 0.99995);
        Assert.Equal(0.1f, script.Model.Optimizer!.LearningRate, 6);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau(factor: 1.0));
    }

    [Fact]
    public void LearningRateScheduler_sets_the_rate_at_each_epoch_begin()
    {
        var script = new CallbackScript(learningRate: 1f);
        var logs = Enumerable.Range(0, 4).Select(_ => new Dictionary<string, double>()).ToArray();
        script.Run(new LearningRateScheduler((epoch, lr) => epoch < 2 ? lr : lr / 2), logs);
        Assert.Equal([1, 1, 0.5, 0.25], logs.Select(l => l["learning_rate"]));
        script.Run(new LearningRateScheduler(epoch => 0.1 * (epoch + 1)), logs);
        Assert.Equal(0.4f, script.Model.Optimizer!.LearningRate, 6);
    }
}
