namespace Learn.Dnn.Devices;

/// <summary>
/// A block of float32 numbers that lives on one device: a managed array for the CPU,
/// a buffer in device memory for OpenCL. A tensor is a shape over a storage.
/// Only the device that allocated a storage reads or writes it.
/// </summary>
[Chapter(1)]
public abstract class Storage : IDisposable
{
    /// <summary>Number of float32 elements.</summary>
    public abstract int Length { get; }

    /// <summary>The device whose memory holds the numbers.</summary>
    public abstract IDevice Device { get; }

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
