using Learn.Dnn.Devices;
using Learn.Dnn.Optimizers.Schedules;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Optimizers;

/// <summary>
/// Adadelta (Zeiler 2012; Keras' Adadelta: η = 1e-3, not the paper's 1.0; ρ = 0.95; ε = 1e-7).
/// The step's size is the ratio of two running root mean squares, of past steps and of past
/// gradients, which gives the step the units of w:
/// <code>
/// E[g²]  ← ρ·E[g²] + (1 − ρ)·g²
/// Δ      = −√(E[Δ²] + ε) / √(E[g²] + ε) · g
/// E[Δ²]  ← ρ·E[Δ²] + (1 − ρ)·Δ²
/// w      ← w + η·Δ
/// </code>
/// </summary>
[Chapter(5)]
[KerasName("adadelta")]
public sealed class Adadelta : Optimizer
{
    private Tensor[] accumulatedGradients = [], accumulatedDeltas = [];

    public Adadelta(LearningRateSchedule? learningRate = null, double rho = 0.95, double epsilon = DefaultEpsilon)
        : base(learningRate ?? 1e-3f)
    {
        (Rho, Epsilon) = ((float)rho, (float)epsilon);
    }


    public float Rho { get; }
    public float Epsilon { get; }

    #region rule
    /// <summary>Slots [eg (E[g²]), edx (E[Δ²])]; hyper-parameters [lr, rho, epsilon].</summary>
    public static readonly UpdateRule Rule = new("adadelta", ["eg", "edx"], ["lr", "rho", "epsilon"],
        static (ref float w, float g, ref float eg, ref float edx, ref float _, ReadOnlySpan<float> h) =>
        {
            float lr = h[0], rho = h[1], epsilon = h[2];
            eg = rho * eg + (1f - rho) * (g * g);
            float delta = -(MathF.Sqrt(edx + epsilon) * g / MathF.Sqrt(eg + epsilon));   // RMS[Δ]/RMS[g]·g
            edx = rho * edx + (1f - rho) * (delta * delta);
            w += lr * delta;
        },
        """
        eg = rho * eg + (1.0f - rho) * (g * g);
        const float delta = -(sqrt(edx + epsilon) * g / sqrt(eg + epsilon));
        edx = rho * edx + (1.0f - rho) * (delta * delta);
        w += lr * delta;
        """);
    #endregion

    protected override void Build(IReadOnlyList<Tensor> weights)
    {
        (accumulatedGradients, accumulatedDeltas) = AddSlotPairs(weights);
    }

    protected override void Update(int index, Tensor weight, Tensor gradient, float learningRate) =>
        weight.Device.Update(Rule, weight.Storage, gradient.Storage,
                             [accumulatedGradients[index].Storage, accumulatedDeltas[index].Storage], [learningRate, Rho, Epsilon]);
}
