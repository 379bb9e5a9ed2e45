namespace Learn.Dnn.Devices.OpenCL.Native;

/// <summary>A cl_context: the devices, memory and programs that work together.</summary>
[Chapter(11)]
public sealed class ClContext(nint handle) : ClHandle(handle)
{
    protected override bool ReleaseHandle() => OpenClLibrary.Api.ReleaseContext(handle) == 0;
}
