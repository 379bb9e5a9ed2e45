using Learn.Dnn.Activations;
using Learn.Dnn.Layers.Initializers;

namespace Learn.Dnn.Recurrent;

/// <summary>
/// The plain recurrent layer (Elman, 1990): h_t = tanh(x_t·W + h_{t−1}·U + b), x_t: [batch, features],
/// W: [features, units], U: [units, units], b: [units], h: [batch, units].
/// Parameters: units·(features + units + 1); SimpleRNN(128) on 28 features has 20,096.
/// Backward through time multiplies the gradient by Uᵀ·diag(tanh') once per step, so over long
/// sequences it vanishes (or explodes): the reason for GRU and LSTM.
/// </summary>
[Chapter(8)]
public sealed class SimpleRNN : RecurrentLayer
{
    /// <param name="units">The size of the hidden state.</param>
    /// <param name="activation">Keras name; "tanh" by default.</param>
    /// <param name="returnSequences">Output every h_t, [batch, timesteps, units], instead of the last one.</param>
    /// <param name="returnState">Return the final state too: [output, h] from a list call, <c>layer.Call([x])</c> (or use <see cref="RecurrentLayer.CallWithState"/>).</param>
    /// <param name="kernelInitializer">W's; Glorot uniform by default.</param>
    /// <param name="recurrentInitializer">U's; orthogonal by default.</param>
    /// <param name="biasInitializer">b's; zeros by default.</param>
    /// <param name="seed">Seed of the initial weights; by default the layer's creation index.</param>
    /// <param name="name">By default "simple_rnn", "simple_rnn_1", ...</param>
    public SimpleRNN(int units, string? activation = "tanh", bool returnSequences = false, bool returnState = false,
                     Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
                     ulong? seed = null, string? name = null)
        : base(units, returnSequences, returnState, kernelInitializer, recurrentInitializer, seed, name)
    {
        Activation = Activations.Activation.Get(activation);
        this.biasInitializer = biasInitializer ?? new Constant(0f);
    }

    private readonly Initializer biasInitializer;

    /// <summary>The activation of h (null: linear).</summary>
    public Activation? Activation { get; }

    protected override int Gates => 1;

    protected override Tensor CreateBias(Rng rng) => biasInitializer.Create(new Shape(Units), Units, Units, rng);

    #region step
    protected override Tensor[] Step(Tensor projection, Tensor[] states)
    {
        var h = states[0];                                   // h_{t−1}: [batch, units]
        var z = projection + h.MatMul(RecurrentKernel);      // x_t·W + b + h_{t−1}·U
        return [Activation?.Call(z) ?? z];                   // h_t = tanh(z)
    }
    #endregion

    // Config: what GetConfig reads back (Serialization/KerasConfig.cs).
    /// <summary>b's initializer (zeros unless given).</summary>
    public Initializer BiasInitializer => biasInitializer;
}
