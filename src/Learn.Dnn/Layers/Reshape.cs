namespace Learn.Dnn.Layers;

/// <summary>
/// Keras' <c>Reshape(target_shape)</c>: each sample's numbers in another shape of the same size,
/// [batch, ...] → [batch, target_shape...]; the batch axis is kept and is not part of the target. One
/// entry may be −1, inferred from the others: (batch, 12) with (−1, 4) is (batch, 3, 4). No weights;
/// no copy (the storage is shared); backward: the gradient reshaped back.
/// </summary>
[Chapter(9)]
public sealed class Reshape : Layer
{
    /// <param name="targetShape">The shape of one sample, without the batch axis; at most one entry −1.</param>
    /// <param name="name">By default "reshape", "reshape_1", ...</param>
    public Reshape(int[] targetShape, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(targetShape);
        if (targetShape.Any(d => d <= 0 && d != -1) || targetShape.Count(d => d == -1) > 1)
            throw new ArgumentException(
                $"Reshape: targetShape entries must be positive, with at most one −1 (inferred), got ({string.Join(", ", targetShape)}).", nameof(targetShape));
        TargetShape = targetShape.ToArray();
    }

    /// <summary>The shape of one sample after the layer, without the batch axis (−1: inferred).</summary>
    public IReadOnlyList<int> TargetShape { get; }

    public override IReadOnlyList<Tensor> TrainableWeights => [];

    protected override void Build(Shape inputShape) => OutputDimensions(inputShape);

    protected override Tensor Forward(Tensor x, bool training) => x.Reshape(OutputDimensions(x.Shape));

    /// <summary>[batch, target...] with the −1 resolved, after checking that a sample's size is kept.</summary>
    private int[] OutputDimensions(Shape input)
    {
        if (input.Rank < 1)
            throw new ShapeMismatchException($"Reshape '{Name}' expects [batch, ...], got a scalar {input}.");
        int perSample = input.ToArray()[1..].Aggregate(1, (p, d) => p * d);
        int known = TargetShape.Where(d => d != -1).Aggregate(1, (p, d) => p * d);
        bool inferred = TargetShape.Contains(-1);
        if (inferred ? perSample % known != 0 : perSample != known)
            throw new ShapeMismatchException(
                $"Reshape '{Name}': an input of shape {input} has {perSample} values per sample, which cannot take the target shape " +
                $"({string.Join(", ", TargetShape)}): expected {(inferred ? $"a multiple of {known}" : known.ToString())} values per sample.");
        return [input[0], .. TargetShape.Select(d => d == -1 ? perSample / known : d)];
    }
}
