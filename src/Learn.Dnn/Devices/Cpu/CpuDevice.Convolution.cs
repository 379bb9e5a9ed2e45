using System.Numerics.Tensors;

namespace Learn.Dnn.Devices.Cpu;

/// <summary>
/// Convolution as matrix products (chapter 7's im2col, made fast in chapter 10). Channels-last
/// makes the unrolled matrix natural: row p = (n, oy, ox) of cols: [N·OH·OW, kh·kw·C] is the window
/// under output cell p, flattened in the kernel's own order (ky, kx, c), so that
/// y: [N·OH·OW, F] = cols · kernel: [kh·kw·C, F] is the convolution, and a packed GEMM does the work.
/// The backward passes are two more products: dKernel = colsᵀ · dy, and dcols = dy · kernelᵀ folded
/// back onto the image by col2im.
/// <para>
/// Two things make it fast. Blocks: cols is kh·kw times larger than the image, so for a whole batch
/// it does not fit in the cache, and writing it out only to read it back from memory costs as much as
/// the product. The images go through in blocks of a few (<see cref="ImagesPerBlock"/>): a block's
/// cols is built, used by its product while it is still in the cache, and overwritten by the next
/// block's. Rows of x, y and dy are ordered by image, so a block's rows are one contiguous slice.
/// Threads: the batch is cut into one range of images per core (<see cref="ForEachRange"/>); each
/// core goes through its own range block by block with the single-threaded <see cref="PackedGemm"/>,
/// so the cores meet once per convolution instead of once per block. dKernel sums over every image:
/// each range adds up its blocks' products (β = 1 after the first) into its own partial sum, and the
/// partial sums are added in range order, so the result does not depend on which core finished first.
/// A 1×1 stride-1 kernel needs no unrolling (cols is x itself). Pooling is in CpuDevice.Pooling.cs.
/// </para>
/// </summary>
public sealed partial class CpuDevice
{
    /// <summary>About how many numbers one block's cols holds: 512 KiB, half of one core's L2 cache.</summary>
    private const int BlockNumbers = 1 << 17;

    /// <summary>Convolutions with fewer multiply-adds than this stay on the calling thread: a hand-off would cost more.</summary>
    private const long SerialMultiplyAdds = 1 << 18;

    /// <summary>Images per block: as many as keep a block's cols within <see cref="BlockNumbers"/>, at least one.</summary>
    private static int ImagesPerBlock(Window2D w) =>
        Math.Max(1, BlockNumbers / Math.Max(1, w.OutHeight * w.OutWidth * w.WindowSize));

    #region ranges
    /// <summary>How many ranges of images the batch is cut into: one per core, or one when the batch or the work is small.</summary>
    private static int Ranges(Window2D w, int filters) =>
        (long)w.Positions * w.WindowSize * filters < SerialMultiplyAdds ? 1 : Math.Min(Environment.ProcessorCount, w.Batch);

    /// <summary>
    /// Runs <paramref name="range"/>(r, first image, image count, gemm) for each of <paramref name="ranges"/>
    /// contiguous ranges of the batch, each on its own core with the single-threaded GEMM; one range runs
    /// on this thread with the GEMM that uses every core.
    /// </summary>
    private static void ForEachRange(Window2D w, int ranges, Action<int, int, int, GemmKernel> range)
    {
        if (ranges == 1) { range(0, 0, w.Batch, FastGemm.Gemm); return; }
        Parallel.For(0, ranges, r =>
        {
            int first = w.Batch * r / ranges, end = w.Batch * (r + 1) / ranges;
            range(r, first, end - first, PackedGemm.Gemm);
        });
    }
    #endregion

    #region conv2d
    /// <summary>y[block] = cols[block] · kernel, block after block.</summary>
    public override void Conv2D(Window2D w, int filters, Storage x, Storage kernel, Storage y)
    {
        float[] input = Data(x), k = Data(kernel), output = Data(y);
        if (w.IsPointwise) { FastGemm.Gemm(false, false, w.Positions, filters, w.WindowSize, 1f, input, k, 0f, output); return; }
        int pixels = w.OutHeight * w.OutWidth, images = ImagesPerBlock(w);
        ForEachRange(w, Ranges(w, filters), (_, start, count, gemm) =>
        {
            float[] cols = pool.Rent(Math.Min(images, count) * pixels * w.WindowSize, zeroed: false);
            for (int first = start; first < start + count; first += images)
            {
                int rows = Math.Min(images, start + count - first) * pixels;
                Im2Col(w, input, first, rows / pixels, cols);
                gemm(false, false, rows, filters, w.WindowSize, 1f, cols.AsSpan(0, rows * w.WindowSize), k, 0f,
                     output.AsSpan(first * pixels * filters, rows * filters));   // [rows, khkwC]·[khkwC, F]
            }
            pool.Return(cols);
        });
    }

