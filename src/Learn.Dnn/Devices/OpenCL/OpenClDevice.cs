using Learn.Dnn.Devices;
using Learn.Dnn.Devices.OpenCL.Native;
using Silk.NET.OpenCL;

namespace Learn.Dnn.Devices.OpenCL;

/// <summary>
/// The backend contract on an OpenCL device: every primitive is a kernel (Kernels/*.cl) enqueued on
/// one in-order command queue. Numbers stay in device memory between operations; only
/// <see cref="Upload"/> and <see cref="Download"/> cross to the host. One backend per device, created
/// once: <c>Device.OpenCL()</c> or <c>LEARN_DNN_DEVICE=opencl</c> reach it through <see cref="Create"/>.
/// </summary>
[Chapter(11)]
public sealed partial class OpenClDevice : IDevice, IDisposable
{
    private static readonly Dictionary<nint, OpenClDevice> byDevice = [];
    private static readonly Lock createGate = new();

    private readonly CL cl = OpenClLibrary.Api;   // the OpenCL C API (Silk.NET): cl.Finish(queue) is clFinish(queue)
    private readonly ClContext context;
    private readonly ClCommandQueue queue;
    private readonly BufferPool pool;
    private readonly Lock queueGate = new();   // kernels' argument slots are shared state: one launch at a time

    private unsafe OpenClDevice(OpenClDeviceInfo info)
    {
        Info = info;
        nint device = info.Device;
        int error;
        // clCreateContext: the scope in which buffers and programs live, here for this one device
        // (no properties, no callback for errors reported later).
        context = new ClContext(cl.CreateContext(null, 1, &device, null, null, &error));
        OpenClException.Check(error, "clCreateContext");
        // clCreateCommandQueueWithProperties: the queue every command goes through; with no properties
        // it runs them in order, one after the other.
        queue = new ClCommandQueue(cl.CreateCommandQueueWithProperties(context.Handle, device, (QueueProperties*)null, &error));
        OpenClException.Check(error, "clCreateCommandQueueWithProperties");
        pool = new BufferPool(context);
        DefaultGemmKernel = info.IsCpu ? OpenClGemmKernel.Vector : OpenClGemmKernel.Blocked;
    }

    /// <summary>
    /// The backend for the first OpenCL device, or for the device whose index is
    /// <paramref name="nameOrIndex"/> or whose name contains it (case-insensitive). The same device
    /// always gives the same backend, so its compiled programs and pooled buffers are shared.
    /// </summary>
    public static IDevice Create(string? nameOrIndex)
    {
        var devices = OpenClDeviceInfo.All();
        var info = Choose(devices, nameOrIndex);
        lock (createGate)
        {
            if (!byDevice.TryGetValue(info.Device, out var backend))
                byDevice[info.Device] = backend = new OpenClDevice(info);
            return backend;
        }
    }

    private static OpenClDeviceInfo Choose(IReadOnlyList<OpenClDeviceInfo> devices, string? nameOrIndex)
    {
        string wanted = (nameOrIndex ?? "").Trim();
        if (wanted.Length == 0) return devices[0];
        if (int.TryParse(wanted, out int index))
            return index >= 0 && index < devices.Count ? devices[index]
                : throw new ArgumentException($"OpenCL: there is no device {index}; the devices are {Listing(devices)}.");
        return devices.FirstOrDefault(d => d.Name.Contains(wanted, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"OpenCL: no device's name contains \"{wanted}\"; the devices are {Listing(devices)}.");
    }

    private static string Listing(IReadOnlyList<OpenClDeviceInfo> devices) =>
        string.Join(", ", devices.Select(d => $"{d.Index}: {d.Name}"));

    /// <summary>What the runtime says about this device.</summary>
    public OpenClDeviceInfo Info { get; }

    public string Name => "opencl:" + Info.Name;

    public override string ToString() => Name;

    /// <summary>
    /// The GEMM kernel the contract's Gemm runs: wide vectors on a CPU device (POCL: ~10× the tiled
    /// kernels), local-memory blocking on a GPU. The benchmark and the tests try each one.
    /// </summary>
    public OpenClGemmKernel DefaultGemmKernel { get; set; }

    /// <summary>The device's buffer pool (for tests and curious readers).</summary>
    public BufferPool Pool => pool;

    /// <summary>Waits until every enqueued command has finished.</summary>
    public void Finish()
    {
        lock (queueGate)
        {
            OpenClException.Check(cl.Finish(queue.Handle), "clFinish");   // blocks until the queue is empty
            Drained();
        }
    }

    public void Dispose()
    {
        lock (createGate) byDevice.Remove(Info.Device);
        Finish();
        foreach (var kernel in kernels.Values) kernel.Dispose();
        foreach (var program in programs.Values) program.Dispose();
        pool.Dispose();
        queue.Dispose();
        context.Dispose();
    }

    /// <summary>The device buffer of a storage this backend allocated; anything else is a mistake that the message explains.</summary>
    private OpenClStorage Buffer(Storage s, string operation, int minLength = 0)
    {
        if (s is not OpenClStorage storage || !ReferenceEquals(storage.Device, this))
            throw new ArgumentException($"{Name} {operation}: a storage of device '{s.Device.Name}' was passed; move the tensor with To(device) first.");
        if (storage.Released) throw storage.UseAfterRelease();
        if (storage.Length < minLength)
            throw new ArgumentException($"{Name} {operation}: expected a storage of at least {minLength} numbers, got {storage.Length}.");
        return storage;
    }
}
