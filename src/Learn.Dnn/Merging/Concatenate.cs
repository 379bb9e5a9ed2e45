namespace Learn.Dnn.Merging;

/// <summary>
/// Keras' <c>Concatenate(axis=-1)</c>: the tensors joined along <see cref="Axis"/>; every other axis
/// must agree. (batch, 5) and (batch, 30) → (batch, 35). Along an axis k other than the last, each
/// input [outer, nᵢ, inner...] is seen as the matrix [outer, nᵢ·inner], so joining along k is joining
/// those matrices' columns: the same numbers, in the same order. Backward: each input gets back its
/// own block of ∂L/∂y.
/// </summary>
[Chapter(9)]
public sealed class Concatenate : Merge
{
    /// <param name="axis">The axis to join along, counted from the end when negative (−1: the last).</param>
    /// <param name="name">By default "concatenate", "concatenate_1", ...</param>
    public Concatenate(int axis = -1, string? name = null) : base(name) => Axis = axis;

    /// <summary>The axis the inputs are joined along (−1: the last).</summary>
    public int Axis { get; }

    protected override IReadOnlyList<Tensor> Forward(IReadOnlyList<Tensor> inputs, bool training) => [Combine(inputs)];

    protected override Tensor Combine(IReadOnlyList<Tensor> inputs)
    {
        var first = inputs[0].Shape;
        int rank = first.Rank;
        if (rank < 1 || Axis < -rank || Axis >= rank)
            throw new ShapeMismatchException($"Concatenate '{Name}': axis {Axis} is out of range for input 0 of shape {first} (rank {rank}).");
        int axis = Axis < 0 ? Axis + rank : Axis;
        for (int i = 1; i < inputs.Count; i++)
        {
            var shape = inputs[i].Shape;
            bool matches = shape.Rank == rank && Enumerable.Range(0, rank).All(a => a == axis || shape[a] == first[a]);
            if (!matches)
                throw new ShapeMismatchException(
                    $"Concatenate '{Name}' requires inputs with matching shapes except along axis {Axis}: input {i} has shape {shape}, " +
                    $"expected [{string.Join(", ", first.ToArray().Select((d, a) => a == axis ? "*" : d.ToString()))}] as input 0 ({first}).");
        }
        int outer = first.ToArray()[..axis].Aggregate(1, (p, d) => p * d);
        int inner = first.ToArray()[(axis + 1)..].Aggregate(1, (p, d) => p * d);
        // [outer, nᵢ, inner...] → [outer, nᵢ·inner]; join the columns; back to [outer, Σnᵢ, inner...]
        var joined = Tensor.Concatenate(inputs.Select(x => x.Reshape(outer, x.Shape[axis] * inner)).ToArray());
        var dims = first.ToArray();
        dims[axis] = inputs.Sum(x => x.Shape[axis]);
        return joined.Reshape(dims);
    }
}
