using System.Text.Json.Nodes;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Layers.Initializers;

/// <summary>
/// How a layer's weights start. The scale matters: too small and the signal fades layer by layer,
/// too large and it explodes. Glorot and He pick the variance that keeps it steady.
/// fan_in is the number of inputs to a unit, fan_out the number of units it feeds.
/// </summary>
[Chapter(3)]
[KerasModule("keras.initializers")]
public abstract class Initializer : IConfigurable
{
    /// <summary>A tensor of <paramref name="shape"/> for a weight with the given fans, drawn from <paramref name="rng"/>.</summary>
    public abstract Tensor Create(Shape shape, int fanIn, int fanOut, Rng rng);

    /// <summary>
    /// Keras' names, each declared on its class: "glorot_uniform", "glorot_normal", "he_uniform",
    /// "he_normal", "zeros", "ones", "orthogonal".
    /// </summary>
    public static Initializer Get(string name) => KerasRegistry.Get<Initializer>(name);

    /// <summary>Keras' get_config(): the constructor's arguments (<see cref="KerasConfig"/>).</summary>
    [Chapter(9)]
    public virtual JsonObject GetConfig() => KerasConfig.Of(this);
}
