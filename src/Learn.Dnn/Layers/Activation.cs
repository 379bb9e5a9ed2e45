using Learn.Dnn.Serialization;

namespace Learn.Dnn.Layers;

/// <summary>
/// Keras' <c>Activation</c> layer: an activation function as a layer of its own, y = f(x) elementwise,
/// so <c>Dense(64)</c> then <c>Activation("relu")</c> computes what <c>Dense(64, "relu")</c> does, with a
/// row of its own in a summary (0 parameters, the input's shape). No weights; the backward is f′(x) ⊙ ∂L/∂y.
/// </summary>
[Chapter(9)]
public sealed class Activation : Layer
{
    /// <param name="activation">Keras' name of the function: "relu", "sigmoid", "softmax"...; "linear" is the identity.</param>
    /// <param name="name">By default "activation", "activation_1", ...</param>
    public Activation(string activation, string? name = null) : this(Activations.Activation.Get(activation), name) { }

    /// <param name="activation">The function (null: the identity, Keras' "linear").</param>
    /// <param name="name">By default "activation", "activation_1", ...</param>
    public Activation(Activations.Activation? activation, string? name = null) : base(name) => Function = activation;

    /// <summary>The function applied to every element (null: the identity).</summary>
    [KerasName("activation")]
    public Activations.Activation? Function { get; }

    public override IReadOnlyList<Tensor> TrainableWeights => [];

    protected override void Build(Shape inputShape) { }

    protected override Tensor Forward(Tensor x, bool training) => Function?.Call(x) ?? x;
}
