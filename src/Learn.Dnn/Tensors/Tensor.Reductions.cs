using Learn.Dnn.Devices;

namespace Learn.Dnn;

/// <summary>Adds reductions to Tensor: sums, means and maxima, over everything or along one axis.</summary>
public sealed partial class Tensor
{
    /// <summary>The sum of all elements, a scalar. Backward: every element receives ∂L/∂sum.</summary>
    [Chapter(1)]
    public Tensor Sum() => Reshape(Size).Sum(0);

    /// <summary>The mean of all elements, a scalar.</summary>
    [Chapter(1)]
    public Tensor Mean() => Sum() * (1f / Size);

    #region sum-axis
    /// <summary>
    /// The sum along <paramref name="axis"/>: [2, 3].Sum(1) is [2] (or [2, 1] with keepDims).
    /// Backward: the gradient of the sum is copied back along the summed axis.
    /// </summary>
    [Chapter(1)]
    public Tensor Sum(int axis, bool keepDims = false) => ReduceAlong(ReduceOp.Sum, axis, keepDims, "sum", (x, y, dY) => dY.BroadcastTo(x.Shape));
    #endregion

    /// <summary>The mean along <paramref name="axis"/>.</summary>
    [Chapter(1)]
    public Tensor Mean(int axis, bool keepDims = false) => Sum(axis, keepDims) * (1f / Shape[axis]);

    /// <summary>The maximum along <paramref name="axis"/>. Backward: the gradient goes to the maximal elements.</summary>
    [Chapter(1)]
    public Tensor Max(int axis, bool keepDims = false) => ReduceAlong(ReduceOp.Max, axis, keepDims, "max",
        (x, y, dY) => GreaterOrEqualMask(x.Detach(), y.Detach()) * dY);

    /// <summary>
    /// Views x as [outer, length, inner] around <paramref name="axis"/> and reduces the middle.
    /// <paramref name="gradient"/> maps (x, y kept-dims, ∂L/∂y kept-dims) to ∂L/∂x.
    /// </summary>
    private Tensor ReduceAlong(ReduceOp op, int axis, bool keepDims, string name, Func<Tensor, Tensor, Tensor, Tensor> gradient)
    {
        axis = Shape.NormalizeAxis(axis);
        var dims = Shape.ToArray();
        int outer = 1, inner = 1, length = dims[axis];
        for (int i = 0; i < axis; i++) outer *= dims[i];
        for (int i = axis + 1; i < dims.Length; i++) inner *= dims[i];
        dims[axis] = 1;
        var keptShape = new Shape(dims);
        var kept = Empty(keptShape, Device);
        Device.Reduce(op, Storage, outer, length, inner, kept.Storage);
        var x = this;
        kept.WithGradient(name, [x], dY => x.AccumulateGrad(gradient(x, kept, dY)));
        return keepDims ? kept : kept.Reshape(dims.Where((_, i) => i != axis).ToArray());
    }
}
