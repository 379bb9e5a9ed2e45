namespace Learn.Dnn.Devices.Reference;

/// <summary>A storage in host memory: a plain float array, owned by the reference or the fast CPU device.</summary>
[Chapter(1)]
public sealed class HostStorage(float[] data, IDevice device) : Storage
{
    /// <summary>The numbers, row-major.</summary>
    public float[] Data { get; } = data;

    public override int Length => Data.Length;

    public override IDevice Device { get; } = device;
}
