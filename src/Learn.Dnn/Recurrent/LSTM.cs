using Learn.Dnn.Activations;
using Learn.Dnn.Layers.Initializers;

namespace Learn.Dnn.Recurrent;

/// <summary>
/// Long short-term memory (Hochreiter and Schmidhuber, 1997; the forget gate of Gers et al., 2000):
/// <code>
/// i = σ(x·W_i + h₋·U_i + b_i)     input gate
/// f = σ(x·W_f + h₋·U_f + b_f)     forget gate
/// c̃ = tanh(x·W_c + h₋·U_c + b_c)  candidate cell
/// o = σ(x·W_o + h₋·U_o + b_o)     output gate
/// c = f ⊙ c₋ + i ⊙ c̃
/// h = o ⊙ tanh(c)
/// </code>
/// W: [features, 4·units], U: [units, 4·units], b: [4·units], the gates side by side in Keras' order
/// i, f, c, o. Parameters: 4·units·(features + units + 1); LSTM(128) on 28 features has 80,384.
/// The cell c is the additive path through time: ∂c/∂c₋ = f, no matrix and no squashing, so where
/// the forget gate stays open the gradient survives many steps. unitForgetBias starts b_f at 1 so
/// that it does from the first step (Jozefowicz et al., 2015).
/// </summary>
[Chapter(8)]
public sealed class LSTM : RecurrentLayer
{
    /// <param name="units">The size of the hidden state h and of the cell c.</param>
    /// <param name="activation">Of c̃ and of the cell's output; "tanh".</param>
    /// <param name="recurrentActivation">Of the gates i, f, o; "sigmoid".</param>
    /// <param name="returnSequences">Output every h_t, [batch, timesteps, units], instead of the last one.</param>
    /// <param name="returnState">Return the final states too: [output, h, c] from a list call, <c>layer.Call([x])</c> (or use <see cref="RecurrentLayer.CallWithState"/>).</param>
    /// <param name="unitForgetBias">Start the forget gate's bias at 1 (Keras' default), the others at <paramref name="biasInitializer"/>.</param>
    /// <param name="kernelInitializer">W's; Glorot uniform by default.</param>
    /// <param name="recurrentInitializer">U's; orthogonal by default.</param>
    /// <param name="biasInitializer">b's; zeros by default.</param>
    /// <param name="seed">Seed of the initial weights; by default the layer's creation index.</param>
    /// <param name="name">By default "lstm", "lstm_1", ...</param>
    public LSTM(int units, string activation = "tanh", string recurrentActivation = "sigmoid",
                bool returnSequences = false, bool returnState = false, bool unitForgetBias = true,
                Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
                ulong? seed = null, string? name = null)
        : base(units, returnSequences, returnState, kernelInitializer, recurrentInitializer, seed, name)
    {
        Activation = Activations.Activation.Get(activation);
        RecurrentActivation = Activations.Activation.Get(recurrentActivation);
        UnitForgetBias = unitForgetBias;
        this.biasInitializer = biasInitializer ?? new Constant(0f);
    }

    private readonly Initializer biasInitializer;

    public Activation? Activation { get; }
    public Activation? RecurrentActivation { get; }
    public bool UnitForgetBias { get; }

    protected override int Gates => 4;

    protected override string[] StateNames => ["h", "c"];

    #region bias
    /// <summary>b = [b_i, b_f, b_c, b_o]; with unitForgetBias b_f = 1, as Keras: concat(init(u), ones(u), init(2u)).</summary>
    protected override Tensor CreateBias(Rng rng)
    {
        var bias = biasInitializer.Create(new Shape(4 * Units), Units, 4 * Units, rng);
        if (!UnitForgetBias) return bias;
        var values = bias.ToArray();
        Array.Fill(values, 1f, Units, Units);
        return Tensor.FromArray(values, bias.Shape, bias.Device);
    }
    #endregion

    #region step
    protected override Tensor[] Step(Tensor projection, Tensor[] states)
    {
        int u = Units;
        var (h, c) = (states[0], states[1]);                      // h₋, c₋: [batch, units]
        var z = projection + h.MatMul(RecurrentKernel);           // x·W + b + h₋·U: [batch, 4·units]
        var i = Gate(RecurrentActivation, z.Slice(0, u));
        var f = Gate(RecurrentActivation, z.Slice(u, u));
        var candidate = Gate(Activation, z.Slice(2 * u, u));
        var o = Gate(RecurrentActivation, z.Slice(3 * u, u));
        var cell = f * c + i * candidate;                         // c = f ⊙ c₋ + i ⊙ c̃
        return [o * Gate(Activation, cell), cell];                // h = o ⊙ tanh(c)
    }
    #endregion

    /// <summary>The fused sequence (<see cref="FusedLstm"/>) for σ gates and tanh, the defaults.</summary>
    protected override Tensor? FusedSequence(Tensor x) =>
        Activation is Tanh && RecurrentActivation is Sigmoid ? FusedLstm.Sequence(InputProjections(x), RecurrentKernel, Bias, x.Shape[1]) : null;

    private static Tensor Gate(Activation? f, Tensor x) => f?.Call(x) ?? x;

    // Config: what GetConfig reads back (Serialization/KerasConfig.cs).
    /// <summary>b's initializer (zeros unless given).</summary>
    public Initializer BiasInitializer => biasInitializer;
}
