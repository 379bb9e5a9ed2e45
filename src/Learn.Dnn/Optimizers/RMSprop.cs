using Learn.Dnn.Devices;
using Learn.Dnn.Optimizers.Schedules;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Optimizers;

/// <summary>
/// RMSprop (Hinton's lecture 6e; Keras' RMSprop: η = 1e-3, ρ = 0.9, momentum 0, centered false, ε = 1e-7).
/// Each weight's step is divided by a running root mean square of its gradients, so that steep and
/// flat directions move at similar speeds:
/// <code>
/// v  ← ρ·v + (1 − ρ)·g²                        the mean square of recent gradients
/// ḡ  ← ρ·ḡ + (1 − ρ)·g                         (centered only) their mean
/// d  = v − ḡ² + ε   (centered: a variance)     or   d = v + ε
/// Δ  = η·g / √d                                ε inside the root, as Keras
/// w  ← w − Δ,   or with momentum μ:   s ← μ·s + Δ,  w ← w − s
/// </code>
/// Keras puts ε inside the square root (PyTorch adds it outside): with v ≈ 0, the step is
/// η·g/√ε = 3162·η·g here, against η·g/ε outside; the golden tests pin the placement.
/// </summary>
[Chapter(5)]
[KerasName("rmsprop")]
public sealed class RMSprop : Optimizer
{
    private Tensor[] velocities = [], averageGradients = [], momentums = [];

    public RMSprop(LearningRateSchedule? learningRate = null, double rho = 0.9, double momentum = 0,
                   double epsilon = DefaultEpsilon, bool centered = false)
        : base(learningRate ?? 1e-3f)
    {
        (Rho, Momentum, Epsilon, Centered) = ((float)rho, (float)momentum, (float)epsilon, centered);
    }


    /// <summary>ρ, the decay of the running mean square.</summary>
    public float Rho { get; }
    public float Momentum { get; }
    public float Epsilon { get; }
    /// <summary>Divide by the running variance v − ḡ² instead of the mean square v.</summary>
    public bool Centered { get; }

    #region rules
    // One rule per combination of the options, so that a step only touches the slots it has:
    // slots [v], [v, gbar], [v, s] or [v, gbar, s]; hyper-parameters [lr, rho, momentum, epsilon].
    public static readonly UpdateRule Plain = Rule(centered: false, momentum: false);
    public static readonly UpdateRule CenteredRule = Rule(centered: true, momentum: false);
    public static readonly UpdateRule WithMomentum = Rule(centered: false, momentum: true);
    public static readonly UpdateRule CenteredWithMomentum = Rule(centered: true, momentum: true);

    private static UpdateRule Rule(bool centered, bool momentum) => new(
        "rmsprop" + (centered ? "_centered" : "") + (momentum ? "_momentum" : ""),
        [.. new[] { "v" }, .. centered ? ["gbar"] : Array.Empty<string>(), .. momentum ? ["s"] : Array.Empty<string>()],
        ["lr", "rho", "momentum", "epsilon"],
        (ref float w, float g, ref float v, ref float s1, ref float s2, ReadOnlySpan<float> h) =>
        {
            float lr = h[0], rho = h[1], mu = h[2], epsilon = h[3];
            ref float gbar = ref s1;                                  // used only when centered
            ref float s = ref centered ? ref s2 : ref s1;             // used only with momentum
            v = rho * v + (1f - rho) * (g * g);                       // v = ρv + (1−ρ)g²
            float denominator;
            if (centered)
            {
                gbar = rho * gbar + (1f - rho) * g;                   // ḡ = ρḡ + (1−ρ)g
                denominator = v - gbar * gbar + epsilon;              // v − ḡ² + ε: the variance
            }
            else denominator = v + epsilon;
            float increment = lr * g / MathF.Sqrt(denominator);       // η·g/√(… + ε): ε inside the root
            if (momentum)
            {
                s = mu * s + increment;
                w -= s;
            }
            else w -= increment;
        },
        "v = rho * v + (1.0f - rho) * (g * g);\n" +
        (centered ? "gbar = rho * gbar + (1.0f - rho) * g;\nconst float denominator = v - gbar * gbar + epsilon;\n"
                  : "const float denominator = v + epsilon;\n") +
        "const float increment = lr * g / sqrt(denominator);\n" +
        (momentum ? "s = momentum * s + increment;\nw -= s;" : "w -= increment;"));
    #endregion

    protected override void Build(IReadOnlyList<Tensor> weights)
    {
        velocities = AddSlots(weights);
        if (Momentum > 0f) momentums = AddSlots(weights);
        if (Centered) averageGradients = AddSlots(weights);
    }

    #region update
    protected override void Update(int index, Tensor weight, Tensor gradient, float learningRate)
    {
        bool momentum = Momentum > 0f;
        var rule = Centered ? (momentum ? CenteredWithMomentum : CenteredRule) : (momentum ? WithMomentum : Plain);
        Storage[] slots = [velocities[index].Storage, .. Centered ? [averageGradients[index].Storage] : Array.Empty<Storage>(),
                           .. momentum ? [momentums[index].Storage] : Array.Empty<Storage>()];
        weight.Device.Update(rule, weight.Storage, gradient.Storage, slots, [learningRate, Rho, Momentum, Epsilon]);
    }
    #endregion
}
