using System.Numerics.Tensors;

namespace Learn.Dnn.Devices.Cpu;

/// <summary>
/// Convolution as matrix products (chapter 7's im2col, made fast in chapter 10). Channels-last
/// makes the unrolled matrix natural: row p = (n, oy, ox) of cols: [N·OH·OW, kh·kw·C] is the window
/// under output cell p, flattened in the kernel's own order (ky, kx, c), so that
/// y: [N·OH·OW, F] = cols · kernel: [kh·kw·C, F] is the convolution, and the packed
/// <see cref="FastGemm"/> does the work. The backward passes are two more products:
/// dKernel = colsᵀ · dy, and dcols = dy · kernelᵀ folded back onto the image by col2im.
/// <para>
/// cols is kh·kw times larger than the image: for a whole batch it does not fit in the cache, and
/// writing it out only to read it back from memory costs as much as the product. So the batch goes
/// through in blocks of a few images (<see cref="ImagesPerBlock"/>): each block's cols is built, used
/// by its product while it is still in the cache, and overwritten by the next block's. A block is
/// unrolled on one thread (too little work to share); its product runs on every core. Rows of y and
/// dy are ordered by image, so a block's rows are one contiguous slice; dKernel adds up the blocks'
/// products (β = 1 after the first). A 1×1 stride-1 kernel needs no unrolling (cols is x itself).
/// Pooling is in CpuDevice.Pooling.cs.
/// </para>
/// </summary>
public sealed partial class CpuDevice
{
    /// <summary>About how many numbers one block's cols holds: 512 KiB, half of one core's L2 cache.</summary>
    private const int BlockNumbers = 1 << 17;

    /// <summary>Images per block: as many as keep a block's cols within <see cref="BlockNumbers"/>, at least one.</summary>
    private static int ImagesPerBlock(Window2D w) =>
        Math.Clamp(BlockNumbers / Math.Max(1, w.OutHeight * w.OutWidth * w.WindowSize), 1, Math.Max(1, w.Batch));

    #region conv2d
    /// <summary>y[block] = cols[block] · kernel, block after block.</summary>
    public override void Conv2D(Window2D w, int filters, Storage x, Storage kernel, Storage y)
    {
        float[] input = Data(x), k = Data(kernel), output = Data(y);
        if (w.IsPointwise) { FastGemm.Gemm(false, false, w.Positions, filters, w.WindowSize, 1f, input, k, 0f, output); return; }
        int pixels = w.OutHeight * w.OutWidth, images = ImagesPerBlock(w);
        float[] cols = pool.Rent(images * pixels * w.WindowSize, zeroed: false);
        for (int first = 0; first < w.Batch; first += images)
        {
            int count = Math.Min(images, w.Batch - first), rows = count * pixels;
            Im2Col(w, input, first, count, cols);
            FastGemm.Gemm(false, false, rows, filters, w.WindowSize, 1f, cols.AsSpan(0, rows * w.WindowSize), k, 0f,
                          output.AsSpan(first * pixels * filters, rows * filters));   // [rows, khkwC]·[khkwC, F]
        }
        pool.Return(cols);
    }

    /// <summary>dcols[block] = dy[block] · kernelᵀ, folded back onto the block's images by col2im.</summary>
    public override void Conv2DBackwardInput(Window2D w, int filters, Storage dy, Storage kernel, Storage dx)
    {
        float[] gradOut = Data(dy), k = Data(kernel), gradIn = Data(dx);
        if (w.IsPointwise) { FastGemm.Gemm(false, true, w.Positions, w.WindowSize, filters, 1f, gradOut, k, 0f, gradIn); return; }
        int pixels = w.OutHeight * w.OutWidth, images = ImagesPerBlock(w);
        float[] dcols = pool.Rent(images * pixels * w.WindowSize, zeroed: false);
        for (int first = 0; first < w.Batch; first += images)
        {
            int count = Math.Min(images, w.Batch - first), rows = count * pixels;
            FastGemm.Gemm(false, true, rows, w.WindowSize, filters, 1f, gradOut.AsSpan(first * pixels * filters, rows * filters), k, 0f,
                          dcols.AsSpan(0, rows * w.WindowSize));   // [rows, F]·[F, khkwC]
            Col2Im(w, dcols, first, count, gradIn);
        }
        pool.Return(dcols);
    }

