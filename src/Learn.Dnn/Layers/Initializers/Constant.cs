using Learn.Dnn.Serialization;

namespace Learn.Dnn.Layers.Initializers;

/// <summary>Every weight the same number (Keras' "zeros" and "ones"; the default for biases).</summary>
[Chapter(3)]
public sealed class Constant(float value) : Initializer
{
    /// <summary>The number every weight starts at.</summary>
    public float Value { get; } = value;

    /// <summary>Keras' "zeros".</summary>
    [KerasName("zeros")]
    public static Constant Zeros => new(0f);

    /// <summary>Keras' "ones".</summary>
    [KerasName("ones")]
    public static Constant Ones => new(1f);

    public override Tensor Create(Shape shape, int fanIn, int fanOut, Rng rng) => Tensor.Full(shape, Value);
}
