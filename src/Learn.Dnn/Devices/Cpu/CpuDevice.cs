using System.Numerics.Tensors;

namespace Learn.Dnn.Devices.Cpu;

/// <summary>
/// The CPU backend: the reference implementation of the backend contract. Each primitive is a
/// plain loop over <see cref="ScalarMath"/>; where System.Numerics.Tensors' TensorPrimitives covers
/// the same math, it runs instead (SIMD), and the tests check both agree.
/// </summary>
[Chapter(1)]
public sealed partial class CpuDevice : IDevice
{
    public static CpuDevice Instance { get; } = new();

    private CpuDevice() { }

    public string Name => "cpu";

    public override string ToString() => Name;

    private static float[] Data(Storage s) => s is CpuStorage cpu
        ? cpu.Data
        : throw new ArgumentException($"CPU backend: a storage of backend '{s.Device.Name}' was passed to the CPU backend; move the tensor with To(Device.Cpu) first.");

    // ---- memory -------------------------------------------------------------------------------

    public Storage Allocate(int length) => new CpuStorage(new float[length]);

    public Storage Upload(ReadOnlySpan<float> values) => new CpuStorage(values.ToArray());

    public void Download(Storage source, Span<float> destination) => Data(source).AsSpan().CopyTo(destination);

    public void Fill(Storage x, float value) => Array.Fill(Data(x), value);

    public void Copy(Storage source, Storage destination) => Data(source).AsSpan().CopyTo(Data(destination));

    // ---- linear algebra ----------------------------------------------------------------------

    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k,
                     float alpha, Storage a, Storage b, float beta, Storage c) =>
        FastGemm.Gemm(transposeA, transposeB, m, n, k, alpha, Data(a), Data(b), beta, Data(c));   // chapter 10: packed, blocked, SIMD, threaded

    public void Transpose(Storage x, int rows, int cols, Storage y)
    {
        float[] src = Data(x), dst = Data(y);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                dst[c * rows + r] = src[r * cols + c];
    }

    public void Axpy(float alpha, Storage x, Storage y)
    {
        float[] dst = Data(y);
        TensorPrimitives.MultiplyAdd(Data(x), alpha, dst, dst);   // y = α·x + y
    }

    // ---- reductions and rows -----------------------------------------------------------------

    public void Reduce(ReduceOp op, Storage x, int outer, int length, int inner, Storage y)
    {
        float[] src = Data(x), dst = Data(y);
        if (inner == 1)   // a reduction along the last axis: each output is one contiguous row
        {
            for (int o = 0; o < outer; o++)
            {
                var row = src.AsSpan(o * length, length);
                dst[o] = op == ReduceOp.Sum ? TensorPrimitives.Sum(row)
                       : length == 0 ? float.NegativeInfinity : TensorPrimitives.Max(row);
            }
            return;
        }
        for (int o = 0; o < outer; o++)   // otherwise: combine whole rows of `inner` numbers at a time
        {
            var output = dst.AsSpan(o * inner, inner);
            output.Fill(op == ReduceOp.Sum ? 0f : float.NegativeInfinity);
            for (int a = 0; a < length; a++)
            {
                var slice = src.AsSpan((o * length + a) * inner, inner);
                if (op == ReduceOp.Sum) TensorPrimitives.Add(output, slice, output);
                else TensorPrimitives.Max(output, slice, output);
            }
        }
    }

    #region softmax
    public void Softmax(Storage x, int rows, int cols, Storage y, bool log)
    {
        float[] src = Data(x), dst = Data(y);
        for (int r = 0; r < rows; r++)
        {
            var row = src.AsSpan(r * cols, cols);
            var output = dst.AsSpan(r * cols, cols);
            float max = TensorPrimitives.Max(row);            // subtract the max: e^(x−max) ≤ 1 never overflows
            TensorPrimitives.Subtract(row, max, output);      // z = x − max
            if (log)
            {
                // log softmax(x) = z − ln Σ eᶻ  (log-sum-exp, with every eᶻ ≤ 1)
                float sum = 0f;
                foreach (float z in output) sum += MathF.Exp(z);
                TensorPrimitives.Subtract(output, MathF.Log(sum), output);
            }
            else
            {
                TensorPrimitives.Exp(output, output);         // eᶻ
                float sum = TensorPrimitives.Sum(output);
                TensorPrimitives.Divide(output, sum, output); // eᶻ / Σ eᶻ
            }
        }
    }
    #endregion

    public void GatherRows(Storage x, int rowLength, ReadOnlySpan<int> rows, Storage y)
    {
        float[] src = Data(x), dst = Data(y);
        for (int r = 0; r < rows.Length; r++)
            src.AsSpan(rows[r] * rowLength, rowLength).CopyTo(dst.AsSpan(r * rowLength, rowLength));
    }

    // ---- randomness --------------------------------------------------------------------------

    public void Random(RandomDistribution distribution, ulong seed, ulong counter, float a, float b, Storage y)
    {
        float[] dst = Data(y);
        for (int i = 0; i < dst.Length; i++)
            dst[i] = distribution == RandomDistribution.Uniform
                ? CounterRandom.Uniform(seed, counter + (ulong)i, a, b)
                : CounterRandom.Normal(seed, counter + (ulong)i, a, b);
    }
}
