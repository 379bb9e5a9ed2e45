namespace Learn.Dnn.Devices.Cpu;

/// <summary>A storage in host memory: a plain float array.</summary>
[Chapter(1)]
public sealed class CpuStorage(float[] data) : Storage
{
    /// <summary>The numbers, row-major.</summary>
    public float[] Data { get; } = data;

    public override int Length => Data.Length;

    public override IDevice Device => CpuDevice.Instance;
}
