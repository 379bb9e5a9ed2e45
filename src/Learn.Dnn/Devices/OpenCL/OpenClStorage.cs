using Learn.Dnn.Devices;
using Learn.Dnn.Devices.OpenCL.Native;

namespace Learn.Dnn.Devices.OpenCL;

/// <summary>
/// A tensor's numbers in OpenCL device memory: a <see cref="ClBuffer"/> of Length float32s. Disposing
/// it — or the garbage collector finalizing a forgotten one — hands the buffer back to the device's
/// <see cref="BufferPool"/>, so dropped tensors free their device memory.
/// </summary>
[Chapter(11)]
public sealed class OpenClStorage : Storage
{
    private static long live;
    private readonly OpenClDevice backend;
    private readonly int length;

    internal OpenClStorage(OpenClDevice backend, ClBuffer buffer, int length)
    {
        this.backend = backend;
        this.length = length;
        Buffer = buffer;
        Interlocked.Increment(ref live);
    }

    /// <summary>The device buffer (at least 4 bytes: OpenCL has no empty buffers, so an empty storage holds one unused float).</summary>
    public ClBuffer Buffer { get; }

    public override int Length => length;

    public override IDevice Device => backend;

    /// <summary>Storages alive in this process (not yet disposed or collected): the leak test watches it.</summary>
    public static long LiveCount => Interlocked.Read(ref live);

    private int disposed;

    public override bool Released => Volatile.Read(ref disposed) != 0;

    public override void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            Buffer.Dispose();
            Interlocked.Decrement(ref live);
        }
        base.Dispose();
    }

    /// <summary>A storage the program dropped: count it out; its buffer's own finalizer returns the memory.</summary>
    ~OpenClStorage()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0) Interlocked.Decrement(ref live);
    }
}
