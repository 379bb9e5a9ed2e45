using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

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

    /// <summary>A 1×1 kernel is a GEMM on x itself; few filters go without im2col (CpuDevice.NarrowConvolution.cs); the rest is im2col + GEMM.</summary>
    public override void Conv2D(Window2D w, int filters, Storage x, Storage kernel, Storage y)
    {
        float[] input = Data(x), k = Data(kernel), output = Data(y);
        if (w.IsPointwise) FastGemm.Gemm(false, false, w.Positions, filters, w.WindowSize, 1f, input, k, 0f, output);
        else if (IsNarrow(filters)) WidenedConv2D(w, filters, input, k, output);
        else GemmConv2D(w, filters, input, k, output);
    }

    public override void Conv2DBackwardInput(Window2D w, int filters, Storage dy, Storage kernel, Storage dx)
    {
        float[] gradOut = Data(dy), k = Data(kernel), gradIn = Data(dx);
        if (w.IsPointwise) FastGemm.Gemm(false, true, w.Positions, w.WindowSize, filters, 1f, gradOut, k, 0f, gradIn);
        else if (IsNarrow(filters) && w.Channels % 4 == 0) WidenedConv2DBackwardInput(w, filters, gradOut, k, gradIn);
        else GemmConv2DBackwardInput(w, filters, gradOut, k, gradIn);
    }

    public override void Conv2DBackwardKernel(Window2D w, int filters, Storage x, Storage dy, Storage dKernel)
    {
        float[] input = Data(x), gradOut = Data(dy), gradK = Data(dKernel);
        if (w.IsPointwise) FastGemm.Gemm(true, false, w.WindowSize, filters, w.Positions, 1f, input, gradOut, 0f, gradK);
        else if (IsNarrow(filters)) WidenedConv2DBackwardKernel(w, filters, input, gradOut, gradK);
        else GemmConv2DBackwardKernel(w, filters, input, gradOut, gradK);
    }

    #region conv2d
    /// <summary>y[block] = cols[block] · kernel, block after block.</summary>
    internal void GemmConv2D(Window2D w, int filters, float[] input, float[] k, float[] output)
    {
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
    internal void GemmConv2DBackwardInput(Window2D w, int filters, float[] gradOut, float[] k, float[] gradIn)
    {
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
    internal void GemmConv2DBackwardKernel(Window2D w, int filters, float[] input, float[] gradOut, float[] gradK)
    {
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
    internal static void Im2Col(Window2D w, float[] input, int first, int count, float[] cols) =>
        ParallelFor(count, (long)count * w.OutHeight * w.OutWidth * w.WindowSize, i => Im2ColImage(w, input, first + i, cols, i));

    /// <summary>Image n of x into block row i of cols.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // optimised from its first call (chapter 10, "Warm up")
    private static void Im2ColImage(Window2D w, float[] input, int n, float[] cols, int i)
    {
        // The window's numbers in locals: read once, not once per copied run.
        int height = w.Height, width = w.Width, channels = w.Channels;
        int outHeight = w.OutHeight, outWidth = w.OutWidth, size = w.WindowSize;
        int windowHeight = w.WindowHeight, windowWidth = w.WindowWidth;
        int strideHeight = w.StrideHeight, strideWidth = w.StrideWidth, padTop = w.PadTop, padLeft = w.PadLeft;
        int run = windowWidth * channels;   // the numbers of one kernel row
        for (int oy = 0; oy < outHeight; oy++)
            for (int ox = 0; ox < outWidth; ox++)
            {
                int row = ((i * outHeight + oy) * outWidth + ox) * size;
                int left = ox * strideWidth - padLeft;
                for (int ky = 0; ky < windowHeight; ky++)
                {
                    int iy = oy * strideHeight + ky - padTop, target = row + ky * run;
                    if (iy < 0 || iy >= height) { Array.Clear(cols, target, run); continue; }       // a padding row
                    int start = ((n * height + iy) * width + left) * channels;
                    if (left >= 0 && left + windowWidth <= width) { CopyRun(input, start, cols, target, run); continue; }
                    for (int kx = 0; kx < windowWidth; kx++)                                         // reaching into the padding
                    {
                        int ix = left + kx;
                        if (ix < 0 || ix >= width) Array.Clear(cols, target + kx * channels, channels);
                        else CopyRun(input, start + kx * channels, cols, target + kx * channels, channels);
                    }
                }
            }
    }

    /// <summary>target[t..t+length) = source[s..s+length): a few numbers (one channel: a 3×3 or 5×5 kernel row is 3 or 5) by a plain loop, more by a block copy.</summary>
    private static void CopyRun(float[] source, int s, float[] target, int t, int length)
    {
        if (length > 16) { Array.Copy(source, s, target, t, length); return; }
        for (int j = 0; j < length; j++) target[t + j] = source[s + j];
    }

    /// <summary>target[t..t+length) += source[s..s+length): a plain loop for a few numbers, SIMD for more.</summary>
    private static void AddRun(float[] source, int s, float[] target, int t, int length)
    {
        if (length > 16) { var to = target.AsSpan(t, length); TensorPrimitives.Add(to, source.AsSpan(s, length), to); return; }
        for (int j = 0; j < length; j++) target[t + j] += source[s + j];
    }

    /// <summary>
    /// The adjoint of im2col, for the <paramref name="count"/> images from <paramref name="first"/>:
    /// dx[n, iy, ix, c] = Σ dcols[(n − first, oy, ox), (ky, kx, c)] over the windows that cover (iy, ix),
    /// one add per kernel row (its kw·C numbers are neighbours in both; SIMD when the row is long) unless it reaches into the padding.
    /// </summary>
    internal static void Col2Im(Window2D w, float[] dcols, int first, int count, float[] gradIn) =>
        ParallelFor(count, (long)count * w.OutHeight * w.OutWidth * w.WindowSize, i => Col2ImImage(w, dcols, i, gradIn, first + i));

    /// <summary>Block row i of dcols onto image n of dx.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Col2ImImage(Window2D w, float[] dcols, int i, float[] gradIn, int n)
    {
        int height = w.Height, width = w.Width, channels = w.Channels;
        int outHeight = w.OutHeight, outWidth = w.OutWidth, size = w.WindowSize;
        int windowHeight = w.WindowHeight, windowWidth = w.WindowWidth;
        int strideHeight = w.StrideHeight, strideWidth = w.StrideWidth, padTop = w.PadTop, padLeft = w.PadLeft;
        int run = windowWidth * channels;
        int image = height * width * channels;
        Array.Clear(gradIn, n * image, image);
        for (int oy = 0; oy < outHeight; oy++)
            for (int ox = 0; ox < outWidth; ox++)
            {
                int row = ((i * outHeight + oy) * outWidth + ox) * size;
                int left = ox * strideWidth - padLeft;
                for (int ky = 0; ky < windowHeight; ky++)
                {
                    int iy = oy * strideHeight + ky - padTop, source = row + ky * run;
                    if (iy < 0 || iy >= height) continue;                                           // padding has no gradient
                    int start = ((n * height + iy) * width + left) * channels;
                    if (left >= 0 && left + windowWidth <= width) { AddRun(dcols, source, gradIn, start, run); continue; }
                    for (int kx = 0; kx < windowWidth; kx++)
                    {
                        int ix = left + kx;
                        if (ix < 0 || ix >= width) continue;
                        AddRun(dcols, source + kx * channels, gradIn, start + kx * channels, channels);
                    }
                }
            }
    }
    #endregion
}
