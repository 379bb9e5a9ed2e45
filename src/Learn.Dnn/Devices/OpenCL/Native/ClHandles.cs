using System.Runtime.InteropServices;

namespace Learn.Dnn.Devices.OpenCL.Native;

/// <summary>
/// An OpenCL object that is released exactly once, when disposed or — if forgotten — when the
/// garbage collector finalizes it (SafeHandle makes Dispose and the finalizer agree on "once").
/// Silk.NET's calls take the raw <see cref="Handle"/>.
/// </summary>
[Chapter(11)]
public abstract class ClHandle : SafeHandle
{
    protected ClHandle(nint handle) : base(0, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == 0;

    /// <summary>The raw handle, for passing to <see cref="OpenClLibrary.Api"/>.</summary>
    public nint Handle => handle;
}

/// <summary>A cl_context: the devices, memory and programs that work together.</summary>
[Chapter(11)]
public sealed class ClContext(nint handle) : ClHandle(handle)
{
    protected override bool ReleaseHandle() => OpenClLibrary.Api.ReleaseContext(handle) == 0;
}

/// <summary>A cl_command_queue: commands run on the device in the order they are enqueued.</summary>
[Chapter(11)]
public sealed class ClCommandQueue(nint handle) : ClHandle(handle)
{
    protected override bool ReleaseHandle() => OpenClLibrary.Api.ReleaseCommandQueue(handle) == 0;
}

/// <summary>A cl_program: compiled kernel source.</summary>
[Chapter(11)]
public sealed class ClProgram(nint handle) : ClHandle(handle)
{
    protected override bool ReleaseHandle() => OpenClLibrary.Api.ReleaseProgram(handle) == 0;
}

/// <summary>A cl_kernel: one __kernel function of a program, with its argument slots.</summary>
[Chapter(11)]
public sealed class ClKernel(nint handle) : ClHandle(handle)
{
    protected override bool ReleaseHandle() => OpenClLibrary.Api.ReleaseKernel(handle) == 0;
}

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
