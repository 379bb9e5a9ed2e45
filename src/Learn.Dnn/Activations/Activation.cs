namespace Learn.Dnn.Activations;

/// <summary>
/// An activation function applied elementwise after a layer's affine map. Keras names them by
/// string (<c>activation="relu"</c>); <see cref="Get"/> does the same here.
/// </summary>
[Chapter(3)]
public abstract class Activation
{
    /// <summary>The Keras name: "relu", "sigmoid", ...</summary>
    public abstract string Name { get; }

    /// <summary>Applies the activation to every element of x (with its gradient recorded).</summary>
    public abstract Tensor Call(Tensor x);

    /// <summary>The activation with Keras' name <paramref name="name"/> ("linear" or null for none).</summary>
    public static Activation? Get(string? name) => name?.ToLowerInvariant() switch
    {
        null or "" or "linear" => null,
        "sigmoid" => new Sigmoid(),
        "tanh" => new Tanh(),
        "relu" => new Relu(),
        "leaky_relu" => new LeakyRelu(0.2f),   // the activation's slope; the LeakyReLU layer's default is 0.3
        "elu" => new Elu(),
        "softplus" => new Softplus(),
        "gelu" => new Gelu(),
        "softmax" => new Softmax(),
        _ => throw new ArgumentException(
            $"Activation: unknown name \"{name}\"; expected one of linear, sigmoid, tanh, relu, leaky_relu, elu, softplus, gelu, softmax."),
    };

    public override string ToString() => Name;
}
