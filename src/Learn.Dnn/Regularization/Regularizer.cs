using System.Text.Json.Nodes;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Regularization;

/// <summary>
/// A regularizer turns a tensor (a layer's kernel, its bias, or its output) into a penalty, a scalar
/// added to the training loss, so that minimising the loss also keeps the weights small. Keras'
/// <c>keras.regularizers</c>: <see cref="L1"/>, <see cref="L2"/>, <see cref="L1L2"/>.
/// <code>
/// new Dense(64, "relu", kernelRegularizer: new L2(1e-4f))   // or kernelRegularizer: "l2"
/// </code>
/// The penalty is built from tensor operations, so its gradient comes from autodiff, on every
/// device. Subclass it (override <see cref="Call"/>) for a penalty of your own.
/// </summary>
[Chapter(6)]
[KerasModule("keras.regularizers")]
public abstract class Regularizer : IConfigurable
{
    /// <summary>The penalty of <paramref name="x"/>: a scalar tensor that carries its gradient.</summary>
    public abstract Tensor Call(Tensor x);

    /// <summary>
    /// The regularizer Keras calls <paramref name="name"/>, with Keras' default factors:
    /// "l1" (l1 = 0.01), "l2" (l2 = 0.01), "l1_l2" (l1 = l2 = 0, as Keras' L1L2()), each declared on its class.
    /// </summary>
    public static Regularizer Get(string name) => KerasRegistry.Get<Regularizer>(name);

    /// <summary>Keras' get_config(): the factors (<see cref="KerasConfig"/>).</summary>
    [Chapter(9)]
    public virtual JsonObject GetConfig() => KerasConfig.Of(this);

    /// <summary><c>kernelRegularizer: "l2"</c>: a Keras string stands for the regularizer.</summary>
    public static implicit operator Regularizer(string name) => Get(name);

    /// <summary>A factor must be a finite number ≥ 0 (0 switches the penalty off).</summary>
    internal static float RequireFactor(float value, string name, string owner) =>
        float.IsFinite(value) && value >= 0f ? value
            : throw new ArgumentOutOfRangeException(name, $"{owner}: {name} must be a finite number ≥ 0, got {value}.");
}
