using Learn.Dnn.Activations;

namespace Learn.Dnn.Recurrent;

/// <summary>
/// Chapter 10's fast path for <see cref="GRU"/>: the whole unrolled sequence as one operation of
/// the autograd graph, with a hand-derived backward through time, as <see cref="FusedLstm"/> does
/// for the LSTM. It computes what chapter 8's composed step computes (a test checks the outputs and
/// every gradient against it), with one device primitive per step for the elementwise work
/// (<see cref="Devices.IDevice.GruCell"/>).
/// <para>
/// Forward, for t = 0 … T−1: R = h₋·U (a GEMM), then the cell. Backward, for t = T−1 … 0: the
/// cell's backward splits ∂L/∂h_t into ∂L/∂P_t (P = x·W, the input side), ∂L/∂R_t (R = h₋·U, the
/// recurrent side) and the direct share z·∂L/∂h_t of ∂L/∂h₋; then dh₋ = z·dh + dR_t·Uᵀ.
/// After the loop, one GEMM each over all steps: ∂L/∂U = H₋ᵀ·dR; the bias's rows are the sums of
/// dP (b_in) and of dR (b_rec).
/// </para>
/// </summary>
[Chapter(10)]
internal static class FusedGru
{
    /// <summary>
    /// Every h_t, [batch, steps·units], of a GRU (reset_after) started from h₀ = 0.
    /// projections = x·W: [batch, steps·3u]; recurrentKernel U: [u, 3u]; bias: [2, 3u] (b_in, b_rec).
    /// </summary>
    public static Tensor Sequence(Tensor projections, Tensor recurrentKernel, Tensor bias, int steps)
    {
        var device = projections.Device;
        int batch = projections.Shape[0], u = recurrentKernel.Shape[0], width = 3 * u;
        var gates = Tensor.Zeros(new Shape(batch, steps * 4 * u), device);   // z, r, ĥ, ρ_h of every step
        var hidden = Tensor.Zeros(new Shape(batch, steps * u), device);      // h₁ … h_T
        var state = Tensor.Zeros(new Shape(batch, u), device);               // h₋, then h (h₀ = 0)
        var recurrent = Tensor.Zeros(new Shape(batch, width), device);       // h₋·U
        for (int t = 0; t < steps; t++)
        {
            if (t > 0)   // h₀ = 0, so at t = 0 the product is 0: recurrent starts as zeros
                device.Gemm(false, false, batch, width, u, 1f, state.Storage, recurrentKernel.Storage, 0f, recurrent.Storage);
            device.GruCell(Sigmoid.Elementwise, Tanh.Elementwise, batch, u, steps, t, projections.Storage, recurrent.Storage, bias.Storage,
                           gates.Storage, hidden.Storage, state.Storage);
        }
        return hidden.WithGradient("gru_sequence", [projections, recurrentKernel, bias], dHidden =>
        {
            var previous = FusedRecurrence.Previous(hidden, batch, u, steps);
            var (dP, dR) = ThroughTime(dHidden, recurrentKernel, gates, previous, batch, u, steps);
            if (recurrentKernel.RequiresGrad)
                FusedRecurrence.AccumulateRecurrentKernelGradient(recurrentKernel, previous, dR, batch, steps);
            if (bias.RequiresGrad)
                bias.AccumulateFreshGrad(Tensor.Concatenate(FusedRecurrence.ColumnSums(dP, batch * steps, width),
                                                            FusedRecurrence.ColumnSums(dR, batch * steps, width)).Reshape(2, width));
            projections.AccumulateFreshGrad(dP);   // last: dP may become projections.Grad itself, no copy
        });
    }

    /// <summary>dP, dR: [batch, steps·3u] = ∂L/∂(x_t·W) and ∂L/∂(h_{t−1}·U) for every step, walking back from the last.</summary>
    private static (Tensor DP, Tensor DR) ThroughTime(Tensor dHidden, Tensor recurrentKernel, Tensor gates, Tensor previous,
                                                      int batch, int u, int steps)
    {
        var device = dHidden.Device;
        int width = 3 * u;
        var dP = Tensor.Zeros(new Shape(batch, steps * width), device);
        var dR = Tensor.Zeros(new Shape(batch, steps * width), device);
        var dStep = Tensor.Zeros(new Shape(batch, width), device);   // dR_t, as the GEMM's operand
        var dh = Tensor.Zeros(new Shape(batch, u), device);
        for (int t = steps - 1; t >= 0; t--)
        {
            // dh = ∂L/∂h_t: the output's gradient at step t + what step t + 1 sent back
            FusedRecurrence.AddOutputGradient(dHidden, t, dh, batch, u, steps);
            device.GruCellBackward(Sigmoid.Elementwise, Tanh.Elementwise, batch, u, steps, t, gates.Storage, previous.Storage, dh.Storage, dP.Storage, dR.Storage, dStep.Storage);
            if (t > 0)   // dh₋ = z·dh (left in dh by the cell) + dR_t·Uᵀ   [batch, 3u]·[3u, u]
                device.Gemm(false, true, batch, u, width, 1f, dStep.Storage, recurrentKernel.Storage, 1f, dh.Storage);
        }
        return (dP, dR);
    }
}