    /// <summary>dKernel = Σ over blocks of cols[block]ᵀ · dy[block].</summary>
    public override void Conv2DBackwardKernel(Window2D w, int filters, Storage x, Storage dy, Storage dKernel)
    {
        float[] input = Data(x), gradOut = Data(dy), gradK = Data(dKernel);
        if (w.IsPointwise) { FastGemm.Gemm(true, false, w.WindowSize, filters, w.Positions, 1f, input, gradOut, 0f, gradK); return; }
        int pixels = w.OutHeight * w.OutWidth, images = ImagesPerBlock(w);
        float[] cols = pool.Rent(images * pixels * w.WindowSize, zeroed: false);
        for (int first = 0; first < w.Batch; first += images)
        {
            int count = Math.Min(images, w.Batch - first), rows = count * pixels;
            Im2Col(w, input, first, count, cols);
            FastGemm.Gemm(true, false, w.WindowSize, filters, rows, 1f, cols.AsSpan(0, rows * w.WindowSize),
                          gradOut.AsSpan(first * pixels * filters, rows * filters), first == 0 ? 0f : 1f, gradK);   // += [khkwC, rows]·[rows, F]
        }
        if (w.Batch == 0) Array.Clear(gradK);
        pool.Return(cols);
    }
    #endregion

    #region im2col
    /// <summary>
    /// cols[(n − first, oy, ox), (ky, kx, c)] = x[n, oy·sh + ky − pt, ox·sw + kx − pl, c] for the <paramref name="count"/>
    /// images from <paramref name="first"/>, 0 for padding. For one (ky), the kw cells under kx = 0 … kw−1 are
    /// neighbours in x, and their kw·C numbers are neighbours in cols too: one copy per kernel row, unless
    /// the row reaches into the padding.
    /// </summary>
    private static void Im2Col(Window2D w, float[] input, int first, int count, float[] cols)
    {
        int run = w.WindowWidth * w.Channels;   // the numbers of one kernel row
        ForEachImage(count, (long)count * w.OutHeight * w.OutWidth * w.WindowSize, i =>
        {
            int n = first + i;
            for (int oy = 0; oy < w.OutHeight; oy++)
                for (int ox = 0; ox < w.OutWidth; ox++)
                {
                    int row = ((i * w.OutHeight + oy) * w.OutWidth + ox) * w.WindowSize;
                    int left = ox * w.StrideWidth - w.PadLeft;
                    for (int ky = 0; ky < w.WindowHeight; ky++)
                    {
                        int iy = oy * w.StrideHeight + ky - w.PadTop;
                        var target = cols.AsSpan(row + ky * run, run);
                        if (iy < 0 || iy >= w.Height) { target.Clear(); continue; }                 // a padding row
                        int start = ((n * w.Height + iy) * w.Width + left) * w.Channels;
                        if (left >= 0 && left + w.WindowWidth <= w.Width) { CopyRun(input.AsSpan(start, run), target); continue; }
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
    }

    /// <summary>A few numbers (one channel: a 3×3 or 5×5 kernel row is 3 or 5) by a plain loop, more by a block copy.</summary>
    private static void CopyRun(ReadOnlySpan<float> source, Span<float> target)
    {
        if (source.Length > 16) { source.CopyTo(target); return; }
        for (int j = 0; j < source.Length; j++) target[j] = source[j];
    }

    /// <summary>
    /// The adjoint of im2col, for the <paramref name="count"/> images from <paramref name="first"/>:
    /// dx[n, iy, ix, c] = Σ dcols[(n − first, oy, ox), (ky, kx, c)] over the windows that cover (iy, ix),
    /// one SIMD add per kernel row (its kw·C numbers are neighbours in both) unless it reaches into the padding.
    /// </summary>
    private static void Col2Im(Window2D w, float[] dcols, int first, int count, float[] gradIn)
    {
        int run = w.WindowWidth * w.Channels;
        ForEachImage(count, (long)count * w.OutHeight * w.OutWidth * w.WindowSize, i =>
        {
            int n = first + i, image = w.Height * w.Width * w.Channels;
            Array.Clear(gradIn, n * image, image);
            for (int oy = 0; oy < w.OutHeight; oy++)
                for (int ox = 0; ox < w.OutWidth; ox++)
                {
                    int row = ((i * w.OutHeight + oy) * w.OutWidth + ox) * w.WindowSize;
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

    /// <summary>Below this many numbers, images are done one after the other: handing work to another core costs more than it saves.</summary>
    private const int ParallelNumbers = 1 << 18;

    /// <summary>
    /// Images are independent (each writes its own part of the output): one task per image when they hold
    /// at least <see cref="ParallelNumbers"/> numbers in all, else one after the other on this thread.
    /// </summary>
    private static void ForEachImage(int batch, long numbers, Action<int> image)
    {
        if (batch == 1 || numbers < ParallelNumbers) { for (int n = 0; n < batch; n++) image(n); return; }
        Parallel.For(0, batch, image);
    }
}
