using System.Numerics.Tensors;
using Learn.Dnn.Devices.Reference;

namespace Learn.Dnn.Devices.Cpu;

/// <summary>
/// The fast CPU device (chapter 10): the reference device with its hot loops replaced. GEMM is the
/// packed, blocked, SIMD, multi-threaded <see cref="FastGemm"/>; elementwise maps, reductions and
/// softmax run through TensorPrimitives (SIMD) where it computes exactly the same map. Everything
/// it does not replace is the reference loop. The parity tests check it against the reference.
/// It is the default device.
/// </summary>
[Chapter(10)]
public sealed partial class CpuDevice : ReferenceDevice
{
    /// <summary>The one fast CPU device.</summary>
    public static new CpuDevice Instance { get; } = new();

    private CpuDevice() { }

    public override string Name => "cpu";

    private readonly HostPool pool = new();

    /// <summary>An array from the pool of released ones when one of this length is free (a steady training step allocates nothing).</summary>
    protected override float[] NewArray(int length, bool zeroed) => pool.Rent(length, zeroed);

    internal override void Return(float[] array) => pool.Return(array);

    public override void Gemm(bool transposeA, bool transposeB, int m, int n, int k,
                              float alpha, Storage a, Storage b, float beta, Storage c) =>
        FastGemm.Gemm(transposeA, transposeB, m, n, k, alpha, Data(a), Data(b), beta, Data(c));

    public override void Axpy(float alpha, Storage x, Storage y)
    {
        float[] dst = Data(y);
        TensorPrimitives.MultiplyAdd(Data(x), alpha, dst, dst);   // y = α·x + y
    }

    /// <summary>Each row's block as one span copy (or one SIMD add).</summary>
    public override void CopyColumns(Storage source, int sourceColumns, int sourceStart,
                                     Storage destination, int destinationColumns, int destinationStart,
                                     int rows, int count, bool accumulate) =>
        CopyColumns(Data(source), sourceColumns, sourceStart, Data(destination), destinationColumns, destinationStart,
                    rows, count, accumulate);

    /// <summary>dst[r, dstStart …] (+)= src[r, srcStart …], <paramref name="count"/> columns of each of <paramref name="rows"/> rows.</summary>
    private static void CopyColumns(float[] src, int sourceColumns, int sourceStart, float[] dst, int destinationColumns,
                                    int destinationStart, int rows, int count, bool accumulate)
    {
        for (int r = 0; r < rows; r++)
        {
            var from = src.AsSpan(r * sourceColumns + sourceStart, count);
            var to = dst.AsSpan(r * destinationColumns + destinationStart, count);
            if (accumulate) TensorPrimitives.Add(to, from, to);
            else from.CopyTo(to);
        }
    }

    /// <summary>Numbers per part when an elementwise map is shared among the cores: 64K floats, 256 KiB.</summary>
    private const int MapPart = 1 << 16;

    /// <summary>
    /// The function's SIMD form when it has one, in parts of <see cref="MapPart"/> numbers on every core when
    /// there is more than one part (tanh over a [128, 28, 28, 6] activation: 602,112 numbers, 10 parts); the
    /// reference loop otherwise. Each number is computed alone, so the parts give the same numbers as one call.
    /// </summary>
    public override void Unary(UnaryFunction f, float p, Storage x, Storage y)
    {
        if (f.Vectorized is null || x.Length == 0) { base.Unary(f, p, x, y); return; }   // (some TensorPrimitives maps reject empty spans)
        float[] input = Data(x), output = Data(y);
        if (input.Length <= MapPart) { f.Vectorized(input, p, output); return; }
        ParallelFor(Parts(input.Length), input.Length, part =>
        {
            var (start, count) = Part(part, input.Length);
            f.Vectorized(input.AsSpan(start, count), p, output.AsSpan(start, count));
        });
    }

    /// <summary>The function's SIMD backward when it has one, in parts as the forward; the reference loop otherwise.</summary>
    public override void UnaryBackward(UnaryFunction f, float p, Storage x, Storage y, Storage dy, Storage dx)
    {
        if (f.VectorizedBackward is null) { base.UnaryBackward(f, p, x, y, dy, dx); return; }
        float[] input = Data(x), output = Data(y), gradOut = Data(dy), gradIn = Data(dx);
        if (input.Length <= MapPart) { f.VectorizedBackward(input, output, gradOut, p, gradIn); return; }
        ParallelFor(Parts(input.Length), input.Length, part =>
        {
            var (start, count) = Part(part, input.Length);
            f.VectorizedBackward(input.AsSpan(start, count), output.AsSpan(start, count), gradOut.AsSpan(start, count), p,
                                 gradIn.AsSpan(start, count));
        });
    }

    private static int Parts(int length) => (length + MapPart - 1) / MapPart;

    private static (int Start, int Count) Part(int part, int length) =>
        (part * MapPart, Math.Min(MapPart, length - part * MapPart));

    /// <summary>
    /// Same-shape operands with a SIMD form run it; [..., C] with [C] runs it row by row
    /// (CpuDevice.Elementwise.cs); other broadcasting runs the reference odometer.
    /// </summary>
    public override void Binary(BinaryFunction f, Storage a, Shape aShape, Storage b, Shape bShape, Storage c, Shape cShape)
    {
        if (TryBinaryByRows(f, a, aShape, b, bShape, c, cShape)) return;
        if (f.Vectorized is null || aShape != bShape || c.Length == 0) { base.Binary(f, a, aShape, b, bShape, c, cShape); return; }
        f.Vectorized(Data(a), Data(b), Data(c));
    }

    public override void Reduce(ReduceOp op, Storage x, int outer, int length, int inner, Storage y)
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

    public override void Softmax(Storage x, int rows, int cols, Storage y, bool log)
    {
        float[] src = Data(x), dst = Data(y);
        for (int r = 0; r < rows; r++)
        {
            var row = src.AsSpan(r * cols, cols);
            var output = dst.AsSpan(r * cols, cols);
            float max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, output);      // z = x − max
            if (log)
            {
                float sum = 0f;
                foreach (float z in output) sum += MathF.Exp(z);
                TensorPrimitives.Subtract(output, MathF.Log(sum), output);
            }
            else
            {
                TensorPrimitives.Exp(output, output);
                TensorPrimitives.Divide(output, TensorPrimitives.Sum(output), output);
            }
        }
    }
}
