namespace Learn.Dnn.Layers;

/// <summary>
/// A layer maps an input tensor to an output tensor and owns its trainable weights. As in Keras,
/// the weights are created on the first call, when the input's shape is known (<see cref="Build"/>).
/// </summary>
[Chapter(3)]
public abstract class Layer
{
    private static int counter;

    protected Layer(string? name)
    {
        Index = Interlocked.Increment(ref counter);
        Name = name ?? $"{GetType().Name.ToLowerInvariant()}_{Index}";
    }

    /// <summary>How many layers were created before this one, plus one (names and default seeds).</summary>
    protected int Index { get; }

    /// <summary>The layer's name in messages and summaries ("dense_1").</summary>
    public string Name { get; }

    /// <summary>Whether <see cref="Build"/> has created the weights.</summary>
    public bool Built { get; private set; }

    /// <summary>The trainable weights, in a fixed order (e.g. kernel, bias).</summary>
    public abstract IReadOnlyList<Tensor> TrainableWeights { get; }

    /// <summary>Creates the weights for inputs of <paramref name="inputShape"/> (batch axis first).</summary>
    protected abstract void Build(Shape inputShape);

    /// <summary>The forward pass on an already-built layer.</summary>
    protected abstract Tensor Forward(Tensor input, bool training);

    /// <summary>Applies the layer: builds it on first use, checks the input, runs the forward pass.</summary>
    public Tensor Call(Tensor input, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!Built)
        {
            Build(input.Shape);
            Built = true;
        }
        return Forward(input, training);
    }

    /// <summary>The total number of trainable numbers.</summary>
    public int CountParams() => TrainableWeights.Sum(w => w.Size);

    public override string ToString() => $"{Name} ({GetType().Name})";
}
