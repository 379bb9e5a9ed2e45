using System.Text.Json.Nodes;

namespace Learn.Dnn.Serialization;

/// <summary>
/// An object that describes itself as Keras does: <see cref="GetConfig"/> gives the arguments that
/// rebuild it, under Keras' field names, and <see cref="KerasConfig.FromConfig"/> rebuilds it.
/// Layers, activations, initializers, regularizers, losses, metrics, optimizers, learning-rate
/// schedules and callbacks all are.
/// </summary>
[Chapter(9)]
public interface IConfigurable
{
    /// <summary>Keras' <c>get_config()</c>: <c>{"units": 64, "activation": "relu", ...}</c>.</summary>
    JsonObject GetConfig();
}
