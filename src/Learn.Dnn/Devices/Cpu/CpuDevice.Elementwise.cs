using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Learn.Dnn.Devices.Cpu;

/// <summary>
/// Broadcasting along rows, and the SIMD backward of elementwise maps. The broadcast that every layer
/// with a bias does, z: [N, H, W, C] = conv + b: [C] (or [batch, units] + [units] in Dense), repeats
/// the short operand along the rows of the long one: row r of z is row r of the long operand ∘ b, one
/// SIMD call per row instead of the reference odometer's index arithmetic per element. Its gradient
/// sums the rows back, db[c] = Σ_r dz[r, c], adding row after row in the reference's order, so the
/// sums are bit for bit the reference's.
/// </summary>
public sealed partial class CpuDevice
{
    /// <summary>Rows shorter than this are combined by a plain loop: a SIMD call per row would cost more than it saves.</summary>
    private const int ShortestSimdRow = 8;

    /// <summary>How many numbers (at least) one SIMD call takes when rows are short: a block of whole rows.</summary>
    private const int ShortRowsBlock = 64;

    /// <summary>
    /// How many rows the shape <paramref name="full"/> has when <paramref name="row"/> (its leading 1s
    /// dropped) is its trailing axes: [N, H, W, C] and [C] (or [1, C]) give N·H·W; anything else gives 0.
    /// </summary>
    private static int RowsOf(Shape full, Shape row)
    {
        var axes = row.Dimensions;
        while (axes.Length > 0 && axes[0] == 1) axes = axes[1..];
        if (axes.Length > full.Rank || !full.Dimensions[(full.Rank - axes.Length)..].SequenceEqual(axes)) return 0;
        return row.Size == 0 ? 0 : full.Size / row.Size;
    }

    #region binary-by-rows
    /// <summary>
    /// c[r, :] = f(a[r, :], b) when b: [C] is broadcast along the rows of a: [R, C] (or f(a, b[r, :]) the
    /// other way round); false, and nothing done, for any other pair of shapes.
    /// </summary>
    private bool TryBinaryByRows(BinaryFunction f, Storage a, Shape aShape, Storage b, Shape bShape, Storage c, Shape cShape)
    {
        if (aShape == bShape) return false;
        float[] x = Data(a), y = Data(b), z = Data(c);
        if (aShape == cShape && RowsOf(cShape, bShape) is > 0 and var rows) { EachRow(f, x, y, z, rows, rowIsB: true); return true; }
        if (bShape == cShape && RowsOf(cShape, aShape) is > 0 and var rowsOfB) { EachRow(f, y, x, z, rowsOfB, rowIsB: false); return true; }
        return false;
    }

    /// <summary>
    /// c[r, :] = f(full[r, :], row), or f(row, full[r, :]): one SIMD call per row. Short rows (a bias of 4
    /// channels) would make that a call per 4 numbers, so they go a block of rows at a time (<see cref="ShortRowsBlock"/>
    /// numbers), against the row repeated to the block's length: c[r … r+k, :] = f(full[r … r+k, :], row row … row).
    /// </summary>
    private static void EachRow(BinaryFunction f, float[] full, float[] row, float[] c, int rows, bool rowIsB)
    {
        int length = row.Length;
        int block = length >= ShortestSimdRow || f.Vectorized is null ? 1 : (ShortRowsBlock + length - 1) / length;   // rows per call
        Span<float> repeated = block == 1 ? row : stackalloc float[block * length];
        if (block > 1) for (int r = 0; r < block; r++) row.CopyTo(repeated[(r * length)..]);
        for (int r = 0; r < rows; r += block)
        {
            int count = Math.Min(block, rows - r) * length;
            var part = full.AsSpan(r * length, count);
            var output = c.AsSpan(r * length, count);
            if (rowIsB) Row(f, part, repeated[..count], output);
            else Row(f, repeated[..count], part, output);
        }
    }

    /// <summary>c[j] = f(a[j], b[j]) along one row: SIMD when f has a SIMD form and the row is long enough.</summary>
    private static void Row(BinaryFunction f, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
    {
        if (f.Vectorized is not null && c.Length >= ShortestSimdRow) { f.Vectorized(a, b, c); return; }
        for (int j = 0; j < c.Length; j++) c[j] = f.Apply(a[j], b[j]);
    }
    #endregion

    #region sum-to-rows
    /// <summary>
    /// y[c] = Σ_r x[r, c] for x: [R, C] summed down to y: [C] (the bias gradient), row after row in the
    /// reference's order (one SIMD add per row when rows are long enough); any other reduction of
    /// broadcasting runs the reference odometer.
    /// </summary>
    public override void SumToShape(Storage x, Shape xShape, Storage y, Shape yShape)
    {
        if (xShape == yShape || RowsOf(xShape, yShape) is not (> 0 and var rows)) { base.SumToShape(x, xShape, y, yShape); return; }
        float[] src = Data(x), dst = Data(y);
        int length = dst.Length;
        if (length == 4)   // 4 channels: the sum stays in one Vector128, one add per row
        {
            var sum = Vector128<float>.Zero;
            for (int r = 0; r < rows; r++) sum += Vector128.Create(src, r * 4);
            sum.CopyTo(dst);
            return;
        }
        Array.Clear(dst);
        for (int r = 0; r < rows; r++)
        {
            var row = src.AsSpan(r * length, length);
            if (length >= ShortestSimdRow) TensorPrimitives.Add(dst, row, dst);
            else for (int j = 0; j < length; j++) dst[j] += row[j];
        }
    }
    #endregion
}
