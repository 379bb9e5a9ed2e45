using Learn.Dnn.Activations;
using Learn.Dnn.Devices.OpenCL.Native;

namespace Learn.Dnn.Devices.OpenCL;

/// <summary>The fused LSTM and GRU steps (Kernels/recurrent.cl): one work-item per unit and sample.</summary>
public sealed partial class OpenClDevice
{
    /// <summary>
    /// Kernels/recurrent.cl after σ and tanh as OpenCL C functions, from their C# definitions
    /// (functions, not macros: an argument such as a + b must not be spliced into −x).
    /// </summary>
    private ClKernel RecurrentKernel(string name) => Kernel("recurrent", name, static file =>
        "#pragma OPENCL FP_CONTRACT OFF\nfloat saturating_tanh(float u);\n" +
        $"float sigmoid_of(float x) {{ return {Sigmoid.Elementwise.OpenClForward}; }}\n" +
        $"float tanh_of(float x) {{ return {Tanh.Elementwise.OpenClForward}; }}\n" +
        KernelSource(file));

    public void LstmCell(int batch, int units, int steps, int t, Storage projections, Storage recurrent, Storage bias,
                         Storage gates, Storage cells, Storage hidden, Storage state) =>
        Launch(RecurrentKernel("lstm_cell"), [units, batch], [], batch, units, steps, t,
               Buffer(projections, "LstmCell", batch * steps * 4 * units), Buffer(recurrent, "LstmCell", batch * 4 * units),
               Buffer(bias, "LstmCell", 4 * units), Buffer(gates, "LstmCell", batch * steps * 4 * units),
               Buffer(cells, "LstmCell", batch * (steps + 1) * units), Buffer(hidden, "LstmCell", batch * steps * units),
               Buffer(state, "LstmCell", batch * units));

    public void LstmCellBackward(int batch, int units, int steps, int t, Storage gates, Storage cells,
                                 Storage dh, Storage dc, Storage dPreactivations, Storage dStep) =>
        Launch(RecurrentKernel("lstm_cell_backward"), [units, batch], [], batch, units, steps, t,
               Buffer(gates, "LstmCellBackward", batch * steps * 4 * units), Buffer(cells, "LstmCellBackward", batch * (steps + 1) * units),
               Buffer(dh, "LstmCellBackward", batch * units), Buffer(dc, "LstmCellBackward", batch * units),
               Buffer(dPreactivations, "LstmCellBackward", batch * steps * 4 * units), Buffer(dStep, "LstmCellBackward", batch * 4 * units));

    public void GruCell(int batch, int units, int steps, int t, Storage projections, Storage recurrent, Storage bias,
                        Storage gates, Storage hidden, Storage state) =>
        Launch(RecurrentKernel("gru_cell"), [units, batch], [], batch, units, steps, t,
               Buffer(projections, "GruCell", batch * steps * 3 * units), Buffer(recurrent, "GruCell", batch * 3 * units),
               Buffer(bias, "GruCell", 6 * units), Buffer(gates, "GruCell", batch * steps * 4 * units),
               Buffer(hidden, "GruCell", batch * steps * units), Buffer(state, "GruCell", batch * units));

    public void GruCellBackward(int batch, int units, int steps, int t, Storage gates, Storage previous,
                                Storage dh, Storage dProjections, Storage dRecurrent, Storage dStep) =>
        Launch(RecurrentKernel("gru_cell_backward"), [units, batch], [], batch, units, steps, t,
               Buffer(gates, "GruCellBackward", batch * steps * 4 * units), Buffer(previous, "GruCellBackward", batch * steps * units),
               Buffer(dh, "GruCellBackward", batch * units), Buffer(dProjections, "GruCellBackward", batch * steps * 3 * units),
               Buffer(dRecurrent, "GruCellBackward", batch * steps * 3 * units), Buffer(dStep, "GruCellBackward", batch * 3 * units));
}
