using System.Text.Json.Nodes;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Optimizers.Schedules;

/// <summary>
/// A learning rate that depends on the step: η(step), with step = the optimizer's
/// <see cref="Optimizer.Iterations"/> before the step is taken (0 for the first step), as in Keras'
/// <c>keras.optimizers.schedules</c>. Every optimizer's <c>learningRate</c> argument is a schedule;
/// a plain number converts to the constant schedule, so <c>new Adam(0.01f)</c> and
/// <c>new Adam(new CosineDecay(0.01f, 1000))</c> both read as Keras does.
/// </summary>
[Chapter(5)]
[KerasModule("keras.optimizers.schedules")]
public abstract class LearningRateSchedule : IConfigurable
{
    /// <summary>η at optimizer step <paramref name="step"/> (counted from 0).</summary>
    public abstract float this[long step] { get; }

    /// <summary>A number is the schedule that always gives it.</summary>
    public static implicit operator LearningRateSchedule(float learningRate) => new ConstantLearningRate(learningRate);

    /// <summary>Keras' get_config(): the constructor's arguments (<see cref="KerasConfig"/>).</summary>
    [Chapter(9)]
    public virtual JsonObject GetConfig() => KerasConfig.Of(this);

    /// <summary>Throws unless <paramref name="value"/> is a positive finite number (decay_steps and the like).</summary>
    private protected static void RequirePositive(string schedule, string name, double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, $"{schedule}: {name} must be > 0, got {value}.");
    }
}
