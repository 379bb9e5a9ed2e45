using Learn.Dnn.Devices;
using Learn.Dnn.Devices.OpenCL.Native;

namespace Learn.Dnn.Devices.OpenCL;

/// <summary>Memory: allocate from the pool, and the only two crossings between host and device.</summary>
public sealed partial class OpenClDevice
{
    /// <summary>A storage of <paramref name="length"/> floats with undefined contents (pooled buffers are not cleared).</summary>
    private OpenClStorage Rent(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new OpenClStorage(this, pool.Rent(Math.Max(length, 1) * (long)sizeof(float)), length);
    }

    public Storage Allocate(int length)
    {
        var storage = Rent(length);
        Fill(storage, 0f);
        return storage;
    }

    public unsafe Storage Upload(ReadOnlySpan<float> values)
    {
        var storage = Rent(values.Length);
        if (values.Length == 0) return storage;
        fixed (float* p = values)
            lock (queueGate)   // blocking: the host array may change as soon as we return
            {
                OpenClException.Check(CL.EnqueueWriteBuffer(queue.Handle, storage.Buffer.Handle, CL.True, 0,
                    (nuint)(values.Length * sizeof(float)), p, 0, null, null), "clEnqueueWriteBuffer");
                Drained();
            }
        return storage;
    }

    public unsafe void Download(Storage source, Span<float> destination)
    {
        var storage = Buffer(source, "Download");
        if (destination.Length < storage.Length)
            throw new ArgumentException($"{Name} Download: the destination holds {destination.Length} numbers, the storage {storage.Length}.");
        if (storage.Length == 0) return;
        fixed (float* p = destination)
            lock (queueGate)   // blocking, and after every command enqueued before it (in-order queue)
            {
                OpenClException.Check(CL.EnqueueReadBuffer(queue.Handle, storage.Buffer.Handle, CL.True, 0,
                    (nuint)(storage.Length * sizeof(float)), p, 0, null, null), "clEnqueueReadBuffer");
                Drained();
            }
    }

    public unsafe void Fill(Storage x, float value)
    {
        var storage = Buffer(x, "Fill");
        if (storage.Length == 0) return;
        lock (queueGate)
        {
            OpenClException.Check(CL.EnqueueFillBuffer(queue.Handle, storage.Buffer.Handle, &value, sizeof(float), 0,
                (nuint)(storage.Length * sizeof(float)), 0, null, null), "clEnqueueFillBuffer");
            Enqueued();
        }
    }

    public unsafe void Copy(Storage source, Storage destination)
    {
        var from = Buffer(source, "Copy");
        var to = Buffer(destination, "Copy", from.Length);
        if (from.Length == 0) return;
        lock (queueGate)   // device to device: the numbers never visit the host
        {
            OpenClException.Check(CL.EnqueueCopyBuffer(queue.Handle, from.Buffer.Handle, to.Buffer.Handle, 0, 0,
                (nuint)(from.Length * sizeof(float)), 0, null, null), "clEnqueueCopyBuffer");
            Enqueued();
        }
    }
}
