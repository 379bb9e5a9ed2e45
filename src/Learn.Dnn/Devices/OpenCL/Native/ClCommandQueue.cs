namespace Learn.Dnn.Devices.OpenCL.Native;

/// <summary>A cl_command_queue: commands run on the device in the order they are enqueued.</summary>
[Chapter(11)]
public sealed class ClCommandQueue(nint handle) : ClHandle(handle)
{
    protected override bool ReleaseHandle() => OpenClLibrary.Api.ReleaseCommandQueue(handle) == 0;
}
