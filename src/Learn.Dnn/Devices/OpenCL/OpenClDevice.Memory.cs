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

    public Storage AllocateUninitialized(int length) => Rent(length);

    public unsafe Storage Upload(ReadOnlySpan<float> values)
    {
        var storage = Rent(values.Length);
        if (values.Length == 0) return storage;
        fixed (float* p = values)
            lock (queueGate)   // blocking: the host array may change as soon as we return
            {
                // clEnqueueWriteBuffer: copy host memory into the buffer, at offset 0; blocking, so it has
                // finished (and no event is needed) when the call returns.
                OpenClException.Check(cl.EnqueueWriteBuffer(queue.Handle, storage.Buffer.Handle, true, 0,
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
                // clEnqueueReadBuffer: copy the buffer into host memory; blocking, like the write.
                OpenClException.Check(cl.EnqueueReadBuffer(queue.Handle, storage.Buffer.Handle, true, 0,
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
            // clEnqueueFillBuffer: repeat a pattern (one float) over the whole buffer, on the device.
            OpenClException.Check(cl.EnqueueFillBuffer(queue.Handle, storage.Buffer.Handle, &value, sizeof(float), 0,
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
            // clEnqueueCopyBuffer: source to destination, both from offset 0.
            OpenClException.Check(cl.EnqueueCopyBuffer(queue.Handle, from.Buffer.Handle, to.Buffer.Handle, 0, 0,
                (nuint)(from.Length * sizeof(float)), 0, null, null), "clEnqueueCopyBuffer");
            Enqueued();
        }
    }
}
