using System.Text;
using Learn.Dnn.Devices.OpenCL.Native;
using Silk.NET.OpenCL;

namespace Learn.Dnn.Devices.OpenCL;

/// <summary>One OpenCL device as the runtime describes it (what clinfo prints, in short).</summary>
[Chapter(11)]
public sealed record OpenClDeviceInfo(
    int Index, nint Platform, string PlatformName, nint Device, string Name, string Vendor, string DriverVersion,
    string OpenClCVersion, int ComputeUnits, long GlobalMemoryBytes, long LocalMemoryBytes,
    long MaxAllocationBytes, int MaxWorkGroupSize, bool SupportsDouble, bool IsCpu)
{
    /// <summary>
    /// Every device of every platform, numbered in that order (the index <c>opencl:1</c> names).
    /// Throws with install advice when there is no OpenCL runtime or no platform.
    /// </summary>
    public static unsafe IReadOnlyList<OpenClDeviceInfo> All()
    {
        var cl = OpenClLibrary.Api;
        var devices = new List<OpenClDeviceInfo>();
        foreach (nint platform in Platforms())
        {
            string platformName = PlatformString(platform, PlatformInfo.Name);
            // clGetDeviceIDs, asked twice: how many devices of any type, then their ids.
            uint count;
            int error = cl.GetDeviceIDs(platform, DeviceType.All, 0, null, &count);
            if ((ErrorCodes)error == ErrorCodes.DeviceNotFound || count == 0) continue;   // a platform without devices
            OpenClException.Check(error, "clGetDeviceIDs");
            var ids = new nint[count];
            fixed (nint* p = ids) OpenClException.Check(cl.GetDeviceIDs(platform, DeviceType.All, count, p, null), "clGetDeviceIDs");
            foreach (nint id in ids)
                devices.Add(Describe(devices.Count, platform, platformName, id));
        }
        if (devices.Count == 0)
            throw new InvalidOperationException("OpenCL: the platforms found have no devices: install an ICD, e.g. pocl-opencl-icd or your GPU vendor's driver.");
        return devices;
    }

    /// <summary>The installed platforms (one per ICD: POCL, NVIDIA, Intel...).</summary>
    public static unsafe nint[] Platforms()
    {
        var cl = OpenClLibrary.Api;   // loads libOpenCL.so.1, or throws with install advice
        // clGetPlatformIDs, asked twice: how many platforms, then their ids.
        uint count = 0;
        int error = cl.GetPlatformIDs(0, null, &count);
        if ((ErrorCodes)error == ErrorCodes.PlatformNotFoundKhr || count == 0)   // the loader found no ICD
            throw new InvalidOperationException("OpenCL: no OpenCL platform found: install an ICD, e.g. pocl-opencl-icd or your GPU vendor's driver.");
        OpenClException.Check(error, "clGetPlatformIDs");
        var platforms = new nint[count];
        fixed (nint* p = platforms) OpenClException.Check(cl.GetPlatformIDs(count, p, null), "clGetPlatformIDs");
        return platforms;
    }

    private static OpenClDeviceInfo Describe(int index, nint platform, string platformName, nint id) => new(
        index, platform, platformName, id,
        Name: DeviceString(id, DeviceInfo.Name).Trim(),
        Vendor: DeviceString(id, DeviceInfo.Vendor),
        DriverVersion: DeviceString(id, DeviceInfo.DriverVersion),
#pragma warning disable CS0618   // CL_DEVICE_OPENCL_C_VERSION: OpenCL 3.0 deprecates it, yet every runtime still answers
        OpenClCVersion: DeviceString(id, DeviceInfo.OpenclCVersion),
#pragma warning restore CS0618
        ComputeUnits: (int)DeviceValue<uint>(id, DeviceInfo.MaxComputeUnits),
        GlobalMemoryBytes: (long)DeviceValue<ulong>(id, DeviceInfo.GlobalMemSize),
        LocalMemoryBytes: (long)DeviceValue<ulong>(id, DeviceInfo.LocalMemSize),
        MaxAllocationBytes: (long)DeviceValue<ulong>(id, DeviceInfo.MaxMemAllocSize),
        MaxWorkGroupSize: (int)DeviceValue<nuint>(id, DeviceInfo.MaxWorkGroupSize),
        SupportsDouble: DeviceValue<ulong>(id, DeviceInfo.DoubleFPConfig) != 0,
        IsCpu: ((DeviceType)DeviceValue<ulong>(id, DeviceInfo.Type)).HasFlag(DeviceType.Cpu));

    /// <summary>A text property of a platform: clGetPlatformInfo asked for its size, then for its bytes.</summary>
    internal static unsafe string PlatformString(nint platform, PlatformInfo parameter)
    {
        var cl = OpenClLibrary.Api;
        nuint size;
        OpenClException.Check(cl.GetPlatformInfo(platform, parameter, 0, null, &size), "clGetPlatformInfo");
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes) OpenClException.Check(cl.GetPlatformInfo(platform, parameter, size, p, null), "clGetPlatformInfo");
        return Encoding.UTF8.GetString(bytes).TrimEnd('\0');
    }

    /// <summary>A text property of a device: clGetDeviceInfo asked for its size, then for its bytes.</summary>
    internal static unsafe string DeviceString(nint device, DeviceInfo parameter)
    {
        var cl = OpenClLibrary.Api;
        nuint size;
        OpenClException.Check(cl.GetDeviceInfo(device, parameter, 0, null, &size), "clGetDeviceInfo");
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes) OpenClException.Check(cl.GetDeviceInfo(device, parameter, size, p, null), "clGetDeviceInfo");
        return Encoding.UTF8.GetString(bytes).TrimEnd('\0');
    }

    /// <summary>A numeric property of a device (cl_uint, cl_ulong, size_t...): clGetDeviceInfo writes it into <typeparamref name="T"/>.</summary>
    internal static unsafe T DeviceValue<T>(nint device, DeviceInfo parameter) where T : unmanaged
    {
        T value = default;
        int error = OpenClLibrary.Api.GetDeviceInfo(device, parameter, (nuint)sizeof(T), &value, null);
        return error == 0 ? value : default;   // an optional query (fp64 on a device without it) reads as 0
    }
}
