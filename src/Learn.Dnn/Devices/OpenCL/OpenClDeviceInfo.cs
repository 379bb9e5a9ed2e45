using System.Text;
using Learn.Dnn.Devices.OpenCL.Native;

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
        var devices = new List<OpenClDeviceInfo>();
        foreach (nint platform in Platforms())
        {
            string platformName = PlatformString(platform, CL.PlatformName);
            uint count;
            int error = CL.GetDeviceIDs(platform, CL.DeviceTypeAll, 0, null, &count);
            if (error == -1 || count == 0) continue;   // CL_DEVICE_NOT_FOUND: a platform without devices
            OpenClException.Check(error, "clGetDeviceIDs");
            var ids = new nint[count];
            fixed (nint* p = ids) OpenClException.Check(CL.GetDeviceIDs(platform, CL.DeviceTypeAll, count, p, null), "clGetDeviceIDs");
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
        uint count = 0;
        int error;
        try { error = CL.GetPlatformIDs(0, null, &count); }
        catch (DllNotFoundException e) { throw new InvalidOperationException(CL.LoaderMissing, e); }
        if (error == -1001 || count == 0)   // CL_PLATFORM_NOT_FOUND_KHR: the loader found no ICD
            throw new InvalidOperationException("OpenCL: no OpenCL platform found: install an ICD, e.g. pocl-opencl-icd or your GPU vendor's driver.");
        OpenClException.Check(error, "clGetPlatformIDs");
        var platforms = new nint[count];
        fixed (nint* p = platforms) OpenClException.Check(CL.GetPlatformIDs(count, p, null), "clGetPlatformIDs");
        return platforms;
    }

    private static OpenClDeviceInfo Describe(int index, nint platform, string platformName, nint id) => new(
        index, platform, platformName, id,
        Name: DeviceString(id, CL.DeviceName).Trim(),
        Vendor: DeviceString(id, CL.DeviceVendor),
        DriverVersion: DeviceString(id, CL.DriverVersion),
        OpenClCVersion: DeviceString(id, CL.DeviceOpenClCVersion),
        ComputeUnits: (int)DeviceValue<uint>(id, CL.DeviceMaxComputeUnits),
        GlobalMemoryBytes: (long)DeviceValue<ulong>(id, CL.DeviceGlobalMemSize),
        LocalMemoryBytes: (long)DeviceValue<ulong>(id, CL.DeviceLocalMemSize),
        MaxAllocationBytes: (long)DeviceValue<ulong>(id, CL.DeviceMaxMemAllocSize),
        MaxWorkGroupSize: (int)DeviceValue<nuint>(id, CL.DeviceMaxWorkGroupSize),
        SupportsDouble: DeviceValue<ulong>(id, CL.DeviceDoubleFpConfig) != 0,
        IsCpu: (DeviceValue<ulong>(id, CL.DeviceType) & CL.DeviceTypeCpu) != 0);

    internal static unsafe string PlatformString(nint platform, uint parameter)
    {
        nuint size;
        OpenClException.Check(CL.GetPlatformInfo(platform, parameter, 0, null, &size), "clGetPlatformInfo");
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes) OpenClException.Check(CL.GetPlatformInfo(platform, parameter, size, p, null), "clGetPlatformInfo");
        return Encoding.UTF8.GetString(bytes).TrimEnd('\0');
    }

    internal static unsafe string DeviceString(nint device, uint parameter)
    {
        nuint size;
        OpenClException.Check(CL.GetDeviceInfo(device, parameter, 0, null, &size), "clGetDeviceInfo");
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes) OpenClException.Check(CL.GetDeviceInfo(device, parameter, size, p, null), "clGetDeviceInfo");
        return Encoding.UTF8.GetString(bytes).TrimEnd('\0');
    }

    internal static unsafe T DeviceValue<T>(nint device, uint parameter) where T : unmanaged
    {
        T value = default;
        int error = CL.GetDeviceInfo(device, parameter, (nuint)sizeof(T), &value, null);
        return error == 0 ? value : default;   // an optional query (fp64 on a device without it) reads as 0
    }
}
