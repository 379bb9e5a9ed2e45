using System.Numerics.Tensors;

namespace Learn.Dnn.Devices.Cpu;

/// <summary>
/// Pooling, fast (chapter 10). Channels-last puts the C channels of one pixel side by side, so
/// instead of the reference's loop over (channel, window cell) with a strided read per number, each
/// window cell is one contiguous span of C numbers: y[n, oy, ox, :] = max (or Σ) over the window's
/// cells of x[n, iy, ix, :], one SIMD call per cell. The numbers are combined in the reference's order,
/// so the results are bit for bit the reference's. One image per task.
/// </summary>
public sealed partial class CpuDevice
{
    #region pool2d
    public override void Pool2D(PoolOp op, Window2D w, Storage x, Storage y)
    {
        float[] input = Data(x), output = Data(y);
        ForEachImage(w.Batch, n => PoolImage(op, w, input, output, n));
    }

    /// <summary>Image n: each output pixel's C channels at once, starting from −∞ (max) or 0 (sum), then ÷ count for average.</summary>
    private static void PoolImage(PoolOp op, Window2D w, float[] input, float[] output, int n)
    {
        for (int oy = 0; oy < w.OutHeight; oy++)
            for (int ox = 0; ox < w.OutWidth; ox++)
            {
                var pixel = output.AsSpan(((n * w.OutHeight + oy) * w.OutWidth + ox) * w.Channels, w.Channels);
                pixel.Fill(op == PoolOp.Max ? float.NegativeInfinity : 0f);
                int count = 0;
                for (int ky = 0; ky < w.WindowHeight; ky++)
                    for (int kx = 0; kx < w.WindowWidth; kx++)
                    {
                        int iy = oy * w.StrideHeight + ky - w.PadTop, ix = ox * w.StrideWidth + kx - w.PadLeft;
                        if (iy < 0 || iy >= w.Height || ix < 0 || ix >= w.Width) continue;
                        var cell = input.AsSpan(((n * w.Height + iy) * w.Width + ix) * w.Channels, w.Channels);
                        if (op == PoolOp.Max) TensorPrimitives.Max(pixel, cell, pixel);
                        else TensorPrimitives.Add(pixel, cell, pixel);
                        count++;
                    }
                if (op == PoolOp.Average) TensorPrimitives.Divide(pixel, count, pixel);
            }
    }
    #endregion

    #region pool2d-backward
    public override void Pool2DBackward(PoolOp op, Window2D w, Storage x, Storage dy, Storage dx)
    {
        float[] input = Data(x), gradOut = Data(dy), gradIn = Data(dx);
        ForEachImage(w.Batch, n =>
        {
            Array.Clear(gradIn, n * w.Height * w.Width * w.Channels, w.Height * w.Width * w.Channels);
            if (op == PoolOp.Max) MaxPoolBackwardImage(w, input, gradOut, gradIn, n);
            else AveragePoolBackwardImage(w, gradOut, gradIn, n);
        });
    }

    /// <summary>
    /// Image n of max pooling's backward: per output pixel, a running maximum over the window's cells
    /// for all C channels at once, remembering for each channel the cell that holds it (strict &gt;:
    /// the first maximum wins a tie, as in the reference); then dy[n, oy, ox, c] goes to that cell.
    /// </summary>
    private static void MaxPoolBackwardImage(Window2D w, float[] input, float[] gradOut, float[] gradIn, int n)
    {
        int channels = w.Channels;
        Span<float> best = channels <= 1024 ? stackalloc float[channels] : new float[channels];
        Span<int> winner = channels <= 1024 ? stackalloc int[channels] : new int[channels];   // the winning cell's offset in x
        for (int oy = 0; oy < w.OutHeight; oy++)
            for (int ox = 0; ox < w.OutWidth; ox++)
            {
                bool first = true;
                for (int ky = 0; ky < w.WindowHeight; ky++)
                    for (int kx = 0; kx < w.WindowWidth; kx++)
                    {
                        int iy = oy * w.StrideHeight + ky - w.PadTop, ix = ox * w.StrideWidth + kx - w.PadLeft;
                        if (iy < 0 || iy >= w.Height || ix < 0 || ix >= w.Width) continue;
                        int at = ((n * w.Height + iy) * w.Width + ix) * channels;
                        var cell = input.AsSpan(at, channels);
                        if (first) { cell.CopyTo(best); winner.Fill(at); first = false; continue; }
                        for (int c = 0; c < channels; c++)
                            if (cell[c] > best[c]) { best[c] = cell[c]; winner[c] = at; }
                    }
                var g = gradOut.AsSpan(((n * w.OutHeight + oy) * w.OutWidth + ox) * channels, channels);
                for (int c = 0; c < channels; c++) gradIn[winner[c] + c] += g[c];
            }
    }

    /// <summary>Image n of average pooling's backward: dy[n, oy, ox, :]/count added to each of the window's count cells.</summary>
    private static void AveragePoolBackwardImage(Window2D w, float[] gradOut, float[] gradIn, int n)
    {
        int channels = w.Channels;
        Span<float> share = channels <= 1024 ? stackalloc float[channels] : new float[channels];
        for (int oy = 0; oy < w.OutHeight; oy++)
            for (int ox = 0; ox < w.OutWidth; ox++)
            {
                int top = Math.Max(0, oy * w.StrideHeight - w.PadTop), bottom = Math.Min(w.Height, oy * w.StrideHeight - w.PadTop + w.WindowHeight);
                int left = Math.Max(0, ox * w.StrideWidth - w.PadLeft), right = Math.Min(w.Width, ox * w.StrideWidth - w.PadLeft + w.WindowWidth);
                int count = (bottom - top) * (right - left);
                TensorPrimitives.Divide(gradOut.AsSpan(((n * w.OutHeight + oy) * w.OutWidth + ox) * channels, channels), count, share);
                for (int iy = top; iy < bottom; iy++)
                    for (int ix = left; ix < right; ix++)
                    {
                        var cell = gradIn.AsSpan(((n * w.Height + iy) * w.Width + ix) * channels, channels);
                        TensorPrimitives.Add(cell, share, cell);
                    }
            }
    }
    #endregion
}
