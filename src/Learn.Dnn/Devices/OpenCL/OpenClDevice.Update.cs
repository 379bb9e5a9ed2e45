using Learn.Dnn.Devices.OpenCL.Native;

namespace Learn.Dnn.Devices.OpenCL;

/// <summary>The optimizer step (Kernels/update.cl), one program generated per update rule.</summary>
public sealed partial class OpenClDevice
{
    /// <summary>
    /// Kernels/update.cl compiled for <paramref name="rule"/>: its slots become kernel arguments
    /// loaded into and stored from variables of the same names, its hyper-parameters float arguments,
    /// and its OpenCL C statements the STEP macro. One program per rule, built on first use.
    /// </summary>
    private ClKernel UpdateKernel(UpdateRule rule) => Kernel(rule, "update", static rule =>
        $"#define SLOT_PARAMETERS {string.Concat(rule.Slots.Select(s => $", __global float* {s}_"))}\n" +
        $"#define HYPER_PARAMETERS {string.Concat(rule.Hyper.Select(h => $", float {h}"))}\n" +
        $"#define LOAD_SLOTS {string.Concat(rule.Slots.Select(s => $"float {s} = {s}_[i]; "))}\n" +
        $"#define STORE_SLOTS {string.Concat(rule.Slots.Select(s => $"{s}_[i] = {s}; "))}\n" +
        $"#define STEP {string.Join(" \\\n    ", rule.OpenCl.Trim().Split('\n').Select(line => line.TrimEnd()))}\n" +
        KernelSource("update"));

    public void Update(UpdateRule rule, Storage weight, Storage gradient, ReadOnlySpan<Storage> slots, ReadOnlySpan<float> hyper)
    {
        rule.Require(this, weight, gradient, slots, hyper);
        var W = Buffer(weight, $"Update {rule}");
        int n = W.Length;
        var args = new KernelArg[2 + slots.Length + hyper.Length + 1];
        int a = 0;
        args[a++] = W;
        args[a++] = Buffer(gradient, $"Update {rule}", n);
        foreach (var slot in slots) args[a++] = Buffer(slot, $"Update {rule}", n);
        foreach (float h in hyper) args[a++] = h;
        args[a] = n;
        Launch(UpdateKernel(rule), [n], [], args);
    }
}
