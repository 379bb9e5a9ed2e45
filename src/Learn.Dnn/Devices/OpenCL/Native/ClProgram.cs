namespace Learn.Dnn.Devices.OpenCL.Native;

/// <summary>A cl_program: compiled kernel source.</summary>
[Chapter(11)]
public sealed class ClProgram(nint handle) : ClHandle(handle)
{
    protected override bool ReleaseHandle() => OpenClLibrary.Api.ReleaseProgram(handle) == 0;
}
