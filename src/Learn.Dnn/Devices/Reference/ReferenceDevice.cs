

namespace Learn.Dnn.Devices.Reference;

/// <summary>
/// The reference device: every primitive as the plain loop of its definition, on host memory.
/// This is the code the book shows in chapters 1–9, and the oracle the parity tests compare the
/// fast CPU device and the OpenCL device against. It is slow on purpose: nothing here is clever.
/// The fast CPU device (chapter 10) derives from it and replaces the hot loops.
/// </summary>
[Chapter(1)]
public partial class ReferenceDevice : IDevice
{
    /// <summary>The one reference device.</summary>
    public static ReferenceDevice Instance { get; } = new();

    protected ReferenceDevice() { }

    public virtual string Name => "reference";

    public override string ToString() => Name;

    /// <summary>The float array behind a storage of this device.</summary>
    protected float[] Data(Storage s) => s is HostStorage host && ReferenceEquals(host.Device, this)
        ? host.Data
        : throw new ArgumentException($"{Name} device: a storage of device '{s.Device.Name}' was passed; move the tensor with To(device) first.");

    // ---- memory -------------------------------------------------------------------------------

    public Storage Allocate(int length) => new HostStorage(NewArray(length, zeroed: true), this);

    public Storage AllocateUninitialized(int length) => new HostStorage(NewArray(length, zeroed: false), this);

    public Storage Upload(ReadOnlySpan<float> values)
    {
        var array = NewArray(values.Length, zeroed: false);
        values.CopyTo(array);
        return new HostStorage(array, this);
    }

    /// <summary>A fresh array from the garbage-collected heap (the fast device reuses released ones instead).</summary>
    protected virtual float[] NewArray(int length, bool zeroed) => new float[length];

    /// <summary>A released storage's array: here simply left to the garbage collector.</summary>
    internal virtual void Return(float[] array) { }

    public void Download(Storage source, Span<float> destination) => Data(source).AsSpan().CopyTo(destination);

    public void Fill(Storage x, float value) => Array.Fill(Data(x), value);

    public void Copy(Storage source, Storage destination) => Data(source).AsSpan().CopyTo(Data(destination));

    // ---- linear algebra ----------------------------------------------------------------------

    /// <summary>C = α·op(A)·op(B) + β·C, one dot product per element of C (<see cref="NaiveGemm"/>).</summary>
    public virtual void Gemm(bool transposeA, bool transposeB, int m, int n, int k,
                             float alpha, Storage a, Storage b, float beta, Storage c) =>
        NaiveGemm.Gemm(transposeA, transposeB, m, n, k, alpha, Data(a), Data(b), beta, Data(c));

    public void Transpose(Storage x, int rows, int cols, Storage y)
    {
        float[] src = Data(x), dst = Data(y);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                dst[c * rows + r] = src[r * cols + c];   // yᵀ[c, r] = x[r, c]
    }

    public virtual void Axpy(float alpha, Storage x, Storage y)
    {
        float[] src = Data(x), dst = Data(y);
        for (int i = 0; i < dst.Length; i++) dst[i] += alpha * src[i];   // y = α·x + y
    }

    // ---- rows and randomness -----------------------------------------------------------------

    public void GatherRows(Storage x, int rowLength, ReadOnlySpan<int> rows, Storage y)
    {
        float[] src = Data(x), dst = Data(y);
        for (int r = 0; r < rows.Length; r++)
            src.AsSpan(rows[r] * rowLength, rowLength).CopyTo(dst.AsSpan(r * rowLength, rowLength));
    }

    #region copy-columns
    public virtual void CopyColumns(Storage source, int sourceColumns, int sourceStart,
                                    Storage destination, int destinationColumns, int destinationStart,
                                    int rows, int count, bool accumulate)
    {
        float[] src = Data(source), dst = Data(destination);
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < count; j++)
            {
                int to = r * destinationColumns + destinationStart + j, from = r * sourceColumns + sourceStart + j;
                dst[to] = accumulate ? dst[to] + src[from] : src[from];
            }
    }
    #endregion

    public void Random(RandomDistribution distribution, ulong seed, ulong counter, float a, float b, Storage y)
    {
        float[] dst = Data(y);
        for (int i = 0; i < dst.Length; i++)
            dst[i] = distribution == RandomDistribution.Uniform
                ? CounterRandom.Uniform(seed, counter + (ulong)i, a, b)
                : CounterRandom.Normal(seed, counter + (ulong)i, a, b);
    }
}
