using Learn.Dnn.Devices;
using Learn.Dnn.Recurrent;

namespace Learn.Dnn.OpenCL.Tests;

/// <summary>
/// SimpleRNN, GRU and LSTM on the OpenCL device and on the fast CPU against the reference: the
/// same seeded layer, the same sequence, forward (every step, and the final states) and backward
/// through time (∂L/∂x and every weight's gradient), within 1e-4·max(1, |reference|).
/// </summary>
public class RecurrentParityTests
{
    private const double Bound = 1e-4;

    public static TheoryData<string, bool> Cases() => new()
    {
        { "simple_rnn", false }, { "simple_rnn", true }, { "gru", false }, { "gru", true }, { "lstm", false }, { "lstm", true },
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void A_recurrent_layer_gives_the_reference_values_and_gradients_on_opencl_and_the_fast_cpu(string cell, bool returnSequences)
    {
        var cl = TestDevices.Require();
        var reference = Run(Device.Reference, cell, returnSequences);
        foreach (var device in new IDevice[] { cl, Device.Cpu })
        {
            var tested = Run(device, cell, returnSequences);
            string[] names = ["output", "final h", "final c", "∂L/∂x", "∂L/∂kernel", "∂L/∂recurrent_kernel", "∂L/∂bias"];
            for (int k = 0; k < reference.Length; k++)
                Tolerance.AssertClose(reference[k], tested[k], Tolerance.Relative(reference[k], Bound),
                    $"{cell} (returnSequences={returnSequences}) {names[k]} on {device.Name}");
        }
    }

    /// <summary>
    /// The same through <see cref="Layers.Layer.Call"/>, which runs the fused sequence for GRU and LSTM
    /// (Kernels/recurrent.cl on OpenCL): output, ∂L/∂x and every weight's gradient.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void The_fused_sequence_gives_the_reference_values_and_gradients_on_opencl_and_the_fast_cpu(string cell, bool returnSequences)
    {
        var cl = TestDevices.Require();
        var reference = Run(Device.Reference, cell, returnSequences, fused: true);
        var composed = Run(Device.Reference, cell, returnSequences, fused: false);
        foreach (var (device, expected) in new[] { (cl, reference), (Device.Cpu, reference), (Device.Reference, composed) })
        {
            var tested = Run(device, cell, returnSequences, fused: true);
            string[] names = ["output", "∂L/∂x", "∂L/∂kernel", "∂L/∂recurrent_kernel", "∂L/∂bias"];
            for (int k = 0; k < expected.Length; k++)
                Tolerance.AssertClose(expected[k], tested[k], Tolerance.Relative(expected[k], Bound),
                    $"{cell} (returnSequences={returnSequences}, fused) {names[k]} on {device.Name}" + (ReferenceEquals(expected, composed) ? " against the composed cell" : ""));
        }
    }

    /// <summary>Output, ∂L/∂x and the weights' gradients for L = Σ r ⊙ output, through Call.</summary>
    private static float[][] Run(IDevice device, string cell, bool returnSequences, bool fused)
    {
        var layer = Create(device, cell, returnSequences);
        layer.FusedCell = fused;
        var x = Input(device);
        var y = layer.Call(x);
        var r = Tensor.FromArray(Generators.Values(2, y.Size, -1f, 1f), y.Shape, device);
        (y * r).Sum().Backward();
        return [y.ToArray(), x.Grad!.ToArray(), .. layer.TrainableWeights.Select(w => w.Grad!.ToArray())];
    }

    private const int Batch = 3, Steps = 6, Features = 5, Units = 7;

    private static Tensor Input(IDevice device)
    {
        var x = Tensor.FromArray(Generators.Values(1, Batch * Steps * Features, -1.5f, 1.5f), new Shape(Batch, Steps, Features), device);
        x.RequiresGrad = true;
        return x;
    }

    /// <summary>The seeded layer, built, with the same weights on every device.</summary>
    private static RecurrentLayer Create(IDevice device, string cell, bool returnSequences)
    {
        using var _ = Device.Use(device);
        RecurrentLayer layer = cell switch
        {
            "simple_rnn" => new SimpleRNN(Units, returnSequences: returnSequences, seed: 4),
            "gru" => new GRU(Units, returnSequences: returnSequences, seed: 4),
            _ => new LSTM(Units, returnSequences: returnSequences, seed: 4),
        };
        layer.Call(Tensor.Zeros(new Shape(1, Steps, Features), device));
        // the same weights everywhere (the orthogonal draw goes through the device's own normal numbers)
        layer.SetWeights(layer.Weights.Select((w, i) => Tensor.FromArray(Generators.Values(10 + i, w.Size, -0.6f, 0.6f), w.Shape, device)).ToList());
        return layer;
    }

    /// <summary>Output, final states (c empty unless LSTM), ∂L/∂x and the weights' gradients for L = Σ r ⊙ output.</summary>
    private static float[][] Run(IDevice device, string cell, bool returnSequences)
    {
        const int batch = 3, steps = 6, features = 5, units = 7;
        using var _ = Device.Use(device);
        RecurrentLayer layer = cell switch
        {
            "simple_rnn" => new SimpleRNN(units, returnSequences: returnSequences, seed: 4),
            "gru" => new GRU(units, returnSequences: returnSequences, seed: 4),
            _ => new LSTM(units, returnSequences: returnSequences, seed: 4),
        };
        var x = Tensor.FromArray(Generators.Values(1, batch * steps * features, -1.5f, 1.5f), new Shape(batch, steps, features), device);
        x.RequiresGrad = true;
        layer.Call(Tensor.Zeros(new Shape(1, steps, features), device));
        // the same weights everywhere (the orthogonal draw goes through the device's own normal numbers)
        layer.SetWeights(layer.Weights.Select((w, i) => Tensor.FromArray(Generators.Values(10 + i, w.Size, -0.6f, 0.6f), w.Shape, device)).ToList());
        var (y, states) = layer.CallWithState(x);
        var r = Tensor.FromArray(Generators.Values(2, y.Size, -1f, 1f), y.Shape, device);
        (y * r).Sum().Backward();
        return [y.ToArray(), states[0].ToArray(), states.Count > 1 ? states[1].ToArray() : [], x.Grad!.ToArray(),
                .. layer.TrainableWeights.Select(w => w.Grad!.ToArray())];
    }
}
