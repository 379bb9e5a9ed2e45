using Learn.Dnn.Devices;
using Learn.Dnn.Devices.OpenCL.Native;

namespace Learn.Dnn.Devices.OpenCL;

/// <summary>Reductions (Kernels/reduce.cl), softmax (Kernels/softmax.cl), row gathers and column blocks (Kernels/rows.cl) and randomness (Kernels/random.cl).</summary>
public sealed partial class OpenClDevice
{
    public void Reduce(ReduceOp op, Storage x, int outer, int length, int inner, Storage y)
    {
        CheckDefined(op, "Reduce");
        Launch(Kernel("reduce", "reduce", static file => EnumDefines<ReduceOp>("REDUCE") + KernelSource(file)), [inner, outer], [], (int)op,
               Buffer(x, "Reduce", outer * length * inner), outer, length, inner, Buffer(y, "Reduce", outer * inner));
    }

    public void Softmax(Storage x, int rows, int cols, Storage y, bool log) =>
        Launch(Kernel("softmax", "softmax"), [rows], [],
               Buffer(x, "Softmax", rows * cols), rows, cols, Buffer(y, "Softmax", rows * cols), log);

    public void GatherRows(Storage x, int rowLength, ReadOnlySpan<int> rows, Storage y)
    {
        var X = Buffer(x, "GatherRows");
        int available = rowLength == 0 ? 0 : X.Length / rowLength;
        foreach (int r in rows)
            if (r < 0 || r >= available)
                throw new IndexOutOfRangeException($"{Name} GatherRows: row {r} is out of range for {available} rows of length {rowLength}.");
        var Y = Buffer(y, "GatherRows", rows.Length * rowLength);
        // The row indices travel to the device as 32-bit ints in a temporary buffer (from the pool).
        using var indices = (OpenClStorage)Upload(System.Runtime.InteropServices.MemoryMarshal.Cast<int, float>(rows));
        Launch(Kernel("rows", "gather_rows"), [rowLength, rows.Length], [], X, rowLength, indices, rows.Length, Y);
    }

    public void CopyColumns(Storage source, int sourceColumns, int sourceStart,
                            Storage destination, int destinationColumns, int destinationStart,
                            int rows, int count, bool accumulate) =>
        Launch(Kernel("rows", "copy_columns"), [count, rows], [],
               Buffer(source, "CopyColumns"), sourceColumns, sourceStart,
               Buffer(destination, "CopyColumns"), destinationColumns, destinationStart,
               rows, count, accumulate ? 1 : 0);

    public void Random(RandomDistribution distribution, ulong seed, ulong counter, float a, float b, Storage y)
    {
        CheckDefined(distribution, "Random");
        var Y = Buffer(y, "Random");
        // Normal draws read a stream of their own, as CounterRandom.Normal does: seed ⊕ NormalStream.
        ulong stream = distribution == RandomDistribution.Normal ? seed ^ CounterRandom.NormalStream : seed;
        Launch(Kernel("random", "random_fill", static file => EnumDefines<RandomDistribution>("RANDOM") + KernelSource(file)), [Y.Length], [], (int)distribution, stream, counter, a, b, Y, Y.Length);
    }
}
