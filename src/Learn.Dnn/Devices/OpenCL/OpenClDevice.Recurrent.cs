using Learn.Dnn.Devices.OpenCL.Native;

namespace Learn.Dnn.Devices.OpenCL;

/// <summary>The fused LSTM and GRU steps (Kernels/recurrent.cl): one work-item per unit and sample.</summary>
public sealed partial class OpenClDevice
{
    /// <summary>
    /// Kernels/recurrent.cl compiled for a pair of functions: σ (the gate) and tanh (the activation)
    /// become OpenCL C functions from their C# definitions (functions, not macros: an argument such as
    /// a + b must not be spliced into −x). One program per pair, built on first use.
    /// </summary>
    private ClKernel RecurrentKernel(UnaryFunction gate, UnaryFunction activation, string name) =>
        Kernel((gate, activation), name, static pair =>
            "#pragma OPENCL FP_CONTRACT OFF\nfloat saturating_tanh(float u);\n" +
            $"float gate_of(float x) {{ const float p = 0.0f; return {pair.gate.OpenClForward}; }}\n" +
            $"float gate_slope(float x, float y) {{ const float p = 0.0f; return {pair.gate.OpenClDerivative}; }}\n" +
            $"float activation_of(float x) {{ const float p = 0.0f; return {pair.activation.OpenClForward}; }}\n" +
            $"float activation_slope(float x, float y) {{ const float p = 0.0f; return {pair.activation.OpenClDerivative}; }}\n" +
            KernelSource("recurrent"));

    public void LstmCell(UnaryFunction gate, UnaryFunction activation, int batch, int units, int steps, int t,
                         Storage projections, Storage recurrent, Storage bias, Storage gates, Storage cells, Storage hidden, Storage state) =>
        Launch(RecurrentKernel(gate, activation, "lstm_cell"), [units, batch], [], batch, units, steps, t,
               Buffer(projections, "LstmCell", batch * steps * 4 * units), Buffer(recurrent, "LstmCell", batch * 4 * units),
               Buffer(bias, "LstmCell", 4 * units), Buffer(gates, "LstmCell", batch * steps * 4 * units),
               Buffer(cells, "LstmCell", batch * (steps + 1) * units), Buffer(hidden, "LstmCell", batch * steps * units),
               Buffer(state, "LstmCell", batch * units));

    public void LstmCellBackward(UnaryFunction gate, UnaryFunction activation, int batch, int units, int steps, int t,
                                 Storage gates, Storage cells, Storage dh, Storage dc, Storage dPreactivations, Storage dStep) =>
        Launch(RecurrentKernel(gate, activation, "lstm_cell_backward"), [units, batch], [], batch, units, steps, t,
               Buffer(gates, "LstmCellBackward", batch * steps * 4 * units), Buffer(cells, "LstmCellBackward", batch * (steps + 1) * units),
               Buffer(dh, "LstmCellBackward", batch * units), Buffer(dc, "LstmCellBackward", batch * units),
               Buffer(dPreactivations, "LstmCellBackward", batch * steps * 4 * units), Buffer(dStep, "LstmCellBackward", batch * 4 * units));

    public void GruCell(UnaryFunction gate, UnaryFunction activation, int batch, int units, int steps, int t,
                        Storage projections, Storage recurrent, Storage bias, Storage gates, Storage hidden, Storage state) =>
        Launch(RecurrentKernel(gate, activation, "gru_cell"), [units, batch], [], batch, units, steps, t,
               Buffer(projections, "GruCell", batch * steps * 3 * units), Buffer(recurrent, "GruCell", batch * 3 * units),
               Buffer(bias, "GruCell", 6 * units), Buffer(gates, "GruCell", batch * steps * 4 * units),
               Buffer(hidden, "GruCell", batch * steps * units), Buffer(state, "GruCell", batch * units));

    public void GruCellBackward(UnaryFunction gate, UnaryFunction activation, int batch, int units, int steps, int t,
                                Storage gates, Storage previous, Storage dh, Storage dProjections, Storage dRecurrent, Storage dStep) =>
        Launch(RecurrentKernel(gate, activation, "gru_cell_backward"), [units, batch], [], batch, units, steps, t,
               Buffer(gates, "GruCellBackward", batch * steps * 4 * units), Buffer(previous, "GruCellBackward", batch * steps * units),
               Buffer(dh, "GruCellBackward", batch * units), Buffer(dProjections, "GruCellBackward", batch * steps * 3 * units),
               Buffer(dRecurrent, "GruCellBackward", batch * steps * 3 * units), Buffer(dStep, "GruCellBackward", batch * 3 * units));
}
