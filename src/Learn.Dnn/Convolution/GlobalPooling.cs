using Learn.Dnn.Devices;
using Learn.Dnn.Layers;

namespace Learn.Dnn.Convolution;

/// <summary>
/// What the global pooling layers share: one window over every position, so each channel of each
/// sample becomes one number, channels-last as Keras: [batch, steps, channels] (1-D) or
/// [batch, height, width, channels] (2-D) → [batch, channels]; with keepDims (Keras' keepdims,
/// default false) the pooled axes stay as size 1. The positions are laid out as a column image
/// [batch, positions, 1, channels] and pooled by chapter 7's pooling with a window of that size, so
/// the backward is pooling's: the mean spreads ∂L/∂y evenly, the max sends it to the largest value
/// (on a tie, to the first position in row-major order, as MaxPooling2D; Keras on TensorFlow, whose
/// reduce_max gradient splits a tie evenly, differs only there).
/// </summary>
[Chapter(9)]
public abstract class GlobalPooling : Layer
{
    private readonly PoolOp op;
    private readonly int spatialAxes;

    private protected GlobalPooling(PoolOp op, int spatialAxes, bool keepDims, string? name) : base(name)
    {
        this.op = op;
        this.spatialAxes = spatialAxes;
        KeepDims = keepDims;
    }

    /// <summary>Whether the pooled axes stay, as size 1 (Keras' keepdims).</summary>
    [Serialization.KerasName("keepdims")]
    public bool KeepDims { get; }

    public override IReadOnlyList<Tensor> TrainableWeights => [];

    protected override void Build(Shape inputShape) => RequireRank(inputShape);

    protected override Tensor Forward(Tensor x, bool training)
    {
        RequireRank(x.Shape);
        int batch = x.Shape[0], channels = x.Shape[-1], positions = x.Size / Math.Max(batch * channels, 1);
        var column = x.Reshape(batch, positions, 1, channels);
        var pooled = Tensor.Pool2D(column, op, (positions, 1), (positions, 1), Padding.Valid, $"{GetType().Name} '{Name}'");   // [batch, 1, 1, channels]
        return KeepDims
            ? pooled.Reshape([batch, .. Enumerable.Repeat(1, spatialAxes), channels])
            : pooled.Reshape(batch, channels);
    }

    private void RequireRank(Shape shape)
    {
        if (shape.Rank != spatialAxes + 2 || shape.ToArray().Any(d => d == 0))
            throw new ShapeMismatchException(
                $"{GetType().Name} '{Name}' expects {(spatialAxes == 1 ? "[batch, steps, channels]" : "[batch, height, width, channels]")} " +
                $"with no empty axis, got {shape}.");
    }
}
