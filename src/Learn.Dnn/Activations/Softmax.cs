using Learn.Dnn.Devices;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Activations;

/// <summary>
/// Softmax turns a row of scores (logits) into probabilities: softmax(x)ᵢ = e^xᵢ / Σⱼ e^xⱼ.
/// Every output is in (0, 1) and each row sums to 1. Used as the output activation of a classifier.
/// </summary>
[Chapter(4)]
[KerasName("softmax")]
public sealed class Softmax : Activation
{
    public override Tensor Call(Tensor x) => x.Softmax();
}
