namespace Learn.Dnn.Devices.Reference;

/// <summary>A storage in host memory: a plain float array, owned by the reference or the fast CPU device.</summary>
[Chapter(1)]
public sealed class HostStorage : Storage
{
    private float[]? data;
    private readonly ReferenceDevice device;

    public HostStorage(float[] data, ReferenceDevice device)
    {
        this.data = data;
        this.device = device;
        Length = data.Length;
    }

    #region released
    /// <summary>The numbers, row-major.</summary>
    public float[] Data => data ?? throw UseAfterRelease();

    public override int Length { get; }

    public override IDevice Device => device;

    public override bool Released => data is null;

    /// <summary>The array goes back to the device (which may reuse it: chapter 10); this storage is dead.</summary>
    public override void Dispose()
    {
        var array = Interlocked.Exchange(ref data, null);
        if (array is not null) device.Return(array);
        base.Dispose();
    }
    #endregion
}
