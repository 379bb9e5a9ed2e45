using Learn.Dnn.Activations;
using Learn.Dnn.Layers.Initializers;

namespace Learn.Dnn.Recurrent;

/// <summary>
/// The gated recurrent unit (Cho et al., 2014) as Keras 3 builds it by default (reset_after = true):
/// <code>
/// z = σ(x·W_z + b_z + h₋·U_z + b′_z)            update gate
/// r = σ(x·W_r + b_r + h₋·U_r + b′_r)            reset gate
/// ĥ = tanh(x·W_h + b_h + r ⊙ (h₋·U_h + b′_h))   candidate
/// h = z ⊙ h₋ + (1 − z) ⊙ ĥ
/// </code>
/// W: [features, 3·units] and U: [units, 3·units] hold the gates side by side in the order z, r, h;
/// the bias is [2, 3·units]: row 0 the input bias b, row 1 the recurrent bias b′. With reset_after the
/// reset gate multiplies h₋·U_h after the product (so h₋·U for all three gates is one GEMM), and
/// that is why the recurrent part needs a bias of its own: b′_h sits inside r ⊙ (…).
/// Parameters: 3·units·(features + units + 2); GRU(128) on 28 features has 60,672.
/// h = z ⊙ h₋ + … is an additive path through time: where z ≈ 1 the gradient passes unchanged.
/// </summary>
[Chapter(8)]
public sealed class GRU : RecurrentLayer
{
    /// <param name="units">The size of the hidden state.</param>
    /// <param name="activation">Of the candidate ĥ; "tanh".</param>
    /// <param name="recurrentActivation">Of the gates z and r; "sigmoid".</param>
    /// <param name="returnSequences">Output every h_t, [batch, timesteps, units], instead of the last one.</param>
    /// <param name="returnState">Return the final state too: [output, h] from a list call, <c>layer.Call([x])</c> (or use <see cref="RecurrentLayer.CallWithState"/>).</param>
    /// <param name="kernelInitializer">W's; Glorot uniform by default.</param>
    /// <param name="recurrentInitializer">U's; orthogonal by default.</param>
    /// <param name="biasInitializer">Both biases'; zeros by default.</param>
    /// <param name="seed">Seed of the initial weights; by default the layer's creation index.</param>
    /// <param name="name">By default "gru", "gru_1", ...</param>
    public GRU(int units, string activation = "tanh", string recurrentActivation = "sigmoid",
               bool returnSequences = false, bool returnState = false,
               Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
               ulong? seed = null, string? name = null)
        : base(units, returnSequences, returnState, kernelInitializer, recurrentInitializer, seed, name)
    {
        Activation = Activations.Activation.Get(activation);
        RecurrentActivation = Activations.Activation.Get(recurrentActivation);
        this.biasInitializer = biasInitializer ?? new Constant(0f);
    }

    private readonly Initializer biasInitializer;

    public Activation? Activation { get; }
    public Activation? RecurrentActivation { get; }

    protected override int Gates => 3;

    protected override Tensor CreateBias(Rng rng) => biasInitializer.Create(new Shape(2, 3 * Units), Units, 3 * Units, rng);

    /// <summary>b = row 0 of the bias: [3·units].</summary>
    protected override Tensor InputBias => Bias.Reshape(6 * Units).Slice(0, 3 * Units);

    /// <summary>b′ = row 1 of the bias: [3·units].</summary>
    private Tensor RecurrentBias => Bias.Reshape(6 * Units).Slice(3 * Units, 3 * Units);

    #region step
    protected override Tensor[] Step(Tensor projection, Tensor[] states)
    {
        int u = Units;
        var h = states[0];                                             // h₋: [batch, units]
        var recurrent = h.MatMul(RecurrentKernel) + RecurrentBias;     // h₋·U + b′: [batch, 3·units]
        var z = Gate(RecurrentActivation, projection.Slice(0, u) + recurrent.Slice(0, u));
        var r = Gate(RecurrentActivation, projection.Slice(u, u) + recurrent.Slice(u, u));
        var candidate = Gate(Activation, projection.Slice(2 * u, u) + r * recurrent.Slice(2 * u, u));
        return [z * h + (1f - z) * candidate];                         // h = z ⊙ h₋ + (1 − z) ⊙ ĥ
    }
    #endregion

    /// <summary>The fused sequence (<see cref="FusedGru"/>) for σ gates and tanh, the defaults.</summary>
    protected override Tensor? FusedSequence(Tensor x) =>
        Activation is Tanh && RecurrentActivation is Sigmoid ? FusedGru.Sequence(InputProjections(x), RecurrentKernel, Bias, x.Shape[1]) : null;

    private static Tensor Gate(Activation? f, Tensor x) => f?.Call(x) ?? x;

    // Config: what GetConfig reads back (Serialization/KerasConfig.cs).
    /// <summary>b's initializer (zeros unless given).</summary>
    public Initializer BiasInitializer => biasInitializer;
}
