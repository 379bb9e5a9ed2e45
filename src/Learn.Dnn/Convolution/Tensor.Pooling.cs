using Learn.Dnn.Devices;

namespace Learn.Dnn;

/// <summary>Adds max and average pooling to Tensor (chapter 7): channels-last, with their backward beside them.</summary>
public sealed partial class Tensor
{
    #region pooling
    /// <summary>
    /// y[n, oy, ox, c] = the largest x[n, iy, ix, c] in the window under (oy, ox), each channel on its own.
    /// Backward: each window's gradient goes to its maximum only — to the first one in row-major window
    /// order when several are equal. Padding "same" pads with −∞, so padding never wins.
    /// </summary>
    [Chapter(7)]
    public Tensor MaxPool2D(int poolSize = 2, int? strides = null, string padding = "valid") =>
        Pool2D(this, PoolOp.Max, (poolSize, poolSize), (strides ?? poolSize, strides ?? poolSize), Window2D.ParsePadding(padding, "MaxPool2D"), "MaxPool2D");

    /// <summary>
    /// y[n, oy, ox, c] = the mean of x[n, iy, ix, c] over the window's cells inside the image ("same" divides
    /// by that count, not by the window's area). Backward: each window's gradient is shared equally among them.
    /// </summary>
    [Chapter(7)]
    public Tensor AveragePool2D(int poolSize = 2, int? strides = null, string padding = "valid") =>
        Pool2D(this, PoolOp.Average, (poolSize, poolSize), (strides ?? poolSize, strides ?? poolSize), Window2D.ParsePadding(padding, "AveragePool2D"), "AveragePool2D");

    /// <summary>The operation, with <paramref name="who"/> (the layer, when a layer calls it) in every error message.</summary>
    internal static Tensor Pool2D(Tensor x, PoolOp op, (int Height, int Width) poolSize, (int Height, int Width) strides, Padding padding, string who)
    {
        RequireImages(x, who);
        var w = Window(x, poolSize, strides, padding, who, "pool");
        var y = Empty(new Shape(w.Batch, w.OutHeight, w.OutWidth, w.Channels), x.Device);   // every cell is written
        x.Device.Pool2D(op, w, x.Storage, y.Storage);
        return y.WithGradient(op == PoolOp.Max ? "max_pool2d" : "average_pool2d", [x], dY =>
        {
            var dx = Empty(x.Shape, x.Device);   // every cell is written (0 where no window's gradient lands)
            x.Device.Pool2DBackward(op, w, x.Storage, dY.Storage, dx.Storage);   // max: to the argmax; average: dy/count to each cell
            x.AccumulateFreshGrad(dx);
        });
    }
    #endregion
}
