namespace Learn.Dnn.Devices;

/// <summary>
/// A block of float32 numbers that lives on one device: a managed array for the CPU,
/// a buffer in device memory for OpenCL. A tensor is a shape over a storage.
/// Only the device that allocated a storage reads or writes it.
/// </summary>
[Chapter(1)]
public abstract class Storage : IDisposable
{
    /// <summary>A new storage belongs to the innermost open <see cref="StorageScope"/>, if any (chapter 10).
    /// Views of an older storage (a reshape, a detached tensor) are not new storages: they never change its owner.</summary>
    protected Storage() => StorageScope.Adopt(this);

    /// <summary>Number of float32 elements.</summary>
    public abstract int Length { get; }

    /// <summary>The device whose memory holds the numbers.</summary>
    public abstract IDevice Device { get; }

    /// <summary>The scope that releases this storage when it ends (chapter 10), or null: the garbage collector frees it.</summary>
    internal StorageScope? Owner { get; set; }

    /// <summary>Whether the memory went back to the device (a released storage must never be read or written again).</summary>
    public abstract bool Released { get; }

    #region use-after-release
    /// <summary>The error for a use after release: which scope rule was broken, and how to keep a tensor.</summary>
    protected internal InvalidOperationException UseAfterRelease() => new(
        $"This tensor's storage ({Length} numbers on {Device.Name}) was released at the end of the StorageScope that created it " +
        "(a training step of Fit, or a scope of your own). Keep it with scope.Keep(tensor.Storage) or Clone() it outside the scope.");
    #endregion

    /// <summary>Hands the memory back to the device (its pool, or the garbage collector).</summary>
    public virtual void Dispose() => GC.SuppressFinalize(this);
}
