using Learn.Dnn.Devices.Cpu;
using Learn.Dnn.Devices.OpenCL;
using Learn.Dnn.Devices.Reference;

namespace Learn.Dnn.Devices;

/// <summary>
/// Where tensors live and run. <see cref="Cpu"/> is the default; <see cref="OpenCL"/> runs the same
/// code on an OpenCL device (chapter 11). The environment variable LEARN_DNN_DEVICE=opencl (or
/// opencl:&lt;name or index&gt;) changes the default for a whole program.
/// </summary>
[Chapter(1)]
public static class Device
{
    private static IDevice? current;
    private static readonly AsyncLocal<IDevice?> scoped = new();

    /// <summary>The fast CPU device (chapter 10): the default.</summary>
    public static IDevice Cpu => CpuDevice.Instance;

    /// <summary>The reference device: plain loops, the code the book shows; what the others are checked against.</summary>
    public static IDevice Reference => ReferenceDevice.Instance;

    /// <summary>The device new tensors are created on unless one is named.</summary>
    public static IDevice Default
    {
        get => scoped.Value ?? (current ??= Parse(Environment.GetEnvironmentVariable("LEARN_DNN_DEVICE")));
        set => current = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Makes <paramref name="device"/> the default for the code inside <c>using (Device.Use(d)) { ... }</c>
    /// (on this thread and the tasks it starts), and restores the previous default after it.
    /// </summary>
    public static IDisposable Use(IDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var previous = scoped.Value;
        scoped.Value = device;
        return new Scope(() => scoped.Value = previous);
    }

    private sealed class Scope(Action restore) : IDisposable
    {
        private Action? restore = restore;
        public void Dispose()
        {
            restore?.Invoke();
            restore = null;
        }
    }

    /// <summary>
    /// The device named by <paramref name="spec"/>: null, "" or "cpu" for the fast CPU device; "reference" for the reference device; "opencl" for the
    /// first OpenCL device; "opencl:NAME" or "opencl:INDEX" for a chosen one.
    /// </summary>
    public static IDevice Parse(string? spec)
    {
        string s = (spec ?? "").Trim();
        if (s.Length == 0 || s.Equals("cpu", StringComparison.OrdinalIgnoreCase)) return Cpu;
        if (s.Equals("reference", StringComparison.OrdinalIgnoreCase)) return Reference;
        if (s.Equals("opencl", StringComparison.OrdinalIgnoreCase)) return OpenCL();
        if (s.StartsWith("opencl:", StringComparison.OrdinalIgnoreCase)) return OpenCL(s["opencl:".Length..]);
        throw new ArgumentException($"Device: unknown device \"{spec}\"; expected cpu, reference, opencl, or opencl:<name or index>.");
    }

    /// <summary>
    /// An OpenCL device: the first one, or the one whose name contains <paramref name="nameOrIndex"/>
    /// or whose index in the device list is <paramref name="nameOrIndex"/> (chapter 11).
    /// </summary>
    public static IDevice OpenCL(string? nameOrIndex = null) => OpenClDevice.Create(nameOrIndex);
}
