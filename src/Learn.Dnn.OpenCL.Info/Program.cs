// Lists every OpenCL device this machine offers, with what a reader needs to pick one:
// compute units, memory, work-group size, OpenCL C version, double support.
// Exit code 1 (with install advice) when there is no OpenCL runtime or platform.
using Learn.Dnn.Devices.OpenCL;

IReadOnlyList<OpenClDeviceInfo> devices;
try
{
    devices = OpenClDeviceInfo.All();
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

foreach (var platform in devices.GroupBy(d => d.PlatformName))
{
    Console.WriteLine($"Platform: {platform.Key}");
    foreach (var d in platform)
    {
        Console.WriteLine($"  Device {d.Index}: {d.Name}   (use with LEARN_DNN_DEVICE=opencl:{d.Index})");
        Console.WriteLine($"    type                {(d.IsCpu ? "CPU" : "GPU or accelerator")}");
        Console.WriteLine($"    vendor              {d.Vendor}");
        Console.WriteLine($"    driver              {d.DriverVersion}");
        Console.WriteLine($"    OpenCL C            {d.OpenClCVersion}");
        Console.WriteLine($"    compute units       {d.ComputeUnits}");
        Console.WriteLine($"    global memory       {Mebibytes(d.GlobalMemoryBytes)} (largest buffer {Mebibytes(d.MaxAllocationBytes)})");
        Console.WriteLine($"    local memory        {d.LocalMemoryBytes / 1024} KiB");
        Console.WriteLine($"    max work-group size {d.MaxWorkGroupSize}");
        Console.WriteLine($"    fp64 (double)       {(d.SupportsDouble ? "yes" : "no")}");
    }
}
return 0;

static string Mebibytes(long bytes) => $"{bytes / (1024 * 1024):N0} MiB";
