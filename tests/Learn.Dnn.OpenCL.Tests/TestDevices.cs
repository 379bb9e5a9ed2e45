using Learn.Dnn.Devices;

namespace Learn.Dnn.OpenCL.Tests;

/// <summary>
/// The OpenCL device the tests run on (the first one, e.g. POCL's CPU device). Without one the
/// tests skip with the reason — except under CI (CI=true), where a missing device is a failure:
/// CI installs pocl-opencl-icd precisely so that these tests run.
/// </summary>
internal static class TestDevices
{
    private static readonly Lazy<(OpenClDevice? Backend, string? Problem)> device = new(() =>
    {
        try { return ((OpenClDevice)OpenClDevice.Create(Environment.GetEnvironmentVariable("LEARN_DNN_OPENCL_DEVICE")), null); }
        catch (Exception e) { return (null, e.Message); }
    });

    /// <summary>The backend, or a skip (a failure under CI) that says why there is none.</summary>
    public static OpenClDevice Require()
    {
        var (backend, problem) = device.Value;
        if (backend is not null) return backend;
        bool underCi = (Environment.GetEnvironmentVariable("CI") ?? "").Equals("true", StringComparison.OrdinalIgnoreCase);
        if (underCi)
            throw new InvalidOperationException($"CI=true but no OpenCL device could be opened ({problem}). CI must install ocl-icd-libopencl1 and pocl-opencl-icd.");
        Skip.If(true, $"No OpenCL device, so the OpenCL parity tests are skipped: {problem}");
        return null!;
    }

    public static IDevice Cpu => Device.Cpu;
}
