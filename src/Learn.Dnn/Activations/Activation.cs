using System.Text.Json.Nodes;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Activations;

/// <summary>
/// An activation function applied elementwise after a layer's affine map. Keras names them by
/// string (<c>activation="relu"</c>); <see cref="Get"/> does the same here. Each activation declares
/// its name on its class (<c>[KerasName("relu")]</c>), so a new one is a new file and nothing else.
/// </summary>
[Chapter(3)]
[KerasModule("keras.activations", NoneName = "linear", WrittenByName = true)]
public abstract class Activation : IConfigurable
{
    /// <summary>The Keras name: "relu", "sigmoid", ... (declared on the class).</summary>
    public virtual string Name => KerasRegistry.NameOf(GetType());

    /// <summary>Applies the activation to every element of x (with its gradient recorded).</summary>
    public abstract Tensor Call(Tensor x);

    /// <summary>The activation with Keras' name <paramref name="name"/> ("linear" or null for none).</summary>
    public static Activation? Get(string? name) => KerasRegistry.GetOrNone<Activation>(name);

    /// <summary>Keras' get_config(): the constructor's arguments (<see cref="KerasConfig"/>).</summary>
    [Chapter(9)]
    public virtual JsonObject GetConfig() => KerasConfig.Of(this);

    public override string ToString() => Name;
}
