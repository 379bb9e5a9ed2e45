using Silk.NET.OpenCL;

namespace Learn.Dnn.Devices.OpenCL.Native;

/// <summary>
/// Reuses device buffers: a training step allocates the same sizes every time, and creating a
/// cl_mem costs far more than handing back one that a collected tensor no longer needs.
/// Free buffers are kept by exact size, at most <see cref="MaxBuffersPerSize"/> of each size and
/// <see cref="MaxPooledBytes"/> in all; beyond that a returned buffer is released. (Without the
/// per-size limit, the thousands of small buffers that a collection frees at once would all stay.) Buffers come back from finalizers, so every method is thread-safe.
/// </summary>
[Chapter(11)]
public sealed class BufferPool(ClContext context) : IDisposable
{
    private readonly Dictionary<long, Stack<nint>> free = [];
    private readonly Lock gate = new();
    private long pooledBytes;
    private bool disposed;
    private static long liveBuffers;

    /// <summary>The most bytes kept for reuse (256 MiB).</summary>
    public long MaxPooledBytes { get; init; } = 256L << 20;

    /// <summary>The most free buffers kept of any one size (64).</summary>
    public int MaxBuffersPerSize { get; init; } = 64;

    /// <summary>cl_mem objects alive in this process (in use or pooled): the leak test watches it.</summary>
    public static long LiveBuffers => Interlocked.Read(ref liveBuffers);

    /// <summary>Bytes held free for reuse.</summary>
    public long PooledBytes { get { lock (gate) return pooledBytes; } }

    /// <summary>A buffer of <paramref name="bytes"/> bytes (contents undefined): a pooled one if there is one.</summary>
    public unsafe ClBuffer Rent(long bytes)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (free.TryGetValue(bytes, out var stack) && stack.Count > 0)
            {
                pooledBytes -= bytes;
                return new ClBuffer(stack.Pop(), bytes, this);
            }
        }
        // clCreateBuffer: device memory the kernels may read and write; no host pointer to copy from.
        int error;
        nint mem = OpenClLibrary.Api.CreateBuffer(context.Handle, MemFlags.ReadWrite, (nuint)bytes, null, &error);
        if (error != 0)
            throw new OpenClException("clCreateBuffer", error, $"could not allocate {bytes} bytes of device memory");
        Interlocked.Increment(ref liveBuffers);
        GC.AddMemoryPressure(Pressure(bytes));   // the collector sees device memory and finalizes dropped tensors sooner
        return new ClBuffer(mem, bytes, this);
    }

    /// <summary>Takes back a buffer whose owner was disposed or collected.</summary>
    internal void Return(nint mem, long bytes)
    {
        lock (gate)
        {
            if (!free.TryGetValue(bytes, out var stack)) free[bytes] = stack = new Stack<nint>();
            if (!disposed && pooledBytes + bytes <= MaxPooledBytes && stack.Count < MaxBuffersPerSize)
            {
                stack.Push(mem);
                pooledBytes += bytes;
                return;
            }
        }
        Release(mem, bytes);
    }

    /// <summary>
    /// What a buffer costs beyond the managed heap: its bytes plus the runtime's bookkeeping, counted
    /// as a page. Without the page, thousands of tiny buffers (a small network's step) look free to
    /// the collector, which then lets ~20,000 dropped tensors pile up between collections.
    /// </summary>
    private static long Pressure(long bytes) => bytes + 4096;

    private static void Release(nint mem, long bytes)
    {
        OpenClLibrary.Api.ReleaseMemObject(mem);
        Interlocked.Decrement(ref liveBuffers);
        GC.RemoveMemoryPressure(Pressure(bytes));
    }

    /// <summary>Releases every pooled buffer (buffers still in use are released when their owners go).</summary>
    public void Trim()
    {
        lock (gate)
        {
            foreach (var (bytes, stack) in free)
                while (stack.Count > 0) Release(stack.Pop(), bytes);
            pooledBytes = 0;
        }
    }

    public void Dispose()
    {
        Trim();
        lock (gate) disposed = true;
    }
}
