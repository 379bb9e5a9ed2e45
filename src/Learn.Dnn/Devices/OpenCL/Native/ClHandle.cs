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
