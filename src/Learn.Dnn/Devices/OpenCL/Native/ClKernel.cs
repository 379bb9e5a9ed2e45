namespace Learn.Dnn.Devices.OpenCL.Native;

/// <summary>A cl_kernel: one __kernel function of a program, with its argument slots.</summary>
[Chapter(11)]
public sealed class ClKernel(nint handle) : ClHandle(handle)
{
    protected override bool ReleaseHandle() => OpenClLibrary.Api.ReleaseKernel(handle) == 0;
}
