using Learn.Dnn.Devices;
using Learn.Dnn.Layers;

namespace Learn.Dnn.Convolution;

/// <summary>
/// What max and average pooling share: a window of poolSize moved by strides (poolSize by default,
/// so windows do not overlap) over each channel of [batch, height, width, channels] images on its
/// own, and Keras' "valid" or "same" padding. No weights.
/// </summary>
[Chapter(7)]
public abstract class Pooling2D : Layer
{
    private readonly PoolOp op;

    private protected Pooling2D(PoolOp op, (int Height, int Width) poolSize, (int Height, int Width)? strides, string padding, string? name)
        : base(name)
    {
        string type = GetType().Name;
        if (poolSize.Height <= 0 || poolSize.Width <= 0)
            throw new ArgumentOutOfRangeException(nameof(poolSize), $"{type}: poolSize must be positive, got {poolSize.Height}×{poolSize.Width}.");
        var step = strides ?? poolSize;
        if (step.Height <= 0 || step.Width <= 0)
            throw new ArgumentOutOfRangeException(nameof(strides), $"{type}: strides must be positive, got {step.Height}×{step.Width}.");
        this.op = op;
        PoolSize = poolSize;
        Strides = step;
        Padding = Window2D.ParsePadding(padding, type);
    }

    public (int Height, int Width) PoolSize { get; }
    public (int Height, int Width) Strides { get; }
    public Padding Padding { get; }

    public override IReadOnlyList<Tensor> TrainableWeights => [];

    protected override void Build(Shape inputShape)
    {
        if (inputShape.Rank != 4)
            throw new ShapeMismatchException($"{GetType().Name} '{Name}' expects [batch, height, width, channels], got {inputShape}.");
    }

    protected override Tensor Forward(Tensor x, bool training) =>
        Tensor.Pool2D(x, op, PoolSize, Strides, Padding, $"{GetType().Name} '{Name}'");
}