    /// <summary>dcols[block] = dy[block] · kernelᵀ, folded back onto the block's images by col2im.</summary>
    public override void Conv2DBackwardInput(Window2D w, int filters, Storage dy, Storage kernel, Storage dx)
    {
        float[] gradOut = Data(dy), k = Data(kernel), gradIn = Data(dx);
        if (w.IsPointwise) { FastGemm.Gemm(false, true, w.Positions, w.WindowSize, filters, 1f, gradOut, k, 0f, gradIn); return; }
        int pixels = w.OutHeight * w.OutWidth, images = ImagesPerBlock(w);
        ForEachRange(w, Ranges(w, filters), (_, start, count, gemm) =>
        {
            float[] dcols = pool.Rent(Math.Min(images, count) * pixels * w.WindowSize, zeroed: false);
            for (int first = start; first < start + count; first += images)
            {
                int rows = Math.Min(images, start + count - first) * pixels;
                gemm(false, true, rows, w.WindowSize, filters, 1f, gradOut.AsSpan(first * pixels * filters, rows * filters), k, 0f,
                     dcols.AsSpan(0, rows * w.WindowSize));   // [rows, F]·[F, khkwC]
                Col2Im(w, dcols, first, rows / pixels, gradIn);
            }
            pool.Return(dcols);
        });
    }

    /// <summary>dKernel = Σ over ranges (in range order) of Σ over the range's blocks of cols[block]ᵀ · dy[block].</summary>
    public override void Conv2DBackwardKernel(Window2D w, int filters, Storage x, Storage dy, Storage dKernel)
    {
        float[] input = Data(x), gradOut = Data(dy), gradK = Data(dKernel);
        if (w.IsPointwise) { FastGemm.Gemm(true, false, w.WindowSize, filters, w.Positions, 1f, input, gradOut, 0f, gradK); return; }
        int pixels = w.OutHeight * w.OutWidth, images = ImagesPerBlock(w), ranges = Ranges(w, filters);
        var partial = new float[ranges][];   // range 0 sums straight into dKernel
        for (int r = 0; r < ranges; r++) partial[r] = r == 0 ? gradK : pool.Rent(gradK.Length, zeroed: false);
        ForEachRange(w, ranges, (r, start, count, gemm) =>
        {
            if (count == 0) { Array.Clear(partial[r]); return; }
            float[] cols = pool.Rent(Math.Min(images, count) * pixels * w.WindowSize, zeroed: false);
            for (int first = start; first < start + count; first += images)
            {
                int rows = Math.Min(images, start + count - first) * pixels;
                Im2Col(w, input, first, rows / pixels, cols);
                gemm(true, false, w.WindowSize, filters, rows, 1f, cols.AsSpan(0, rows * w.WindowSize),
                     gradOut.AsSpan(first * pixels * filters, rows * filters), first == start ? 0f : 1f, partial[r]);   // += [khkwC, rows]·[rows, F]
            }
            pool.Return(cols);
        });
        for (int r = 1; r < ranges; r++)
        {
            TensorPrimitives.Add(gradK, partial[r], gradK);
            pool.Return(partial[r]);
        }
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
        for (int n = first; n < first + count; n++)
            for (int oy = 0; oy < w.OutHeight; oy++)
                for (int ox = 0; ox < w.OutWidth; ox++)
                {
                    int row = (((n - first) * w.OutHeight + oy) * w.OutWidth + ox) * w.WindowSize;
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
        int run = w.WindowWidth * w.Channels, image = w.Height * w.Width * w.Channels;
        Array.Clear(gradIn, first * image, count * image);
        for (int n = first; n < first + count; n++)
            for (int oy = 0; oy < w.OutHeight; oy++)
                for (int ox = 0; ox < w.OutWidth; ox++)
                {
                    int row = (((n - first) * w.OutHeight + oy) * w.OutWidth + ox) * w.WindowSize;
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
    }
    #endregion

    /// <summary>Below this many numbers, images are pooled one after the other: handing work to another core costs more than it saves.</summary>
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
