using Learn.Dnn.Devices;
using Learn.Dnn.Optimizers.Schedules;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Optimizers;

/// <summary>
/// Adagrad (Duchi et al. 2011; Keras' Adagrad: η = 1e-3, initial_accumulator_value 0.1, ε = 1e-7).
/// Each weight's step is divided by the root of the sum of all its squared gradients so far, so
/// weights that were updated often take smaller steps:
/// <code>
/// acc ← acc + g²              (acc starts at 0.1, not 0)
/// w   ← w − η·g / √(acc + ε)
/// </code>
/// The sum only grows, so every step shrinks: Adagrad can stop learning before it has converged.
/// </summary>
[Chapter(5)]
[KerasName("adagrad")]
public sealed class Adagrad : Optimizer
{
    private Tensor[] accumulators = [];

    public Adagrad(LearningRateSchedule? learningRate = null, double initialAccumulatorValue = 0.1, double epsilon = DefaultEpsilon)
        : base(learningRate ?? 1e-3f)
    {
        (InitialAccumulatorValue, Epsilon) = ((float)initialAccumulatorValue, (float)epsilon);
    }


    public float InitialAccumulatorValue { get; }
    public float Epsilon { get; }

    #region rule
    /// <summary>acc ← acc + g²; w ← w − η·g/√(acc + ε). Slots [acc]; hyper-parameters [lr, epsilon].</summary>
    public static readonly UpdateRule Rule = new("adagrad", ["acc"], ["lr", "epsilon"],
        static (ref float w, float g, ref float acc, ref float _, ref float _, ReadOnlySpan<float> h) =>
        {
            float lr = h[0], epsilon = h[1];
            acc += g * g;
            w -= lr * g / MathF.Sqrt(acc + epsilon);
        },
        """
        acc += g * g;
        w -= lr * g / sqrt(acc + epsilon);
        """);
    #endregion

    protected override void Build(IReadOnlyList<Tensor> weights) => accumulators = AddSlots(weights, InitialAccumulatorValue);

    protected override void Update(int index, Tensor weight, Tensor gradient, float learningRate) =>
        weight.Device.Update(Rule, weight.Storage, gradient.Storage, [accumulators[index].Storage], [learningRate, Epsilon]);
}
