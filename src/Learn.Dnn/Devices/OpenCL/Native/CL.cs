using System.Reflection;
using System.Runtime.InteropServices;

namespace Learn.Dnn.Devices.OpenCL.Native;

/// <summary>
/// The OpenCL C API, as much of it as the backend uses. The names mirror Silk.NET.OpenCL's <c>CL</c>
/// class (clGetPlatformIDs is <see cref="GetPlatformIDs"/>, clEnqueueNDRangeKernel is
/// <see cref="EnqueueNdrangeKernel"/>), so a later swap is a change of <c>using</c>. Every call returns an
/// OpenCL error code (0 = CL_SUCCESS; see <see cref="OpenClException"/>). Handles (cl_platform_id,
/// cl_mem, ...) are <c>nint</c>, size_t is <c>nuint</c>, cl_bool is a 32-bit <c>uint</c>; callbacks are
/// always null (0).
/// </summary>
[Chapter(11)]
public static unsafe partial class CL
{
    private const string Library = "OpenCL";

    static CL() => NativeLibrary.SetDllImportResolver(typeof(CL).Assembly, Resolve);

    /// <summary>
    /// Debian's ocl-icd-libopencl1 installs only libOpenCL.so.1 (libOpenCL.so comes with the -dev
    /// package), and .NET's probing for "OpenCL" does not try ".so.1": so we try it first ourselves.
    /// LEARN_DNN_OPENCL_LIBRARY, when set, names the loader to use instead (a path or a file name).
    /// </summary>
    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library) return 0;
        string? chosen = Environment.GetEnvironmentVariable("LEARN_DNN_OPENCL_LIBRARY");
        string[] candidates = string.IsNullOrEmpty(chosen)
            ? ["libOpenCL.so.1", "OpenCL", "libOpenCL.so", "/System/Library/Frameworks/OpenCL.framework/OpenCL"]
            : [chosen];
        foreach (string candidate in candidates)
            if (NativeLibrary.TryLoad(candidate, assembly, path, out nint handle)) return handle;
        return 0;   // the runtime then throws DllNotFoundException, which OpenClDeviceInfo turns into advice
    }

    /// <summary>What to say when the loader is missing.</summary>
    internal const string LoaderMissing =
        "OpenCL: the OpenCL loader libOpenCL.so.1 was not found: install ocl-icd-libopencl1 " +
        "(and an ICD such as pocl-opencl-icd or your GPU vendor's driver).";

    // ---- constants (cl.h) ---------------------------------------------------------------------
    public const uint True = 1, False = 0;
    public const ulong DeviceTypeCpu = 1 << 1, DeviceTypeGpu = 1 << 2, DeviceTypeAll = 0xFFFFFFFF;
    public const ulong MemReadWrite = 1 << 0;

    public const uint PlatformProfile = 0x0900, PlatformVersion = 0x0901, PlatformName = 0x0902, PlatformVendor = 0x0903;

    public const uint DeviceType = 0x1000, DeviceMaxComputeUnits = 0x1002, DeviceMaxWorkGroupSize = 0x1004,
        DeviceMaxClockFrequency = 0x100C, DeviceMaxMemAllocSize = 0x1010, DeviceGlobalMemSize = 0x101F,
        DeviceLocalMemSize = 0x1023, DeviceName = 0x102B, DeviceVendor = 0x102C, DriverVersion = 0x102D,
        DeviceVersion = 0x102F, DeviceExtensions = 0x1030, DeviceDoubleFpConfig = 0x1032, DeviceOpenClCVersion = 0x103D;

    public const uint ProgramBuildLog = 0x1183;

    // ---- platforms and devices ----------------------------------------------------------------
    [LibraryImport(Library, EntryPoint = "clGetPlatformIDs")]
    public static partial int GetPlatformIDs(uint numEntries, nint* platforms, uint* numPlatforms);

    [LibraryImport(Library, EntryPoint = "clGetPlatformInfo")]
    public static partial int GetPlatformInfo(nint platform, uint paramName, nuint paramValueSize, void* paramValue, nuint* paramValueSizeRet);

    [LibraryImport(Library, EntryPoint = "clGetDeviceIDs")]
    public static partial int GetDeviceIDs(nint platform, ulong deviceType, uint numEntries, nint* devices, uint* numDevices);

    [LibraryImport(Library, EntryPoint = "clGetDeviceInfo")]
    public static partial int GetDeviceInfo(nint device, uint paramName, nuint paramValueSize, void* paramValue, nuint* paramValueSizeRet);

    // ---- context and queue --------------------------------------------------------------------
    [LibraryImport(Library, EntryPoint = "clCreateContext")]
    public static partial nint CreateContext(nint* properties, uint numDevices, nint* devices, nint notify, nint userData, int* errorCode);

    [LibraryImport(Library, EntryPoint = "clCreateCommandQueueWithProperties")]
    public static partial nint CreateCommandQueueWithProperties(nint context, nint device, ulong* properties, int* errorCode);

    [LibraryImport(Library, EntryPoint = "clFinish")]
    public static partial int Finish(nint queue);

    [LibraryImport(Library, EntryPoint = "clFlush")]
    public static partial int Flush(nint queue);

    // ---- buffers ------------------------------------------------------------------------------
    [LibraryImport(Library, EntryPoint = "clCreateBuffer")]
    public static partial nint CreateBuffer(nint context, ulong flags, nuint size, void* hostPointer, int* errorCode);

    [LibraryImport(Library, EntryPoint = "clEnqueueWriteBuffer")]
    public static partial int EnqueueWriteBuffer(nint queue, nint buffer, uint blocking, nuint offset, nuint size, void* source,
                                                 uint numEvents, nint* waitList, nint* evt);

    [LibraryImport(Library, EntryPoint = "clEnqueueReadBuffer")]
    public static partial int EnqueueReadBuffer(nint queue, nint buffer, uint blocking, nuint offset, nuint size, void* destination,
                                                uint numEvents, nint* waitList, nint* evt);

    [LibraryImport(Library, EntryPoint = "clEnqueueCopyBuffer")]
    public static partial int EnqueueCopyBuffer(nint queue, nint source, nint destination, nuint sourceOffset, nuint destinationOffset,
                                                nuint size, uint numEvents, nint* waitList, nint* evt);

    [LibraryImport(Library, EntryPoint = "clEnqueueFillBuffer")]
    public static partial int EnqueueFillBuffer(nint queue, nint buffer, void* pattern, nuint patternSize, nuint offset, nuint size,
                                                uint numEvents, nint* waitList, nint* evt);

    // ---- programs and kernels -----------------------------------------------------------------
    [LibraryImport(Library, EntryPoint = "clCreateProgramWithSource")]
    public static partial nint CreateProgramWithSource(nint context, uint count, byte** strings, nuint* lengths, int* errorCode);

    [LibraryImport(Library, EntryPoint = "clBuildProgram")]
    public static partial int BuildProgram(nint program, uint numDevices, nint* devices, byte* options, nint notify, nint userData);

    [LibraryImport(Library, EntryPoint = "clGetProgramBuildInfo")]
    public static partial int GetProgramBuildInfo(nint program, nint device, uint paramName, nuint paramValueSize, void* paramValue, nuint* paramValueSizeRet);

    [LibraryImport(Library, EntryPoint = "clCreateKernel")]
    public static partial nint CreateKernel(nint program, byte* kernelName, int* errorCode);

    [LibraryImport(Library, EntryPoint = "clSetKernelArg")]
    public static partial int SetKernelArg(nint kernel, uint argIndex, nuint argSize, void* argValue);

    [LibraryImport(Library, EntryPoint = "clEnqueueNDRangeKernel")]
    public static partial int EnqueueNdrangeKernel(nint queue, nint kernel, uint workDimension, nuint* globalOffset, nuint* globalSize,
                                                   nuint* localSize, uint numEvents, nint* waitList, nint* evt);

    // ---- release ------------------------------------------------------------------------------
    [LibraryImport(Library, EntryPoint = "clReleaseMemObject")]
    public static partial int ReleaseMemObject(nint buffer);

    [LibraryImport(Library, EntryPoint = "clReleaseKernel")]
    public static partial int ReleaseKernel(nint kernel);

    [LibraryImport(Library, EntryPoint = "clReleaseProgram")]
    public static partial int ReleaseProgram(nint program);

    [LibraryImport(Library, EntryPoint = "clReleaseCommandQueue")]
    public static partial int ReleaseCommandQueue(nint queue);

    [LibraryImport(Library, EntryPoint = "clReleaseContext")]
    public static partial int ReleaseContext(nint context);
}
