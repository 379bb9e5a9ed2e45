namespace Learn.Dnn.Layers.Initializers;

/// <summary>
/// How a layer's weights start. The scale matters: too small and the signal fades layer by layer,
/// too large and it explodes. Glorot and He pick the variance that keeps it steady.
/// fan_in is the number of inputs to a unit, fan_out the number of units it feeds.
/// </summary>
[Chapter(3)]
public abstract class Initializer
{
    /// <summary>A tensor of <paramref name="shape"/> for a weight with the given fans, drawn from <paramref name="rng"/>.</summary>
    public abstract Tensor Create(Shape shape, int fanIn, int fanOut, Rng rng);

    /// <summary>Keras' names: "glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "zeros", "ones", "orthogonal".</summary>
    public static Initializer Get(string name) => name.ToLowerInvariant() switch
    {
        "glorot_uniform" => new GlorotUniform(),
        "glorot_normal" => new GlorotNormal(),
        "he_uniform" => new HeUniform(),
        "he_normal" => new HeNormal(),
        "zeros" => new Constant(0f),
        "ones" => new Constant(1f),
        "orthogonal" => new Orthogonal(),
        _ => throw new ArgumentException($"Initializer: unknown name \"{name}\"; expected glorot_uniform, glorot_normal, he_uniform, he_normal, zeros, ones or orthogonal."),
    };
}

/// <summary>Every weight the same number (Keras' "zeros" and "ones"; the default for biases).</summary>
[Chapter(3)]
public sealed class Constant(float value) : Initializer
{
    public override Tensor Create(Shape shape, int fanIn, int fanOut, Rng rng) => Tensor.Full(shape, value);
}
