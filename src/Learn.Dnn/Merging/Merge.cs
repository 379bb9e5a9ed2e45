using Learn.Dnn.Layers;

namespace Learn.Dnn.Merging;

/// <summary>
/// What the elementwise merge layers share (Keras' <c>Merge</c> base, layers/merging/base_merge.py):
/// they take a list of tensors with the same batch size and no weights, and combine them element by
/// element with NumPy broadcasting over the other axes. An input of lower rank is first given axes of
/// size 1 after the batch axis, as Keras does: (batch, 3) with (batch, 4, 3) is (batch, 1, 3) with
/// (batch, 4, 3). The backward is that of the tensor operations the merge is made of.
/// </summary>
[Chapter(9)]
public abstract class Merge : Layer
{
    protected Merge(string? name) : base(name) { }

    public override IReadOnlyList<Tensor> TrainableWeights => [];

    protected override void Build(Shape inputShape)
    {
        if (inputShape.Rank < 1)
            throw new ShapeMismatchException($"{GetType().Name} '{Name}' expects inputs of shape [batch, ...], got a scalar {inputShape}.");
    }

    /// <summary>One tensor alone: the merge of a list of one.</summary>
    protected override Tensor Forward(Tensor input, bool training) => Forward([input], training)[0];

    protected override IReadOnlyList<Tensor> Forward(IReadOnlyList<Tensor> inputs, bool training) => [Combine(Aligned(inputs))];

    /// <summary>The merge of inputs that have the same rank and broadcast together.</summary>
    protected abstract Tensor Combine(IReadOnlyList<Tensor> inputs);

    /// <summary>x₀ + x₁ + … (Add, and Average before its division).</summary>
    private protected static Tensor Sum(IReadOnlyList<Tensor> inputs)
    {
        var sum = inputs[0];
        for (int i = 1; i < inputs.Count; i++) sum += inputs[i];
        return sum;
    }

    /// <summary>
    /// The inputs with axes of size 1 inserted after the batch axis up to the highest rank, after
    /// checking that the batch sizes agree and that every other axis is equal or 1.
    /// </summary>
    private Tensor[] Aligned(IReadOnlyList<Tensor> inputs)
    {
        string shapes = string.Join(", ", inputs.Select(x => x.Shape));
        foreach (var x in inputs)
            if (x.Rank < 1)
                throw new ShapeMismatchException($"{GetType().Name} '{Name}' expects inputs of shape [batch, ...], got {shapes}.");
        int batch = inputs[0].Shape[0], rank = inputs.Max(x => x.Rank);
        for (int i = 1; i < inputs.Count; i++)
            if (inputs[i].Shape[0] != batch)
                throw new ShapeMismatchException(
                    $"{GetType().Name} '{Name}': cannot merge tensors with different batch sizes: input {i} has shape {inputs[i].Shape}, " +
                    $"expected a batch of {batch} as input 0 ({inputs[0].Shape}); the shapes are {shapes}.");
        var aligned = inputs.Select(x => x.Rank == rank ? x
            : x.Reshape([batch, .. Enumerable.Repeat(1, rank - x.Rank), .. x.Shape.Dimensions[1..].ToArray()])).ToArray();
        var result = aligned[0].Shape.ToArray();
        for (int i = 1; i < aligned.Length; i++)
            for (int axis = 1; axis < rank; axis++)
            {
                int size = aligned[i].Shape[axis];
                if (size != result[axis] && size != 1 && result[axis] != 1)
                    throw new ShapeMismatchException(
                        $"{GetType().Name} '{Name}': inputs have incompatible shapes: input {i} has shape {inputs[i].Shape}, " +
                        $"expected {result[axis]} or 1 in axis {axis} to broadcast with [{string.Join(", ", result)}]; the shapes are {shapes}.");
                result[axis] = Math.Max(result[axis], size);
            }
        return aligned;
    }
}
