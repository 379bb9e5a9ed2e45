using System.Numerics;
using System.Runtime.InteropServices;
using Learn.Dnn.Devices;
using Learn.Dnn.Optimizers.Schedules;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Optimizers;

/// <summary>
/// Stochastic gradient descent (Keras' SGD: η = 0.01, momentum μ = 0, nesterov false).
/// Each call of <see cref="Optimizer.Apply"/> is one step on one mini-batch's gradient g:
/// <list type="bullet">
/// <item>plain: w ← w − η·g;</item>
/// <item>momentum: m ← μ·m − η·g, w ← w + m (m, the velocity, is a decaying sum of past steps);</item>
/// <item>Nesterov: m as above, then w ← w + μ·m − η·g, the step taken from the look-ahead point w + μ·m.</item>
/// </list>
/// </summary>
[Chapter(5)]
[KerasName("sgd")]
public sealed class SGD : Optimizer
{
    private Tensor[] momentums = [];

    public SGD(LearningRateSchedule? learningRate = null, double momentum = 0, bool nesterov = false)
        : base(learningRate ?? 0.01f)
    {
        if (!(momentum >= 0f && momentum <= 1f))
            throw new ArgumentOutOfRangeException(nameof(momentum), $"SGD: momentum must be in [0, 1], got {momentum}.");
        (Momentum, Nesterov) = ((float)momentum, nesterov);
    }


    /// <summary>μ, the fraction of the last step kept in the next (0: no momentum slot).</summary>
    public float Momentum { get; }

    public bool Nesterov { get; }

    #region rules
    /// <summary>w ← w − g·η. Hyper-parameters: [lr].</summary>
    public static readonly UpdateRule Plain = new("sgd", [], ["lr"],
        static (ref float w, float g, ref float _, ref float _, ref float _, ReadOnlySpan<float> h) =>
        {
            float lr = h[0];
            w -= g * lr;
        },
        "w -= g * lr;",
        PlainVectorized);

    /// <summary>m ← m·μ − g·η; w ← w + m. Hyper-parameters: [lr, momentum].</summary>
    public static readonly UpdateRule WithMomentum = new("sgd_momentum", ["m"], ["lr", "momentum"],
        static (ref float w, float g, ref float m, ref float _, ref float _, ReadOnlySpan<float> h) =>
        {
            float lr = h[0], momentum = h[1];
            m = m * momentum - g * lr;   // the velocity: a decaying sum of the past steps −η·g
            w += m;
        },
        """
        m = m * momentum - g * lr;
        w += m;
        """,
        MomentumVectorized);

    /// <summary>m ← m·μ − g·η; w ← w + m·μ − g·η (Nesterov's look-ahead). Hyper-parameters: [lr, momentum].</summary>
    public static readonly UpdateRule WithNesterov = new("sgd_nesterov", ["m"], ["lr", "momentum"],
        static (ref float w, float g, ref float m, ref float _, ref float _, ReadOnlySpan<float> h) =>
        {
            float lr = h[0], momentum = h[1];
            m = m * momentum - g * lr;
            w += m * momentum - g * lr;   // the next velocity, as if taken from w + μ·m
        },
        """
        m = m * momentum - g * lr;
        w += m * momentum - g * lr;
        """,
        NesterovVectorized);
    #endregion

    // The same three steps, Vector<float>.Count elements at a time (chapter 10), each followed by
    // its tail element by element. The arithmetic is the rule's, in the same order, so the fast
    // device's numbers are the reference's bit for bit.

    private static void PlainVectorized(Span<float> w, ReadOnlySpan<float> g, Span<float> noSlot0, Span<float> noSlot1, Span<float> noSlot2, ReadOnlySpan<float> h)
    {
        float lr = h[0];
        var W = MemoryMarshal.Cast<float, Vector<float>>(w);
        var G = MemoryMarshal.Cast<float, Vector<float>>(g);
        for (int k = 0; k < W.Length; k++) W[k] -= G[k] * new Vector<float>(lr);
        for (int i = W.Length * Vector<float>.Count; i < w.Length; i++) w[i] -= g[i] * lr;
    }

    private static void MomentumVectorized(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> noSlot1, Span<float> noSlot2, ReadOnlySpan<float> h)
    {
        float lr = h[0], momentum = h[1];
        var W = MemoryMarshal.Cast<float, Vector<float>>(w);
        var G = MemoryMarshal.Cast<float, Vector<float>>(g);
        var M = MemoryMarshal.Cast<float, Vector<float>>(m);
        for (int k = 0; k < W.Length; k++)
        {
            M[k] = M[k] * new Vector<float>(momentum) - G[k] * new Vector<float>(lr);
            W[k] += M[k];
        }
        for (int i = W.Length * Vector<float>.Count; i < w.Length; i++)
        {
            m[i] = m[i] * momentum - g[i] * lr;
            w[i] += m[i];
        }
    }

    private static void NesterovVectorized(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> noSlot1, Span<float> noSlot2, ReadOnlySpan<float> h)
    {
        float lr = h[0], momentum = h[1];
        var W = MemoryMarshal.Cast<float, Vector<float>>(w);
        var G = MemoryMarshal.Cast<float, Vector<float>>(g);
        var M = MemoryMarshal.Cast<float, Vector<float>>(m);
        for (int k = 0; k < W.Length; k++)
        {
            M[k] = M[k] * new Vector<float>(momentum) - G[k] * new Vector<float>(lr);
            W[k] += M[k] * new Vector<float>(momentum) - G[k] * new Vector<float>(lr);
        }
        for (int i = W.Length * Vector<float>.Count; i < w.Length; i++)
        {
            m[i] = m[i] * momentum - g[i] * lr;
            w[i] += m[i] * momentum - g[i] * lr;
        }
    }

    protected override void Build(IReadOnlyList<Tensor> weights)
    {
        if (Momentum != 0f) momentums = AddSlots(weights);
    }

    #region update
    protected override void Update(int index, Tensor weight, Tensor gradient, float learningRate)
    {
        if (Momentum == 0f)
            weight.Device.Update(Plain, weight.Storage, gradient.Storage, [], [learningRate]);
        else
            weight.Device.Update(Nesterov ? WithNesterov : WithMomentum, weight.Storage, gradient.Storage,
                                 [momentums[index].Storage], [learningRate, Momentum]);
    }
    #endregion
}
