using Learn.Dnn.Devices;
using Learn.Dnn.Recurrent;

namespace Learn.Dnn.Tests.Recurrent;

/// <summary>
/// The fused LSTM and GRU sequences (chapter 10's fast path) against the composed cells of chapter 8:
/// the same outputs and the same gradients, for both output modes and random sizes, on every CPU device.
/// (The numerical gradient check in <see cref="RecurrentTests"/> runs through the fused path too:
/// Call takes it by default.)
/// </summary>
public sealed class FusedCellTests
{
    public static TheoryData<string, string> CellsAndDevices() => new()
    {
        { "lstm", "reference" }, { "lstm", "cpu" }, { "gru", "reference" }, { "gru", "cpu" },
    };

    private static IDevice DeviceNamed(string name) => name == "cpu" ? Device.Cpu : Device.Reference;

    [Theory]
    [MemberData(nameof(CellsAndDevices))]
    public void The_fused_sequence_gives_the_composed_cells_outputs_and_gradients(string cell, string device)
    {
        var random = new Random(cell.Length);
        for (int trial = 0; trial < 6; trial++)
        {
            int batch = random.Next(1, 5), steps = random.Next(1, 8), features = random.Next(1, 6), units = random.Next(1, 40);
            bool returnSequences = trial % 2 == 0;
            string what = $"{cell} on {device}, batch={batch} T={steps} features={features} units={units} returnSequences={returnSequences}";
            var composed = Run(DeviceNamed(device), cell, fused: false, batch, steps, features, units, returnSequences, seed: trial);
            var fused = Run(DeviceNamed(device), cell, fused: true, batch, steps, features, units, returnSequences, seed: trial);
            string[] names = ["the output", "∂L/∂x", "∂L/∂kernel", "∂L/∂recurrent_kernel", "∂L/∂bias"];
            for (int k = 0; k < composed.Length; k++)
                for (int i = 0; i < composed[k].Length; i++)
                    Assert.True(Math.Abs(composed[k][i] - fused[k][i]) <= 1e-5f * Math.Max(1f, Math.Abs(composed[k][i])),
                        $"{what}: {names[k]}[{i}] is {fused[k][i]} fused, {composed[k][i]} composed.");
        }
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void Other_activations_run_the_composed_cell(string cell)
    {
        RecurrentLayer Create(bool fused) => cell == "lstm"
            ? new LSTM(3, activation: "relu", seed: 2) { FusedCell = fused }
            : new GRU(3, recurrentActivation: "softplus", seed: 2) { FusedCell = fused };
        var x = new Rng(5).Normal(new Shape(2, 4, 3));
        Assert.Equal(Create(false).Call(x).ToArray(), Create(true).Call(x).ToArray());
    }

    /// <summary>The output, ∂L/∂x and the weights' gradients of L = Σ r ⊙ output, with random weights and biases.</summary>
    private static float[][] Run(IDevice device, string cell, bool fused, int batch, int steps, int features, int units,
                                 bool returnSequences, int seed)
    {
        using var _ = Device.Use(device);
        RecurrentLayer layer = cell == "lstm"
            ? new LSTM(units, returnSequences: returnSequences, seed: 3)
            : new GRU(units, returnSequences: returnSequences, seed: 3);
        layer.FusedCell = fused;
        var rng = new Rng((ulong)(100 + seed));
        var x = rng.Uniform(new Shape(batch, steps, features), -1.5f, 1.5f, device);
        x.RequiresGrad = true;
        layer.Call(x);
        layer.SetWeights(layer.GetWeights().Select(w => rng.Uniform(w.Shape, -0.8f, 0.8f, device)).ToList());
        var y = layer.Call(x);
        var r = rng.Uniform(y.Shape, -1f, 1f, device);
        (y * r).Sum().Backward();
        return [y.ToArray(), x.Grad!.ToArray(), .. layer.TrainableWeights.Select(w => w.Grad!.ToArray())];
    }
}
