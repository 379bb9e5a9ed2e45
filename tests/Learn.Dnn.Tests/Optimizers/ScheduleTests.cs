using Learn.Dnn.Optimizers;
using Learn.Dnn.Optimizers.Schedules;

namespace Learn.Dnn.Tests.Optimizers;

/// <summary>Keras' learning-rate schedules at chosen steps (step = the optimizer's iterations, from 0).</summary>
public sealed class ScheduleTests
{
    private static void Near(double expected, float actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-6 * Math.Max(1e-3, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}.");

    [Fact]
    public void ExponentialDecay_is_lr0_times_rate_to_the_step_over_decay_steps()
    {
        var smooth = new ExponentialDecay(0.1f, decaySteps: 10, decayRate: 0.5f);
        Near(0.1, smooth[0], "step 0");
        Near(0.1 * Math.Pow(0.5, 0.5), smooth[5], "step 5");
        Near(0.05, smooth[10], "step 10");
        Near(0.1 * Math.Pow(0.5, 2.5), smooth[25], "step 25");
    }

    [Fact]
    public void ExponentialDecay_with_staircase_drops_once_per_period()
    {
        var stairs = new ExponentialDecay(0.1f, decaySteps: 10, decayRate: 0.5f, staircase: true);
        Near(0.1, stairs[0], "step 0");
        Near(0.1, stairs[9], "step 9");
        Near(0.05, stairs[10], "step 10");
        Near(0.025, stairs[25], "step 25");
    }

    [Fact]
    public void PiecewiseConstantDecay_includes_each_boundary_in_the_interval_before_it()
    {
        var piecewise = new PiecewiseConstantDecay([10, 20], [1f, 0.5f, 0.1f]);
        Assert.Equal([1f, 1f, 0.5f, 0.5f, 0.1f, 0.1f], new long[] { 0, 10, 11, 20, 21, 1000 }.Select(s => piecewise[s]));
        Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([10, 20], [1f, 0.5f]));
    }

    [Fact]
    public void CosineDecay_falls_along_half_a_cosine_to_alpha_times_lr0_and_stays()
    {
        var cosine = new CosineDecay(1f, decaySteps: 100, alpha: 0.1f);
        Near(1.0, cosine[0], "step 0");
        Near(0.9 * 0.5 * (1 + Math.Cos(Math.PI * 0.25)) + 0.1, cosine[25], "step 25");
        Near(0.55, cosine[50], "step 50");
        Near(0.1, cosine[100], "step 100");
        Near(0.1, cosine[500], "step 500");
    }

    [Fact]
    public void CosineDecay_with_warmup_rises_linearly_then_decays_from_the_target()
    {
        var warm = new CosineDecay(0f, decaySteps: 100, warmupTarget: 1f, warmupSteps: 10);
        Near(0.0, warm[0], "step 0");
        Near(0.5, warm[5], "step 5");
        Near(1.0, warm[10], "step 10 (warmup done)");
        Near(0.5, warm[60], "step 60 (half the decay)");
        Near(0.0, warm[110], "step 110");
        Near(0.0, warm[1000], "step 1000");
    }

    [Fact]
    public void An_optimizer_reads_its_schedule_at_its_iterations()
    {
        // SGD with η = 1, 0.5, 0.25, … (staircase every step): w = 0, g = 1 each step → w = −(1 + 0.5 + 0.25).
        var sgd = new SGD(new ExponentialDecay(1f, decaySteps: 1, decayRate: 0.5f, staircase: true));
        var w = Tensor.Zeros(1);
        Assert.Equal(1f, sgd.LearningRate);
        for (int step = 0; step < 3; step++)
        {
            w.RequiresGrad = true;
            w.AccumulateGrad(Tensor.Ones(1));
            sgd.Apply([w]);
            w.ZeroGrad();
        }
        Near(-1.75, w.ToArray()[0], "w after three steps");
        Assert.Equal(0.125f, sgd.LearningRate);
        var e = Assert.Throws<InvalidOperationException>(() => sgd.LearningRate = 0.1f);
        Assert.Contains("schedule", e.Message);
    }

    [Fact]
    public void A_plain_learning_rate_can_be_set_between_steps()
    {
        var adam = new Adam(0.01f);
        adam.LearningRate = 0.02f;
        Assert.Equal(0.02f, adam.LearningRate);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(-1f));
    }
}
