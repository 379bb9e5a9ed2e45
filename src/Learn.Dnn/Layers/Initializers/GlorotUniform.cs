using Learn.Dnn.Serialization;

namespace Learn.Dnn.Layers.Initializers;

#region glorot
/// <summary>
/// Glorot (Xavier) uniform, Keras' default for Dense and Conv2D kernels (Glorot and Bengio, 2010):
/// W ~ U(−limit, limit) with limit = √(6 / (fan_in + fan_out)), so Var(W) = 2 / (fan_in + fan_out),
/// which keeps the variance of activations (forward) and of gradients (backward) roughly equal
/// across layers of tanh-like units.
/// </summary>
[Chapter(3)]
[KerasName("glorot_uniform")]
public sealed class GlorotUniform : Initializer
{
    public override Tensor Create(Shape shape, int fanIn, int fanOut, Rng rng)
    {
        float limit = MathF.Sqrt(6f / (fanIn + fanOut));
        return rng.Uniform(shape, -limit, limit);
    }
}
#endregion
