using System.Numerics.Tensors;

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
    /// <summary>Rows shorter than this gain nothing from SIMD over the odometer.</summary>
    private const int ShortestRow = 8;

    #region rows
    /// <summary>
    /// How many rows the shape <paramref name="full"/> has when <paramref name="row"/> (its leading 1s
    /// dropped) is its trailing axes: [N, H, W, C] and [C] (or [1, C]) give N·H·W; anything else gives 0.
    /// </summary>
    private static int RowsOf(Shape full, Shape row)
    {
        var axes = row.Dimensions;
        while (axes.Length > 0 && axes[0] == 1) axes = axes[1..];
        if (axes.Length > full.Rank || !full.Dimensions[(full.Rank - axes.Length)..].SequenceEqual(axes)) return 0;
        return row.Size < ShortestRow ? 0 : full.Size / row.Size;
    }
    #endregion

    #region binary-by-rows
    /// <summary>
    /// c[r, :] = f(a[r, :], b) when b: [C] is broadcast along the rows of a: [R, C] (or f(a, b[r, :]) the
    /// other way round); false, and nothing done, for any other pair of shapes.
    /// </summary>
    private bool TryBinaryByRows(BinaryFunction f, Storage a, Shape aShape, Storage b, Shape bShape, Storage c, Shape cShape)
    {
        if (f.Vectorized is null || aShape == bShape) return false;
        float[] x = Data(a), y = Data(b), z = Data(c);
        if (aShape == cShape && RowsOf(cShape, bShape) is > 0 and var rows)
        {
            for (int r = 0; r < rows; r++) f.Vectorized(x.AsSpan(r * y.Length, y.Length), y, z.AsSpan(r * y.Length, y.Length));
            return true;
        }
        if (bShape == cShape && RowsOf(cShape, aShape) is > 0 and var rowsOfB)
        {
            for (int r = 0; r < rowsOfB; r++) f.Vectorized(x, y.AsSpan(r * x.Length, x.Length), z.AsSpan(r * x.Length, x.Length));
            return true;
        }
        return false;
    }
    #endregion

    #region sum-to-rows
    /// <summary>
    /// y[c] = Σ_r x[r, c] for x: [R, C] summed down to y: [C] (the bias gradient), one SIMD add per row
    /// in the reference's order; any other reduction of broadcasting runs the reference odometer.
    /// </summary>
    public override void SumToShape(Storage x, Shape xShape, Storage y, Shape yShape)
    {
        if (xShape == yShape || RowsOf(xShape, yShape) is not (> 0 and var rows)) { base.SumToShape(x, xShape, y, yShape); return; }
        float[] src = Data(x), dst = Data(y);
        Array.Clear(dst);
        for (int r = 0; r < rows; r++) TensorPrimitives.Add(dst, src.AsSpan(r * dst.Length, dst.Length), dst);
    }
    #endregion

    /// <summary>dx = f'(x)·dy by the function's SIMD backward when it has one; the reference loop otherwise.</summary>
    public override void UnaryBackward(UnaryFunction f, float p, Storage x, Storage y, Storage dy, Storage dx)
    {
        if (f.VectorizedBackward is null) { base.UnaryBackward(f, p, x, y, dy, dx); return; }
        f.VectorizedBackward(Data(x), Data(y), p, Data(dy), Data(dx));
    }
}
