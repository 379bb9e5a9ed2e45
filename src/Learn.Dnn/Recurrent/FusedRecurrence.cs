using Learn.Dnn.Devices;

namespace Learn.Dnn.Recurrent;

/// <summary>
/// What the backward through time of <see cref="FusedLstm"/> and <see cref="FusedGru"/> share:
/// the output's gradient at step t, the previous states H₋, and the weights' gradients. Those are
/// sums over the steps, so they wait for the loop to end and are one GEMM or one reduction each
/// over all T steps at once, reading [batch, steps·width] as [batch·T, width].
/// </summary>
[Chapter(10)]
internal static class FusedRecurrence
{
    /// <summary>dh += ∂L/∂h_t, block t of dHidden: [batch, steps·u]; dh: [batch, u].</summary>
    public static void AddOutputGradient(Tensor dHidden, int t, Tensor dh, int batch, int u, int steps) =>
        dHidden.Device.CopyColumns(dHidden.Storage, steps * u, t * u, dh.Storage, u, 0, batch, u, accumulate: true);

    /// <summary>H₋: [batch, steps·u], block t = h_{t−1}: every h_t one block to the right, block 0 = h₀ = 0.</summary>
    public static Tensor Previous(Tensor hidden, int batch, int u, int steps)
    {
        var previous = Tensor.Zeros(new Shape(batch, steps * u), hidden.Device);
        hidden.Device.CopyColumns(hidden.Storage, steps * u, 0, previous.Storage, steps * u, u, batch, (steps - 1) * u, accumulate: false);
        return previous;
    }

    /// <summary>
    /// ∂L/∂U += Σ_t h_{t−1}ᵀ·dR_t = H₋ᵀ·dR: [u, batch·T]·[batch·T, width], with dR: [batch, steps·width] the
    /// gradient of h₋·U at every step; added into U's gradient by GEMM's β, with no temporary.
    /// </summary>
    public static void AccumulateRecurrentKernelGradient(Tensor recurrentKernel, Tensor previous, Tensor dRecurrent, int batch, int steps)
    {
        int u = recurrentKernel.Shape[0], width = recurrentKernel.Shape[1];
        var (dU, beta) = recurrentKernel.GradToAccumulate();
        recurrentKernel.Device.Gemm(true, false, u, width, batch * steps, 1f, previous.Storage, dRecurrent.Storage, beta, dU);
    }

    /// <summary>Σ over the rows of x: [rows, columns] → [columns] (a bias's gradient).</summary>
    public static Tensor ColumnSums(Tensor x, int rows, int columns)
    {
        var sums = Tensor.Zeros(new Shape(columns), x.Device);
        x.Device.Reduce(ReduceOp.Sum, x.Storage, 1, rows, columns, sums.Storage);
        return sums;
    }
}
