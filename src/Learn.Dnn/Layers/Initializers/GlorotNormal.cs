using Learn.Dnn.Serialization;

namespace Learn.Dnn.Layers.Initializers;

/// <summary>Glorot normal: W ~ N(0, σ²) with σ = √(2 / (fan_in + fan_out)), the same variance as Glorot uniform.</summary>
[Chapter(3)]
[KerasName("glorot_normal")]
public sealed class GlorotNormal : Initializer
{
    public override Tensor Create(Shape shape, int fanIn, int fanOut, Rng rng) =>
        rng.Normal(shape, 0f, MathF.Sqrt(2f / (fanIn + fanOut)));
}
