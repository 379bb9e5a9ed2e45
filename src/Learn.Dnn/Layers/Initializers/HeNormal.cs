using Learn.Dnn.Serialization;

namespace Learn.Dnn.Layers.Initializers;

#region he
/// <summary>
/// He normal (He et al., 2015): W ~ N(0, σ²) with σ = √(2 / fan_in). A ReLU zeroes half of its
/// inputs on average, halving the variance; the factor 2 restores it, so deep ReLU nets keep their
/// signal where Glorot's scale would let it shrink by half per layer.
/// </summary>
[Chapter(3)]
[KerasName("he_normal")]
public sealed class HeNormal : Initializer
{
    public override Tensor Create(Shape shape, int fanIn, int fanOut, Rng rng) =>
        rng.Normal(shape, 0f, MathF.Sqrt(2f / fanIn));
}
#endregion
