using Learn.Dnn.Devices;

namespace Learn.Dnn.Layers;

/// <summary>
/// Dropout (Srivastava et al., 2014): during training each unit is zeroed with probability
/// <see cref="Rate"/>, so the network cannot rely on any one unit; at inference it is the identity.
/// This is <i>inverted</i> dropout, as Keras: the kept units are scaled by 1/(1 − rate) during
/// training, so the expected value of every output equals its input, E[y] = (1 − rate)·x/(1 − rate) = x,
/// and nothing needs rescaling at inference.
/// <para>
/// The mask comes from the counter-based generator (<see cref="CounterRandom"/>) through the device:
/// u = uniform draws (seed, counter...) on the input's device, then keep = [u ≥ rate], a map written
/// once (<see cref="KeepFunction"/>) for every device, so the same seed gives the same mask on the
/// reference, the fast CPU and the OpenCL device. Each training call draws fresh numbers (the counter
/// advances by the mask's size).
/// </para>
/// </summary>
[Chapter(6)]
public sealed class Dropout : Layer
{
    private readonly Rng rng;

    /// <param name="rate">The fraction of units to drop, in [0, 1).</param>
    /// <param name="noiseShape">The mask's shape, one entry per input axis; null entries take the input's
    /// size, 1 shares one draw along that axis (the mask broadcasts): [null, 1] drops whole samples of a [batch, features] input.</param>
    /// <param name="seed">The mask's seed (the same seed gives the same masks on every device); by default the layer's creation index.</param>
    /// <param name="name">The layer's name; "dropout", "dropout_1"... by default.</param>
    public Dropout(double rate, int?[]? noiseShape = null, ulong? seed = null, string? name = null) : base(name)
    {
        if (!(rate >= 0 && rate < 1))
            throw new ArgumentOutOfRangeException(nameof(rate), $"Dropout: rate must be in [0, 1) (the fraction of units dropped), got {rate}.");
        Rate = (float)rate;
        NoiseShape = noiseShape?.ToArray();
        rng = new Rng(seed ?? (ulong)Index);
    }

    /// <summary>The probability that a unit is dropped.</summary>
    public float Rate { get; }

    /// <summary>The mask's shape (null entries: the input's size), or null for the input's own shape.</summary>
    public IReadOnlyList<int?>? NoiseShape { get; }

    /// <summary>The mask stream's seed.</summary>
    public ulong Seed => rng.Seed;

    public override IReadOnlyList<Tensor> TrainableWeights => [];

    protected override void Build(Shape inputShape) => MaskShape(inputShape);

    #region keep-map
    /// <summary>
    /// keep(u; rate) = 1 where u ≥ rate, else 0: for u uniform in [0, 1), P(keep) = 1 − rate. A mask is
    /// not differentiated (its derivative is 0). The 0/1 values, not 1/(1 − rate), are the map's
    /// output: a comparison is exact on every device, where a division in OpenCL need not be.
    /// </summary>
    internal static readonly UnaryFunction KeepFunction = new("dropout_keep",
        (u, rate) => u >= rate ? 1f : 0f, (_, _, _) => 0f,
        "x >= p ? 1.0f : 0.0f", "0.0f");
    #endregion

    #region forward
    protected override Tensor Forward(Tensor x, bool training)
    {
        if (!training || Rate == 0f) return x;                        // inference: the identity
        var maskShape = MaskShape(x.Shape);
        Tensor scaledMask;
        using (Tensor.NoGrad())
        {
            var u = Tensor.Random(maskShape, RandomDistribution.Uniform, rng.Seed, rng.Take(maskShape.Size), 0f, 1f, x.Device);
            var keep = u.Map(KeepFunction, Rate);                     // [mask shape] of 0 and 1
            scaledMask = keep * (1f / (1f - Rate));                   // kept units × 1/(1 − rate): E[y] = x
        }
        return x * scaledMask;                                         // broadcasts along noiseShape's 1s; ∂y/∂x = mask/(1 − rate)
    }
    #endregion

    /// <summary>The noise shape resolved against the input's: null entries take its size; others must be 1 or its size.</summary>
    private Shape MaskShape(Shape input)
    {
        if (NoiseShape is null) return input;
        if (NoiseShape.Count != input.Rank)
            throw new ShapeMismatchException(
                $"Dropout '{Name}': noiseShape [{string.Join(", ", NoiseShape.Select(d => d?.ToString() ?? "null"))}] has {NoiseShape.Count} entries, but the input {input} has {input.Rank} axes.");
        var dims = new int[input.Rank];
        for (int i = 0; i < dims.Length; i++)
        {
            dims[i] = NoiseShape[i] ?? input[i];
            if (dims[i] != 1 && dims[i] != input[i])
                throw new ShapeMismatchException(
                    $"Dropout '{Name}': noiseShape entry {i} is {dims[i]}, but the input {input} has {input[i]} there; an entry must be null, 1 or the input's size.");
        }
        return new Shape(dims);
    }
}
