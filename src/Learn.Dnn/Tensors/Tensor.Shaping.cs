namespace Learn.Dnn;

/// <summary>Reshape, transpose and row selection: the same numbers seen or arranged differently.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// The same numbers with another shape of the same size; one dimension may be −1 (inferred):
    /// a [32, 28, 28] batch Reshape(32, −1) is [32, 784]. Backward: reshape the gradient back.
    /// </summary>
    [Chapter(1)]
    public Tensor Reshape(params int[] shape)
    {
        var dims = (int[])shape.Clone();
        int inferred = Array.IndexOf(dims, -1);
        if (inferred >= 0)
        {
            int known = dims.Where((d, i) => i != inferred).Aggregate(1, (p, d) => p * d);
            if (known == 0 || Size % known != 0)
                throw new ShapeMismatchException($"Reshape: cannot infer −1 in [{string.Join(", ", shape)}] for {Size} elements (shape {Shape}).");
            dims[inferred] = Size / known;
        }
        var target = new Shape(dims);
        if (target.Size != Size)
            throw new ShapeMismatchException($"Reshape: shape {Shape} has {Size} elements, [{string.Join(", ", shape)}] has {target.Size}.");
        var x = this;
        return new Tensor(target, Storage)   // shares the storage: no copy
            .WithGradient("reshape", [x], dY => x.AccumulateGrad(new Tensor(x.Shape, dY.Storage)));
    }

    /// <summary>The transpose of a matrix: [m, n] → [n, m]. Backward: transpose the gradient.</summary>
    [Chapter(1)]
    public Tensor Transpose()
    {
        if (Rank != 2) throw new ShapeMismatchException($"Transpose: expected a matrix (rank 2), got shape {Shape}.");
        int rows = Shape[0], cols = Shape[1];
        var y = Zeros(new Shape(cols, rows), Device);
        Device.Transpose(Storage, rows, cols, y.Storage);
        var x = this;
        return y.WithGradient("transpose", [x], dY => x.AccumulateGrad(dY.Transpose()));
    }

    /// <summary>Shorthand for <see cref="Transpose"/>, as NumPy's <c>.T</c>.</summary>
    [Chapter(1)]
    public Tensor T => Transpose();

    /// <summary>
    /// The rows (entries along axis 0) at <paramref name="indices"/>, in that order: a mini-batch,
    /// a shuffle, a train/test split. Backward: each row's gradient returns to where it came from.
    /// </summary>
    [Chapter(1)]
    public Tensor Rows(int[] indices)
    {
        if (Rank == 0) throw new ShapeMismatchException("Rows: a scalar has no rows.");
        int count = Shape[0], rowLength = Size / Math.Max(count, 1);
        foreach (int i in indices)
            if (i < 0 || i >= count)
                throw new IndexOutOfRangeException($"Rows: index {i} is out of range for {count} rows (shape {Shape}).");
        var dims = Shape.ToArray();
        dims[0] = indices.Length;
        var y = Zeros(new Shape(dims), Device);
        Device.GatherRows(Storage, rowLength, indices, y.Storage);
        var x = this;
        return y.WithGradient("rows", [x], dY =>
        {
            // scatter-add on the host: rows picked twice get both gradients
            var grad = new float[x.Size];
            var dYs = dY.ToArray();
            for (int r = 0; r < indices.Length; r++)
                for (int j = 0; j < rowLength; j++)
                    grad[indices[r] * rowLength + j] += dYs[r * rowLength + j];
            x.AccumulateGrad(FromArray(grad, x.Shape, x.Device));
        });
    }

    /// <summary>Rows start .. start + count − 1.</summary>
    [Chapter(1)]
    public Tensor Rows(int start, int count) => Rows(Enumerable.Range(start, count).ToArray());
}
