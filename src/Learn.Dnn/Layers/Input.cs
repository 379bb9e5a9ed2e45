using Learn.Dnn.Serialization;
namespace Learn.Dnn.Layers;

/// <summary>
/// The shape of one sample, declared up front so a model can build its weights before seeing data:
/// <c>new Sequential([new Input(784), new Dense(300, "relu"), ...])</c>, as Keras'
/// <c>keras.Input(shape=(784,))</c>. The batch axis is not part of the shape (Keras' None).
/// Passing data through it checks the data's shape.
/// </summary>
[Chapter(5)]
public sealed class Input : Layer
{
    /// <param name="shape">The shape of one sample, without the batch axis: 784 for flat MNIST digits.</param>
    public Input(params int[] shape) : this(shape, null) { }

    public Input(int[] shape, string? name) : base(name ?? "input_layer")
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0 || shape.Any(d => d <= 0))
            throw new ArgumentException($"Input: every dimension of a sample's shape must be positive, got [{string.Join(", ", shape)}].");
        SampleShape = new Shape(shape);
    }

    /// <summary>The shape of one sample, without the batch axis (Keras' <c>shape</c>).</summary>
    [KerasName("shape")]
    public Shape SampleShape { get; }

    /// <summary>The shape of a batch of <paramref name="batch"/> samples.</summary>
    public Shape BatchShape(int batch) => new([batch, .. SampleShape]);

    public override IReadOnlyList<Tensor> TrainableWeights => [];

    protected override void Build(Shape inputShape) { }

    protected override Tensor Forward(Tensor input, bool training)
    {
        Require(input.Shape);
        return input;
    }

    /// <summary>Throws unless <paramref name="shape"/> is a batch of samples of <see cref="SampleShape"/>.</summary>
    internal void Require(Shape shape, string? what = null)
    {
        if (shape.Rank == SampleShape.Rank + 1 && shape.Skip(1).SequenceEqual(SampleShape)) return;
        throw new ShapeMismatchException(
            $"Input '{Name}': expected {what ?? "input"} of shape [batch, {string.Join(", ", SampleShape)}], got {shape}" +
            (shape.Rank == SampleShape.Rank + 1 ? $" (each sample has {string.Join("×", shape.Skip(1))} values, the model takes {string.Join("×", SampleShape)})." : "."));
    }
}
