using Learn.Dnn.Devices;
using Learn.Dnn.Devices.OpenCL.Native;

namespace Learn.Dnn.OpenCL.Tests;

/// <summary>Choosing a device by name or index, and the errors a reader meets when something is wrong.</summary>
public class DeviceSelectionTests
{
    [SkippableFact]
    public void Device_parse_opencl_reaches_the_opencl_backend_by_reflection()
    {
        var cl = TestDevices.Require();
        Assert.Same(cl, Device.Parse("opencl:0"));
        Assert.StartsWith("opencl:", Device.Parse("opencl").Name);
        Assert.Same(cl, Device.OpenCL(cl.Info.Name[..Math.Min(4, cl.Info.Name.Length)]));   // part of the name is enough
    }

    [SkippableFact]
    public void An_unknown_device_name_or_index_lists_the_devices_there_are()
    {
        TestDevices.Require();
        var byName = Assert.Throws<ArgumentException>(() => Device.OpenCL("no such device"));
        Assert.Contains("the devices are 0:", byName.Message);
        var byIndex = Assert.Throws<ArgumentException>(() => Device.OpenCL("99"));
        Assert.Contains("there is no device 99", byIndex.Message);
    }

    [SkippableFact]
    public void A_kernel_that_does_not_compile_reports_the_build_log()
    {
        var cl = TestDevices.Require();
        var e = Assert.Throws<OpenClException>(() => cl.Build("broken.cl", "__kernel void broken(__global float* x) { x[0] = undeclared; }"));
        Assert.Equal("clBuildProgram", e.Call);
        Assert.Contains("CL_BUILD_PROGRAM_FAILURE", e.Message);
        Assert.Contains("undeclared", e.Message);   // the compiler's own words, from the build log
    }

    [Fact]
    public void Error_codes_are_named_as_cl_h_names_them()
    {
        Assert.Equal("CL_OUT_OF_RESOURCES", OpenClException.ErrorName(-5));
        Assert.Equal("CL_INVALID_WORK_GROUP_SIZE", OpenClException.ErrorName(-54));
        var e = new OpenClException("clCreateBuffer", -61);
        Assert.Equal("OpenCL: clCreateBuffer failed with CL_INVALID_BUFFER_SIZE (-61).", e.Message);
    }

    [Fact]
    public void Extension_error_codes_have_their_names_and_codes_outside_cl_h_are_called_unknown()
    {
        Assert.Equal("CL_PLATFORM_NOT_FOUND_KHR", OpenClException.ErrorName(-1001));   // the ICD loader's "no platform"
        Assert.Equal("CL_SUCCESS", OpenClException.ErrorName(0));
        Assert.Equal("an unknown OpenCL error", OpenClException.ErrorName(-12345));
    }
}
