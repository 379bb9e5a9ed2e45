using System.Numerics;
using System.Runtime.InteropServices;
using Learn.Dnn.Devices;
using Learn.Dnn.Optimizers.Schedules;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba 2015; Keras' Adam: η = 1e-3, β1 = 0.9, β2 = 0.999, ε = 1e-7, amsgrad false).
/// Momentum (a running mean m of the gradients) and RMSprop's scaling (a running mean v of their
/// squares) together, with both means corrected for starting at 0. At step t = iterations + 1:
/// <code>
/// m ← m + (g − m)·(1 − β1)              = β1·m + (1 − β1)·g
/// v ← v + (g² − v)·(1 − β2)             = β2·v + (1 − β2)·g²
/// α = η·√(1 − β2ᵗ)/(1 − β1ᵗ)            both bias corrections, folded into the step size
/// w ← w − α·m/(√v + ε)                  ε outside the root, and not bias-corrected (Keras)
/// </code>
/// m and v start at 0, so E[m_t] = (1 − β1ᵗ)·E[g]: dividing by 1 − β1ᵗ (and √v by √(1 − β2ᵗ)) undoes
/// the pull towards 0 of the first steps. AMSGrad (Reddi et al. 2018) divides by v̂ = max(v̂, v),
/// the largest v so far, so the step size never grows.
/// </summary>
[Chapter(5)]
[KerasName("adam")]
public class Adam : Optimizer
{
    private Tensor[] momentums = [], velocities = [], velocityHats = [];

    public Adam(LearningRateSchedule? learningRate = null, double beta1 = 0.9, double beta2 = 0.999,
                double epsilon = DefaultEpsilon, bool amsgrad = false)
        : base(learningRate ?? 1e-3f)
    {
        (Beta1, Beta2, Epsilon, Amsgrad) = ((float)beta1, (float)beta2, (float)epsilon, amsgrad);
    }


    /// <summary>β1, the decay of the running mean of gradients.</summary>
    [KerasName("beta_1")]
    public float Beta1 { get; }
    /// <summary>β2, the decay of the running mean of squared gradients.</summary>
    [KerasName("beta_2")]
    public float Beta2 { get; }
    public float Epsilon { get; }
    public bool Amsgrad { get; }

    #region rules
    /// <summary>Slots [m, v]; hyper-parameters [alpha, beta1, beta2, epsilon], α the bias-corrected step size.</summary>
    public static readonly UpdateRule Rule = new("adam", ["m", "v"], ["alpha", "beta1", "beta2", "epsilon"],
        static (ref float w, float g, ref float m, ref float v, ref float _, ReadOnlySpan<float> h) =>
        {
            float alpha = h[0], beta1 = h[1], beta2 = h[2], epsilon = h[3];
            m += (g - m) * (1f - beta1);
            v += (g * g - v) * (1f - beta2);
            w -= m * alpha / (MathF.Sqrt(v) + epsilon);
        },
        """
        m += (g - m) * (1.0f - beta1);
        v += (g * g - v) * (1.0f - beta2);
        w -= m * alpha / (sqrt(v) + epsilon);
        """,
        Vectorized);

    /// <summary>AMSGrad: slots [m, v, vhat]; the step divides by √v̂, v̂ = max(v̂, v).</summary>
    public static readonly UpdateRule AmsgradRule = new("adam_amsgrad", ["m", "v", "vhat"], ["alpha", "beta1", "beta2", "epsilon"],
        static (ref float w, float g, ref float m, ref float v, ref float vhat, ReadOnlySpan<float> h) =>
        {
            float alpha = h[0], beta1 = h[1], beta2 = h[2], epsilon = h[3];
            m += (g - m) * (1f - beta1);
            v += (g * g - v) * (1f - beta2);
            vhat = MathF.Max(vhat, v);
            w -= m * alpha / (MathF.Sqrt(vhat) + epsilon);
        },
        """
        m += (g - m) * (1.0f - beta1);
        v += (g * g - v) * (1.0f - beta2);
        vhat = fmax(vhat, v);
        w -= m * alpha / (sqrt(vhat) + epsilon);
        """);

    /// <summary>The same step as <see cref="Rule"/>, <see cref="Vector{T}"/>.Count elements at a time (chapter 10).</summary>
    private static void Vectorized(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, Span<float> _, ReadOnlySpan<float> h)
    {
        var alpha = new Vector<float>(h[0]);
        var oneMinusBeta1 = new Vector<float>(1f - h[1]);
        var oneMinusBeta2 = new Vector<float>(1f - h[2]);
        var epsilon = new Vector<float>(h[3]);
        var W = MemoryMarshal.Cast<float, Vector<float>>(w);
        var G = MemoryMarshal.Cast<float, Vector<float>>(g);
        var M = MemoryMarshal.Cast<float, Vector<float>>(m);
        var V = MemoryMarshal.Cast<float, Vector<float>>(v);
        for (int k = 0; k < W.Length; k++)
        {
            var gk = G[k];
            var mk = M[k] + (gk - M[k]) * oneMinusBeta1;
            var vk = V[k] + (gk * gk - V[k]) * oneMinusBeta2;
            M[k] = mk;
            V[k] = vk;
            W[k] -= mk * alpha / (Vector.SquareRoot(vk) + epsilon);
        }
        float unused = 0f;
        for (int i = W.Length * Vector<float>.Count; i < w.Length; i++)   // the tail, element by element
            Rule.Step(ref w[i], g[i], ref m[i], ref v[i], ref unused, h);
    }
    #endregion

    protected override void Build(IReadOnlyList<Tensor> weights)
    {
        (momentums, velocities) = AddSlotPairs(weights);
        if (Amsgrad) velocityHats = AddSlots(weights);
    }

    #region update
    protected override void Update(int index, Tensor weight, Tensor gradient, float learningRate)
    {
        float t = LocalStep;
        float alpha = learningRate * MathF.Sqrt(1f - MathF.Pow(Beta2, t)) / (1f - MathF.Pow(Beta1, t));   // η·√(1−β2ᵗ)/(1−β1ᵗ)
        if (Amsgrad)
            weight.Device.Update(AmsgradRule, weight.Storage, gradient.Storage,
                                 [momentums[index].Storage, velocities[index].Storage, velocityHats[index].Storage], [alpha, Beta1, Beta2, Epsilon]);
        else
            weight.Device.Update(Rule, weight.Storage, gradient.Storage,
                                 [momentums[index].Storage, velocities[index].Storage], [alpha, Beta1, Beta2, Epsilon]);
    }
    #endregion
}
