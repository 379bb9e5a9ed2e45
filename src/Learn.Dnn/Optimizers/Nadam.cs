using Learn.Dnn.Devices;
using Learn.Dnn.Optimizers.Schedules;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Optimizers;

/// <summary>
/// Nadam (Dozat 2016; Keras' Nadam: η = 1e-3, β1 = 0.9, β2 = 0.999, ε = 1e-7): Adam with Nesterov
/// momentum, and a momentum factor that warms up over the first steps. At step t = iterations + 1:
/// <code>
/// u_t = β1·(1 − ½·0.96ᵗ)                     the momentum schedule
/// U   ← U·u_t                                its running product, updated once per step, before the weights
/// m   ← m + (g − m)·(1 − β1);  v ← v + (g² − v)·(1 − β2)
/// m̂   = u_{t+1}·m/(1 − U·u_{t+1}) + (1 − u_t)·g/(1 − U)     the look-ahead: next step's momentum, and this gradient
/// v̂   = v/(1 − β2ᵗ)
/// w   ← w − η·m̂/(√v̂ + ε)
/// </code>
/// </summary>
[Chapter(5)]
[KerasName("nadam")]
public sealed class Nadam : Optimizer
{
    private Tensor[] momentums = [], velocities = [];
    private float uProduct = 1f;   // U = Π u_t, a float as Keras' variable

    public Nadam(LearningRateSchedule? learningRate = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = DefaultEpsilon)
        : base(learningRate ?? 1e-3f)
    {
        (Beta1, Beta2, Epsilon) = ((float)beta1, (float)beta2, (float)epsilon);
    }


    [KerasName("beta_1")]
    public float Beta1 { get; }
    [KerasName("beta_2")]
    public float Beta2 { get; }
    public float Epsilon { get; }

    #region rule
    /// <summary>
    /// Slots [m, v]; hyper-parameters [lr, beta1, beta2, epsilon, u (u_t), u_next (u_{t+1}),
    /// u_product (U), u_product_next (U·u_{t+1}), beta2_power (β2ᵗ)].
    /// </summary>
    public static readonly UpdateRule Rule = new("nadam", ["m", "v"],
        ["lr", "beta1", "beta2", "epsilon", "u", "u_next", "u_product", "u_product_next", "beta2_power"],
        static (ref float w, float g, ref float m, ref float v, ref float _, ReadOnlySpan<float> h) =>
        {
            float lr = h[0], beta1 = h[1], beta2 = h[2], epsilon = h[3];
            float u = h[4], uNext = h[5], uProduct = h[6], uProductNext = h[7], beta2Power = h[8];
            m += (g - m) * (1f - beta1);
            v += (g * g - v) * (1f - beta2);
            float mHat = uNext * m / (1f - uProductNext) + (1f - u) * g / (1f - uProduct);
            float vHat = v / (1f - beta2Power);
            w -= mHat * lr / (MathF.Sqrt(vHat) + epsilon);
        },
        """
        m += (g - m) * (1.0f - beta1);
        v += (g * g - v) * (1.0f - beta2);
        const float m_hat = u_next * m / (1.0f - u_product_next) + (1.0f - u) * g / (1.0f - u_product);
        const float v_hat = v / (1.0f - beta2_power);
        w -= m_hat * lr / (sqrt(v_hat) + epsilon);
        """);
    #endregion

    protected override void Build(IReadOnlyList<Tensor> weights)
    {
        (momentums, velocities) = AddSlotPairs(weights);
    }

    /// <summary>U, after the slots, as Keras' <c>_u_product</c> variable.</summary>
    protected override IReadOnlyList<Tensor> StateVariables => [Tensor.Scalar(uProduct)];

    /// <summary>u_t = β1·(1 − ½·0.96ᵗ).</summary>
    private float MomentumFactor(long t) => Beta1 * (1f - 0.5f * MathF.Pow(0.96f, t));

    /// <summary>U ← U·u_t, once per step, before any weight is updated (Keras' _backend_update_step).</summary>
    protected override void PrepareStep(float learningRate) => uProduct *= MomentumFactor(LocalStep);

    #region update
    protected override void Update(int index, Tensor weight, Tensor gradient, float learningRate)
    {
        long t = LocalStep;
        float u = MomentumFactor(t), uNext = MomentumFactor(t + 1);
        weight.Device.Update(Rule, weight.Storage, gradient.Storage, [momentums[index].Storage, velocities[index].Storage],
                             [learningRate, Beta1, Beta2, Epsilon, u, uNext, uProduct, uProduct * uNext, MathF.Pow(Beta2, t)]);
    }
    #endregion
}
