namespace Learn.Dnn;

/// <summary>Adds shaping to Tensor: reshape, transpose and row selection, the same numbers seen or arranged differently.</summary>
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
        var y = Empty(new Shape(cols, rows), Device);
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

    #region slice-last-axis
    /// <summary>
    /// Entries start .. start + count − 1 along the last axis: [..., n] → [..., count]. An LSTM's
    /// pre-activations [batch, 4·units] sliced into its four gates; a sequence [batch, timesteps·features]
    /// sliced into one time step. Backward: the gradient goes back into the same columns of ∂L/∂x
    /// (added in place, so slicing T steps out of one tensor costs T blocks, not T full tensors).
    /// </summary>
    [Chapter(8)]
    public Tensor Slice(int start, int count)
    {
        if (Rank == 0) throw new ShapeMismatchException("Slice: a scalar has no last axis to slice.");
        int columns = Shape[-1];
        if (start < 0 || count < 0 || start + count > columns)
            throw new ShapeMismatchException($"Slice: entries {start} .. {start + count - 1} are out of range for the last axis of shape {Shape} (size {columns}).");
        int rows = Shape.Dimensions[..^1].ToArray().Aggregate(1, (a, b) => a * b);
        var dims = Shape.ToArray();
        dims[^1] = count;
        var y = Zeros(new Shape(dims), Device);
        Device.CopyColumns(Storage, columns, start, y.Storage, count, 0, rows, count, accumulate: false);
        var x = this;
        return y.WithGradient("slice", [x], dY =>
        {
            if (!x.RequiresGrad) return;
            x.Grad ??= x.ZerosLike();   // ∂L/∂x[..., start + j] += ∂L/∂y[..., j]; the other columns get nothing
            x.Device.CopyColumns(dY.Storage, count, 0, x.Grad.Storage, columns, start, rows, count, accumulate: true);
        });
    }
    #endregion

    #region concatenate
    /// <summary>
    /// The tensors side by side along the last axis, as Keras' Concatenate(axis=−1): [..., n₁], [..., n₂]
    /// → [..., n₁ + n₂]; every other axis must agree. Backward: each input gets back its own columns.
    /// </summary>
    [Chapter(8)]
    public static Tensor Concatenate(params Tensor[] parts)
    {
        if (parts.Length == 0) throw new ArgumentException("Concatenate: no tensors to concatenate.");
        var first = parts[0];
        if (first.Rank == 0) throw new ShapeMismatchException("Concatenate: scalars have no last axis.");
        foreach (var part in parts)
        {
            RequireSameDevice("Concatenate", first, part);
            if (part.Rank != first.Rank || !part.Shape.Dimensions[..^1].SequenceEqual(first.Shape.Dimensions[..^1]))
                throw new ShapeMismatchException(
                    $"Concatenate: shapes {string.Join(", ", parts.Select(p => p.Shape))} differ in an axis other than the last.");
        }
        int rows = first.Shape.Dimensions[..^1].ToArray().Aggregate(1, (a, b) => a * b);
        int total = parts.Sum(p => p.Shape[-1]);
        var dims = first.Shape.ToArray();
        dims[^1] = total;
        var y = Zeros(new Shape(dims), first.Device);
        var offsets = new int[parts.Length];
        for (int i = 0, offset = 0; i < parts.Length; offset += parts[i].Shape[-1], i++)
        {
            offsets[i] = offset;
            first.Device.CopyColumns(parts[i].Storage, parts[i].Shape[-1], 0, y.Storage, total, offset, rows, parts[i].Shape[-1], accumulate: false);
        }
        return y.WithGradient("concatenate", parts, dY =>
        {
            for (int i = 0; i < parts.Length; i++)
            {
                if (!parts[i].RequiresGrad) continue;
                int count = parts[i].Shape[-1];
                var dPart = parts[i].ZerosLike();   // ∂L/∂partᵢ = the columns of ∂L/∂y it was copied to
                dY.Device.CopyColumns(dY.Storage, total, offsets[i], dPart.Storage, count, 0, rows, count, accumulate: false);
                parts[i].AccumulateGrad(dPart);
            }
        });
    }
    #endregion
}
