using System.Numerics.Tensors;

namespace Learn.Dnn.Devices.Cpu;

/// <summary>
/// Convolution as one matrix product (chapter 7's im2col, made fast in chapter 10). Channels-last
/// makes the unrolled matrix natural: row p = (n, oy, ox) of cols: [N·OH·OW, kh·kw·C] is the window
/// under output cell p, flattened in the kernel's own order (ky, kx, c), so that
/// y: [N·OH·OW, F] = cols · kernel: [kh·kw·C, F] is the convolution, and the packed
/// <see cref="FastGemm"/> does the work. The backward passes are two more products:
/// dKernel = colsᵀ · dy, and dcols = dy · kernelᵀ folded back onto the image by col2im.
/// im2col and col2im run one image per task; a 1×1 stride-1 kernel skips them (cols is x itself).
/// Pooling is in CpuDevice.Pooling.cs.
/// </summary>
public sealed partial class CpuDevice
{
    #region conv2d
    public override void Conv2D(Window2D w, int filters, Storage x, Storage kernel, Storage y)
    {
        float[] input = Data(x);
        float[] cols = w.IsPointwise ? input : Im2Col(w, input);
        FastGemm.Gemm(false, false, w.Positions, filters, w.WindowSize, 1f, cols, Data(kernel), 0f, Data(y));
        if (!w.IsPointwise) pool.Return(cols);
    }

    public override void Conv2DBackwardInput(Window2D w, int filters, Storage dy, Storage kernel, Storage dx)
    {
        if (w.IsPointwise)   // dx = dy · kernelᵀ directly
        {
            FastGemm.Gemm(false, true, w.Positions, w.WindowSize, filters, 1f, Data(dy), Data(kernel), 0f, Data(dx));
            return;
        }
        float[] dcols = pool.Rent(w.Positions * w.WindowSize, zeroed: false);
        FastGemm.Gemm(false, true, w.Positions, w.WindowSize, filters, 1f, Data(dy), Data(kernel), 0f, dcols);   // [P, F]·[F, khkwC]
        Col2Im(w, dcols, Data(dx));
        pool.Return(dcols);
    }

    public override void Conv2DBackwardKernel(Window2D w, int filters, Storage x, Storage dy, Storage dKernel)
    {
        float[] input = Data(x);
        float[] cols = w.IsPointwise ? input : Im2Col(w, input);
        FastGemm.Gemm(true, false, w.WindowSize, filters, w.Positions, 1f, cols, Data(dy), 0f, Data(dKernel));   // [khkwC, P]·[P, F]
        if (!w.IsPointwise) pool.Return(cols);
    }
    #endregion

    #region im2col
    /// <summary>
    /// cols[(n, oy, ox), (ky, kx, c)] = x[n, oy·sh + ky − pt, ox·sw + kx − pl, c], 0 for padding; a pooled array.
    /// For one (ky), the kw cells under kx = 0 … kw−1 are neighbours in x, and their kw·C numbers are
    /// neighbours in cols too: one copy per kernel row, unless the row reaches into the padding.
    /// </summary>
    private float[] Im2Col(Window2D w, float[] input)
    {
        float[] cols = pool.Rent(w.Positions * w.WindowSize, zeroed: false);
        int run = w.WindowWidth * w.Channels;   // the numbers of one kernel row
        ForEachImage(w.Batch, n =>
        {
            for (int oy = 0; oy < w.OutHeight; oy++)
                for (int ox = 0; ox < w.OutWidth; ox++)
                {
                    int row = ((n * w.OutHeight + oy) * w.OutWidth + ox) * w.WindowSize;
                    int left = ox * w.StrideWidth - w.PadLeft;
                    for (int ky = 0; ky < w.WindowHeight; ky++)
                    {
                        int iy = oy * w.StrideHeight + ky - w.PadTop;
                        var target = cols.AsSpan(row + ky * run, run);
                        if (iy < 0 || iy >= w.Height) { target.Clear(); continue; }                 // a padding row
                        int start = ((n * w.Height + iy) * w.Width + left) * w.Channels;
                        if (left >= 0 && left + w.WindowWidth <= w.Width) { input.AsSpan(start, run).CopyTo(target); continue; }
                        for (int kx = 0; kx < w.WindowWidth; kx++)                                    // reaching into the padding
                        {
                            var cell = target.Slice(kx * w.Channels, w.Channels);
                            int ix = left + kx;
                            if (ix < 0 || ix >= w.Width) cell.Clear();
                            else input.AsSpan(start + kx * w.Channels, w.Channels).CopyTo(cell);
                        }
                    }
                }
        });
        return cols;
    }

    /// <summary>
    /// The adjoint of im2col: dx[n, iy, ix, c] = Σ dcols[(n, oy, ox), (ky, kx, c)] over the windows that cover
    /// (iy, ix), one SIMD add per kernel row (its kw·C numbers are neighbours in both) unless it reaches into the padding.
    /// </summary>
    private static void Col2Im(Window2D w, float[] dcols, float[] gradIn)
    {
        int run = w.WindowWidth * w.Channels;
        ForEachImage(w.Batch, n =>
        {
            int image = w.Height * w.Width * w.Channels;
            Array.Clear(gradIn, n * image, image);
            for (int oy = 0; oy < w.OutHeight; oy++)
                for (int ox = 0; ox < w.OutWidth; ox++)
                {
                    int row = ((n * w.OutHeight + oy) * w.OutWidth + ox) * w.WindowSize;
                    int left = ox * w.StrideWidth - w.PadLeft;
                    for (int ky = 0; ky < w.WindowHeight; ky++)
                    {
                        int iy = oy * w.StrideHeight + ky - w.PadTop;
                        if (iy < 0 || iy >= w.Height) continue;                                       // padding has no gradient
                        var source = dcols.AsSpan(row + ky * run, run);
                        int start = ((n * w.Height + iy) * w.Width + left) * w.Channels;
                        if (left >= 0 && left + w.WindowWidth <= w.Width)
                        {
                            var target = gradIn.AsSpan(start, run);
                            TensorPrimitives.Add(target, source, target);
                            continue;
                        }
                        for (int kx = 0; kx < w.WindowWidth; kx++)
                        {
                            int ix = left + kx;
                            if (ix < 0 || ix >= w.Width) continue;
                            var cell = gradIn.AsSpan(start + kx * w.Channels, w.Channels);
                            TensorPrimitives.Add(cell, source.Slice(kx * w.Channels, w.Channels), cell);
                        }
                    }
                }
        });
    }
    #endregion

    /// <summary>Images are independent (each writes its own part of the output): one task per image, unless there is only one.</summary>
    private static void ForEachImage(int batch, Action<int> image)
    {
        if (batch == 1) { image(0); return; }
        Parallel.For(0, batch, image);
    }
}
