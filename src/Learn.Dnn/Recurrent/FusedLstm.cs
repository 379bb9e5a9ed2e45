using Learn.Dnn.Activations;

namespace Learn.Dnn.Recurrent;

/// <summary>
/// Chapter 10's fast path for <see cref="LSTM"/>: the whole unrolled sequence as one operation of
/// the autograd graph, with a hand-derived backward through time. It computes what chapter 8's
/// composed step computes (<see cref="LSTM"/>'s Step; a test checks the outputs and every gradient
/// against it), with one device primitive per step for all the elementwise work
/// (<see cref="Devices.IDevice.LstmCell"/>) and no graph node, slice or temporary per step.
/// <para>
/// Forward, for t = 0 … T−1: R = h₋·U (a GEMM), then the cell: gates, c and h.
/// Backward, for t = T−1 … 0: dh = ∂L/∂h_t (from the output, plus dh_{t+1}'s share through U),
/// the cell's backward gives ∂L/∂a_t = dA_t (a = x·W + h₋·U + b) and ∂L/∂c₋; then dh₋ = dA_t·Uᵀ.
/// The weights' gradients are sums over the steps, so they wait for the loop to end and are one
/// GEMM each over all T steps at once: ∂L/∂U = Σ_t h_{t−1}ᵀ·dA_t = H₋ᵀ·dA with H₋: [batch·T, u],
/// ∂L/∂(x·W) = dA, ∂L/∂b = Σ over batch and steps of dA.
/// </para>
/// </summary>
[Chapter(10)]
internal static class FusedLstm
{
    /// <summary>
    /// Every h_t, [batch, steps·units], of an LSTM started from h₀ = c₀ = 0.
    /// projections = x·W: [batch, steps·4u]; recurrentKernel U: [u, 4u]; bias b: [4u].
    /// </summary>
    public static Tensor Sequence(Tensor projections, Tensor recurrentKernel, Tensor bias, int steps)
    {
        var device = projections.Device;
        int batch = projections.Shape[0], u = recurrentKernel.Shape[0], width = 4 * u;
        var gates = Tensor.Zeros(new Shape(batch, steps * width), device);    // i, f, c̃, o of every step
        var cells = Tensor.Zeros(new Shape(batch, (steps + 1) * u), device);  // c₀ = 0, c₁, …, c_T
        var hidden = Tensor.Zeros(new Shape(batch, steps * u), device);       // h₁ … h_T
        var state = Tensor.Zeros(new Shape(batch, u), device);                // h₋, then h
        var recurrent = Tensor.Zeros(new Shape(batch, width), device);        // h₋·U
        for (int t = 0; t < steps; t++)
        {
            if (t > 0)   // h₀ = 0, so at t = 0 the product is 0: recurrent starts as zeros
                device.Gemm(false, false, batch, width, u, 1f, state.Storage, recurrentKernel.Storage, 0f, recurrent.Storage);
            device.LstmCell(Sigmoid.Elementwise, Tanh.Elementwise, batch, u, steps, t, projections.Storage, recurrent.Storage, bias.Storage,
                            gates.Storage, cells.Storage, hidden.Storage, state.Storage);
        }
        return hidden.WithGradient("lstm_sequence", [projections, recurrentKernel, bias], dHidden =>
        {
            var dA = ThroughTime(dHidden, recurrentKernel, gates, cells, batch, u, steps);
            if (recurrentKernel.RequiresGrad)   // dA is also ∂L/∂(h₋·U): a = x·W + h₋·U + b
                FusedRecurrence.AccumulateRecurrentKernelGradient(recurrentKernel, FusedRecurrence.Previous(hidden, batch, u, steps), dA, batch, steps);
            if (bias.RequiresGrad) bias.AccumulateFreshGrad(FusedRecurrence.ColumnSums(dA, batch * steps, width));
            projections.AccumulateFreshGrad(dA);   // last: dA may become projections.Grad itself, no copy
        });
    }

    /// <summary>dA: [batch, steps·4u] = ∂L/∂a_t for every step, walking back from the last.</summary>
    private static Tensor ThroughTime(Tensor dHidden, Tensor recurrentKernel, Tensor gates, Tensor cells, int batch, int u, int steps)
    {
        var device = dHidden.Device;
        int width = 4 * u;
        var dA = Tensor.Zeros(new Shape(batch, steps * width), device);
        var dStep = Tensor.Zeros(new Shape(batch, width), device);   // dA_t, as the GEMM's operand
        var dh = Tensor.Zeros(new Shape(batch, u), device);
        var dc = Tensor.Zeros(new Shape(batch, u), device);          // ∂L/∂c_T = 0: only h leaves the layer
        for (int t = steps - 1; t >= 0; t--)
        {
            // dh = ∂L/∂h_t: the output's gradient at step t + what step t + 1 sent back through U
            FusedRecurrence.AddOutputGradient(dHidden, t, dh, batch, u, steps);
            device.LstmCellBackward(Sigmoid.Elementwise, Tanh.Elementwise, batch, u, steps, t, gates.Storage, cells.Storage, dh.Storage, dc.Storage, dA.Storage, dStep.Storage);
            if (t > 0)   // dh₋ = dA_t·Uᵀ   [batch, 4u]·[4u, u]
                device.Gemm(false, true, batch, u, width, 1f, dStep.Storage, recurrentKernel.Storage, 0f, dh.Storage);
        }
        return dA;
    }
}
