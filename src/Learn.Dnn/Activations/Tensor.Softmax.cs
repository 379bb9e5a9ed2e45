using Learn.Dnn.Devices;

namespace Learn.Dnn;

/// <summary>Adds softmax, log-softmax and log-sum-exp along the last axis to Tensor, each with its backward beside it.</summary>
public sealed partial class Tensor
{
    #region softmax
    /// <summary>
    /// Softmax along the last axis: p = e^(x − max) / Σ e^(x − max), shape unchanged.
    /// Backward (the softmax Jacobian is diag(p) − p·pᵀ): ∂L/∂x = p ⊙ (∂L/∂p − Σⱼ pⱼ·∂L/∂pⱼ).
    /// </summary>
    [Chapter(4)]
    public Tensor Softmax()
    {
        var (rows, cols) = RowsAndColumns("Softmax");
        var x = this;
        var p = Empty(Shape, Device);
        Device.Softmax(Storage, rows, cols, p.Storage, log: false);
        return p.WithGradient("softmax", [x], dP =>
        {
            using var _ = NoGrad();
            var pConst = p.Detach();
            var dot = (dP * pConst).Sum(-1, keepDims: true);   // Σⱼ pⱼ·∂L/∂pⱼ per row
            x.AccumulateGrad(pConst * (dP - dot));
        });
    }

    /// <summary>
    /// log softmax along the last axis: x − max − ln Σ e^(x − max) (log-sum-exp; never overflows,
    /// never takes the log of 0). Backward: ∂L/∂x = ∂L/∂y − softmax(x)·Σⱼ ∂L/∂yⱼ.
    /// </summary>
    [Chapter(4)]
    public Tensor LogSoftmax()
    {
        var (rows, cols) = RowsAndColumns("LogSoftmax");
        var x = this;
        var y = Empty(Shape, Device);
        Device.Softmax(Storage, rows, cols, y.Storage, log: true);
        return y.WithGradient("log_softmax", [x], dY =>
        {
            using var _ = NoGrad();
            var p = y.Detach().Exp();
            x.AccumulateGrad(dY - p * dY.Sum(-1, keepDims: true));
        });
    }
    #endregion

    /// <summary>ln Σ eˣ along the last axis, computed stably (max + ln Σ e^(x − max)); shape [..., 1].</summary>
    [Chapter(4)]
    public Tensor LogSumExp() => (this - LogSoftmax()).Mean(-1, keepDims: true);   // x − log softmax(x) is ln Σ eˣ in every entry

    /// <summary>The tensor seen as rows along its last axis: [a, b, c] is a·b rows of c.</summary>
    private (int Rows, int Cols) RowsAndColumns(string operation)
    {
        if (Rank == 0) throw new ShapeMismatchException($"{operation}: expected at least one axis, got a scalar.");
        int cols = Shape[-1];
        return (cols == 0 ? 0 : Size / cols, cols);
    }
}
