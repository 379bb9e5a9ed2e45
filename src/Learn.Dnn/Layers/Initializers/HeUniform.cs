using Learn.Dnn.Serialization;

namespace Learn.Dnn.Layers.Initializers;

/// <summary>He uniform: W ~ U(−limit, limit) with limit = √(6 / fan_in), the same variance 2 / fan_in.</summary>
[Chapter(3)]
[KerasName("he_uniform")]
public sealed class HeUniform : Initializer
{
    public override Tensor Create(Shape shape, int fanIn, int fanOut, Rng rng)
    {
        float limit = MathF.Sqrt(6f / fanIn);
        return rng.Uniform(shape, -limit, limit);
    }
}
