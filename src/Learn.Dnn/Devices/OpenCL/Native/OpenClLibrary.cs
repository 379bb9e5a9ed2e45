using Silk.NET.OpenCL;

namespace Learn.Dnn.Devices.OpenCL.Native;

/// <summary>
/// The OpenCL C API, through Silk.NET.OpenCL. <see cref="Api"/> is Silk's <see cref="CL"/>: its methods are
/// the C functions without the "cl" prefix (clGetPlatformIDs is GetPlatformIDs, clEnqueueNDRangeKernel is
/// EnqueueNdrangeKernel). Handles (cl_platform_id, cl_mem, ...) are <c>nint</c>, size_t is <c>nuint</c>, and
/// every call returns an OpenCL error code: 0 is CL_SUCCESS, anything else <see cref="OpenClException"/> names.
/// </summary>
[Chapter(11)]
public static class OpenClLibrary
{
    private static readonly Lazy<CL> api = new(Load);

    /// <summary>The OpenCL API, loaded on first use. Throws with install advice when there is no loader.</summary>
    public static CL Api => api.Value;

    /// <summary>
    /// Loads the OpenCL loader: Debian's ocl-icd-libopencl1 installs libOpenCL.so.1, which is the name
    /// <see cref="CL.GetApi"/> looks for on Linux. LEARN_DNN_OPENCL_LIBRARY, when set, names the loader to
    /// use instead (a path or a file name).
    /// </summary>
    private static CL Load()
    {
        string? chosen = Environment.GetEnvironmentVariable("LEARN_DNN_OPENCL_LIBRARY");
        try
        {
            return string.IsNullOrEmpty(chosen) ? CL.GetApi() : new CL(CL.CreateDefaultContext([chosen]));
        }
        catch (FileNotFoundException e)   // Silk.NET's way of saying that no library of that name loads
        {
            throw new InvalidOperationException(LoaderMissing(chosen), e);
        }
    }

    /// <summary>What to say when the loader is missing.</summary>
    private static string LoaderMissing(string? chosen) => string.IsNullOrEmpty(chosen)
        ? "OpenCL: the OpenCL loader libOpenCL.so.1 was not found: install ocl-icd-libopencl1 " +
          "(and an ICD such as pocl-opencl-icd or your GPU vendor's driver)."
        : $"OpenCL: LEARN_DNN_OPENCL_LIBRARY names \"{chosen}\", which could not be loaded: give the path " +
          "of an OpenCL loader, or unset it to use libOpenCL.so.1 (install ocl-icd-libopencl1).";
}
