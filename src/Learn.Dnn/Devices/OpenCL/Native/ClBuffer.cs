namespace Learn.Dnn.Devices.OpenCL.Native;

/// <summary>
/// A cl_mem buffer of device memory. When released (disposed or finalized) it goes back to the
/// <see cref="BufferPool"/> it came from, which keeps it for reuse or releases it.
/// </summary>
[Chapter(11)]
public sealed class ClBuffer : ClHandle
{
    private readonly BufferPool pool;

    internal ClBuffer(nint handle, long bytes, BufferPool pool) : base(handle)
    {
        Bytes = bytes;
        this.pool = pool;
    }

    /// <summary>The size in bytes.</summary>
    public long Bytes { get; }

    protected override bool ReleaseHandle()
    {
        pool.Return(handle, Bytes);
        return true;
    }
}
