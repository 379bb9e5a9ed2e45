using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Learn.Dnn.Devices.Cpu;

/// <summary>
/// Convolution with few filters (F = 1 to 8), straight from the image, without im2col (chapter 10).
/// With so few filters im2col + GEMM is a bad trade: cols is kh·kw times the image, the product has
/// only F columns, too few for the packed micro-kernel's 16, and the copying costs more than the
/// multiplying. Here the F filters of an output pixel are F/4 SIMD vectors (Vector128), and the
/// window is read where it lies. Channels-last helps twice: one kernel row's kw·C numbers are side by
/// side in x, and so are their rows kernel[ky, kx, c, ·] in the kernel, so a kernel row is one run
/// j = 0 … kw·C − 1 through both.
/// <para>
/// Four neighbouring output pixels (along ox) go together: they share each kernel vector they load,
/// and their four sums are independent, so the processor overlaps their multiply-adds instead of
/// waiting for each one's result. A window that reaches into "same" padding reads the image from a
/// copy with the zeros written in, so that no loop needs a bounds test. Images go to the cores one at
/// a time (CpuDevice.ParallelFor.cs).
/// </para>
/// </summary>
public sealed partial class CpuDevice
{
    /// <summary>
    /// The convolutions computed here rather than by im2col + GEMM: 1 to 8 filters. 4 and 8 are whole vectors
    /// of 4; the others are widened to whole vectors (see <see cref="Widen"/>): LeNet's 6 filters run as 8.
    /// With 16 filters and more the GEMM path was faster (conv-timing primitives, RESULTS.md).
    /// </summary>
    internal static bool IsNarrow(int filters) => filters is >= 1 and <= 8;

    /// <summary>Filters rounded up to whole vectors of 4: 1–3 → 4, 5–7 → 8.</summary>
    private static int WholeVectors(int filters) => (filters + 3) / 4 * 4;

    /// <summary>Whether every window lies inside the image ("valid", or "same" that needed no padding).</summary>
    private static bool WindowsInside(Window2D w) => w.PadTop == 0 && w.PadLeft == 0
        && (w.OutHeight - 1) * w.StrideHeight + w.WindowHeight <= w.Height
        && (w.OutWidth - 1) * w.StrideWidth + w.WindowWidth <= w.Width;

    /// <summary>One image with its padding made real: [1, Hp, Wp, C], every window inside it.</summary>
    private static Window2D PaddedImage(Window2D w) => w with
    {
        Batch = 1, PadTop = 0, PadLeft = 0,
        Height = Math.Max(w.PadTop + w.Height, (w.OutHeight - 1) * w.StrideHeight + w.WindowHeight),
        Width = Math.Max(w.PadLeft + w.Width, (w.OutWidth - 1) * w.StrideWidth + w.WindowWidth),
    };

    /// <summary>padded[PadTop + iy, PadLeft + ix, ·] = x[n, iy, ix, ·], zeros around it.</summary>
    private static void CopyIntoPadding(Window2D w, Window2D padded, float[] x, int n, float[] image)
    {
        Array.Clear(image, 0, padded.Height * padded.Width * w.Channels);
        int row = w.Width * w.Channels;
        for (int iy = 0; iy < w.Height; iy++)
            Array.Copy(x, (n * w.Height + iy) * row, image, ((w.PadTop + iy) * padded.Width + w.PadLeft) * w.Channels, row);
    }

    /// <summary>The image's first output pixels of a group of four along ox: the last group repeats the row's last pixel to fill up.</summary>
    private static (int P0, int P1, int P2, int P3) FourPixels(int ox, int outWidth) =>
        (ox, Math.Min(ox + 1, outWidth - 1), Math.Min(ox + 2, outWidth - 1), Math.Min(ox + 3, outWidth - 1));

    #region narrow-conv2d
    /// <summary>
    /// y = x ∗ kernel for filters in whole vectors of 4, image by image; a window that reaches into
    /// "same" padding reads a padded copy of its image.
    /// </summary>
    internal void NarrowConv2D(Window2D w, int filters, float[] x, float[] kernel, float[] y)
    {
        bool inside = WindowsInside(w);
        var g = inside ? w : PaddedImage(w);
        ParallelFor(w.Batch, (long)w.Positions * w.WindowSize * filters, n =>
        {
            if (inside)
            {
                ConvolveImage(g, filters, x, n * w.Height * w.Width * w.Channels, kernel, y, n);
                return;
            }
            float[] image = pool.Rent(g.Height * g.Width * g.Channels, zeroed: false);
            CopyIntoPadding(w, g, x, n, image);
            ConvolveImage(g, filters, image, 0, kernel, y, n);
            pool.Return(image);
        });
    }

    /// <summary>
    /// y[n, oy, ox, f … f+3] = Σ_{ky, j} x[image, oy·sh + ky, ox·sw·C + j] · kernel[ky, j, f … f+3]:
    /// the image at x[at …] (its windows inside it), j over a kernel row's kw·C numbers,
    /// four pixels ox at a time.
    /// </summary>
    // Optimised from its first call (chapter 10, "Warm up").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ConvolveImage(Window2D g, int filters, float[] x, int at,
                                      float[] kernel, float[] y, int n)
    {
        int run = g.WindowWidth * g.Channels;     // one kernel row's numbers
        int xRow = g.Width * g.Channels;          // one row of the image
        int step = g.StrideWidth * g.Channels;    // from one window to the next along ox
        for (int oy = 0; oy < g.OutHeight; oy++)
            for (int ox = 0; ox < g.OutWidth; ox += 4)
            {
                var (p0, p1, p2, p3) = FourPixels(ox, g.OutWidth);
                int top = at + oy * g.StrideHeight * xRow;   // x[image, oy·sh, 0, 0]
                for (int f = 0; f < filters; f += 4)
                {
                    Vector128<float> s0 = default, s1 = default, s2 = default, s3 = default;
                    for (int ky = 0; ky < g.WindowHeight; ky++)
                    {
                        int row = top + ky * xRow, kAt = ky * run * filters + f;
                        int x0 = row + p0 * step, x1 = row + p1 * step;
                        int x2 = row + p2 * step, x3 = row + p3 * step;
                        for (int j = 0; j < run; j++)
                        {
                            var k = Vector128.Create(kernel, kAt + j * filters);   // kernel[ky, j, f…]
                            s0 = Vector128.FusedMultiplyAdd(Vector128.Create(x[x0 + j]), k, s0);
                            s1 = Vector128.FusedMultiplyAdd(Vector128.Create(x[x1 + j]), k, s1);
                            s2 = Vector128.FusedMultiplyAdd(Vector128.Create(x[x2 + j]), k, s2);
                            s3 = Vector128.FusedMultiplyAdd(Vector128.Create(x[x3 + j]), k, s3);
                        }
                    }
                    int pixel = (n * g.OutHeight + oy) * g.OutWidth;
                    s0.CopyTo(y, (pixel + p0) * filters + f);
                    s1.CopyTo(y, (pixel + p1) * filters + f);
                    s2.CopyTo(y, (pixel + p2) * filters + f);
                    s3.CopyTo(y, (pixel + p3) * filters + f);
                }
            }
    }
    #endregion

    /// <summary>
    /// dKernel = Σ over images. The batch is cut into one range of images per core; each range adds into
    /// a partial sum of its own, and the partial sums are added at the end: the same ranges every time,
    /// so the same numbers every time, whichever core runs which range.
    /// </summary>
    internal void NarrowConv2DBackwardKernel(Window2D w, int filters, float[] x, float[] dy, float[] dKernel)
    {
        bool inside = WindowsInside(w);
        var g = inside ? w : PaddedImage(w);
        int parts = Math.Min(w.Batch, WorkerPool.Shared.Parts), size = w.WindowSize * filters;
        float[] partials = pool.Rent(parts * size, zeroed: true);
        ParallelFor(parts, (long)w.Positions * w.WindowSize * filters, part =>
        {
            float[]? image = inside ? null : pool.Rent(g.Height * g.Width * g.Channels, zeroed: false);
            for (int n = part * w.Batch / parts; n < (part + 1) * w.Batch / parts; n++)
            {
                if (image is null)
                {
                    int at = n * w.Height * w.Width * w.Channels;   // x[n, 0, 0, 0]
                    AddKernelGradient(g, filters, x, at, dy, n, partials, part * size);
                    continue;
                }
                CopyIntoPadding(w, g, x, n, image);
                AddKernelGradient(g, filters, image, 0, dy, n, partials, part * size);
            }
            if (image is not null) pool.Return(image);
        });
        Array.Clear(dKernel);
        for (int part = 0; part < parts; part++)
            TensorPrimitives.Add(dKernel, partials.AsSpan(part * size, size), dKernel);
        pool.Return(partials);
    }

    /// <summary>
    /// partial[ky, j, f … f+3] += Σ_ox x[image, oy·sh + ky, ox·sw·C + j] · dy[n, oy, ox, f … f+3] over the
    /// image's output pixels, four at a time (a group's repeated last pixel counts with dy = 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // optimised from its first call (chapter 10, "Warm up")
    private static void AddKernelGradient(Window2D g, int filters, float[] x, int at, float[] dy, int n,
                                          float[] partial, int partialAt)
    {
        int run = g.WindowWidth * g.Channels, xRow = g.Width * g.Channels, step = g.StrideWidth * g.Channels;
        for (int oy = 0; oy < g.OutHeight; oy++)
            for (int ox = 0; ox < g.OutWidth; ox += 4)
            {
                var (p0, p1, p2, p3) = FourPixels(ox, g.OutWidth);
                int top = at + oy * g.StrideHeight * xRow, pixel = (n * g.OutHeight + oy) * g.OutWidth;
                for (int f = 0; f < filters; f += 4)
                {
                    var d0 = Vector128.Create(dy, (pixel + p0) * filters + f);
                    var d1 = ox + 1 < g.OutWidth ? Vector128.Create(dy, (pixel + p1) * filters + f) : default;
                    var d2 = ox + 2 < g.OutWidth ? Vector128.Create(dy, (pixel + p2) * filters + f) : default;
                    var d3 = ox + 3 < g.OutWidth ? Vector128.Create(dy, (pixel + p3) * filters + f) : default;
                    for (int ky = 0; ky < g.WindowHeight; ky++)
                    {
                        int row = top + ky * xRow, kAt = partialAt + ky * run * filters + f;
                        int x0 = row + p0 * step, x1 = row + p1 * step;
                        int x2 = row + p2 * step, x3 = row + p3 * step;
                        for (int j = 0; j < run; j++)
                        {
                            var sum = Vector128.Create(partial, kAt + j * filters);
                            sum = Vector128.FusedMultiplyAdd(Vector128.Create(x[x0 + j]), d0, sum);
                            sum = Vector128.FusedMultiplyAdd(Vector128.Create(x[x1 + j]), d1, sum);
                            sum = Vector128.FusedMultiplyAdd(Vector128.Create(x[x2 + j]), d2, sum);
                            sum = Vector128.FusedMultiplyAdd(Vector128.Create(x[x3 + j]), d3, sum);
                            sum.CopyTo(partial, kAt + j * filters);
                        }
                    }
                }
            }
    }

    /// <summary>
    /// dx[n, iy, ix, c … c+3] += Σ_f dy[n, oy, ox, f] · kernel[ky, kx, c … c+3, f] for every window cell
    /// (ky, kx) that output pixel (oy, ox) put on (iy, ix). The channels are the vector here, so the kernel
    /// is first transposed to kernelᵀ[ky, kx, f, c], whose c … c+3 are side by side. Needs C a multiple of 4.
    /// With padding, the gradient goes into a padded image first, and its inside is copied out.
    /// </summary>
    internal void NarrowConv2DBackwardInput(Window2D w, int filters, float[] dy, float[] kernel, float[] dx)
    {
        int channels = w.Channels, cells = w.WindowHeight * w.WindowWidth;
        float[] transposed = pool.Rent(kernel.Length, zeroed: false);
        for (int cell = 0; cell < cells; cell++)
            for (int c = 0; c < channels; c++)
                for (int f = 0; f < filters; f++)
                    transposed[(cell * filters + f) * channels + c] = kernel[(cell * channels + c) * filters + f];
        bool inside = WindowsInside(w);
        var g = inside ? w : PaddedImage(w);
        ParallelFor(w.Batch, (long)w.Positions * w.WindowSize * filters, n =>
        {
            int size = w.Height * w.Width * channels;
            if (inside)
            {
                Array.Clear(dx, n * size, size);
                AddInputGradient(g, filters, dy, n, transposed, dx, n * size);
                return;
            }
            float[] image = pool.Rent(g.Height * g.Width * channels, zeroed: true);
            AddInputGradient(g, filters, dy, n, transposed, image, 0);
            int row = w.Width * channels;
            for (int iy = 0; iy < w.Height; iy++)
                Array.Copy(image, ((w.PadTop + iy) * g.Width + w.PadLeft) * channels, dx, (n * w.Height + iy) * row, row);
            pool.Return(image);
        });
        pool.Return(transposed);
    }

    /// <summary>
    /// The image at dx[at …] (windows inside it) gets, from each output pixel of image n and each window cell
    /// (ky, kx), Σ_f dy[n, oy, ox, f] · kernelᵀ[ky, kx, f, c … c+3]: four partial sums over f (f mod 4), so the
    /// multiply-adds need not wait for each other, added at the end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // optimised from its first call (chapter 10, "Warm up")
    private static void AddInputGradient(Window2D g, int filters, float[] dy, int n, float[] transposed, float[] dx, int at)
    {
        int channels = g.Channels, xRow = g.Width * channels;
        for (int oy = 0; oy < g.OutHeight; oy++)
            for (int ox = 0; ox < g.OutWidth; ox++)
            {
                int pixel = ((n * g.OutHeight + oy) * g.OutWidth + ox) * filters;
                int corner = at + oy * g.StrideHeight * xRow + ox * g.StrideWidth * channels;   // dx[image, oy·sh, ox·sw, 0]
                for (int ky = 0; ky < g.WindowHeight; ky++)
                    for (int kx = 0; kx < g.WindowWidth; kx++)
                    {
                        int cellAt = corner + ky * xRow + kx * channels, kAt = (ky * g.WindowWidth + kx) * filters * channels;
                        for (int c = 0; c < channels; c += 4)
                        {
                            Vector128<float> s0 = Vector128.Create(dx, cellAt + c), s1 = default, s2 = default, s3 = default;
                            for (int f = 0; f < filters; f += 4)
                            {
                                int d = pixel + f, t = kAt + f * channels + c;   // dy[n, oy, ox, f], kernelᵀ[ky, kx, f, c]
                                s0 = Vector128.FusedMultiplyAdd(Vector128.Create(dy[d]), Vector128.Create(transposed, t), s0);
                                t += channels;
                                s1 = Vector128.FusedMultiplyAdd(Vector128.Create(dy[d + 1]), Vector128.Create(transposed, t), s1);
                                t += channels;
                                s2 = Vector128.FusedMultiplyAdd(Vector128.Create(dy[d + 2]), Vector128.Create(transposed, t), s2);
                                t += channels;
                                s3 = Vector128.FusedMultiplyAdd(Vector128.Create(dy[d + 3]), Vector128.Create(transposed, t), s3);
                            }
                            (s0 + s1 + (s2 + s3)).CopyTo(dx, cellAt + c);
                        }
                    }
            }
    }

    // Filters that are not whole vectors. The kernel gets zero filters up to the next multiple of 4, and
    // dy zero gradients for them. A zero filter computes zeros and a zero gradient adds nothing, so the
    // first F columns of each result are exactly those of the F real filters, summed in the same order.

    /// <summary>y = x ∗ kernel for 1–8 filters: whole vectors as they are, the others widened.</summary>
    internal void WidenedConv2D(Window2D w, int filters, float[] x, float[] kernel, float[] y)
    {
        int wide = WholeVectors(filters);
        if (wide == filters) { NarrowConv2D(w, filters, x, kernel, y); return; }
        float[] wideKernel = Widen(kernel, w.WindowSize, filters, wide);
        float[] wideY = pool.Rent(w.Positions * wide, zeroed: false);
        NarrowConv2D(w, wide, x, wideKernel, wideY);
        pool.Return(wideKernel);
        TakeFirstColumns(wideY, w.Positions, wide, y, filters);
    }

    /// <summary>dKernel for 1–8 filters: dy widened with zero columns, then the real filters' rows of the result.</summary>
    internal void WidenedConv2DBackwardKernel(Window2D w, int filters, float[] x, float[] dy, float[] dKernel)
    {
        int wide = WholeVectors(filters);
        if (wide == filters) { NarrowConv2DBackwardKernel(w, filters, x, dy, dKernel); return; }
        float[] wideDy = Widen(dy, w.Positions, filters, wide);
        float[] wideDKernel = pool.Rent(w.WindowSize * wide, zeroed: false);
        NarrowConv2DBackwardKernel(w, wide, x, wideDy, wideDKernel);
        pool.Return(wideDy);
        TakeFirstColumns(wideDKernel, w.WindowSize, wide, dKernel, filters);
    }

    /// <summary>dx for 1–8 filters (C a multiple of 4): the zero filters' zero gradients add nothing to dx.</summary>
    internal void WidenedConv2DBackwardInput(Window2D w, int filters, float[] dy, float[] kernel, float[] dx)
    {
        int wide = WholeVectors(filters);
        if (wide == filters) { NarrowConv2DBackwardInput(w, filters, dy, kernel, dx); return; }
        float[] wideDy = Widen(dy, w.Positions, filters, wide), wideKernel = Widen(kernel, w.WindowSize, filters, wide);
        NarrowConv2DBackwardInput(w, wide, wideDy, wideKernel, dx);
        pool.Return(wideDy);
        pool.Return(wideKernel);
    }

    /// <summary>wide[r, 0 … F) = a[r, ·] and wide[r, F … wideF) = 0 for each row r of a: [rows, F], from the pool.</summary>
    private float[] Widen(float[] a, int rows, int filters, int wideFilters)
    {
        float[] wide = pool.Rent(rows * wideFilters, zeroed: true);
        CopyColumns(a, filters, 0, wide, wideFilters, 0, rows, filters, accumulate: false);
        return wide;
    }

    /// <summary>a[r, ·] = wide[r, 0 … F) for each row r; the wide array goes back to the pool.</summary>
    private void TakeFirstColumns(float[] wide, int rows, int wideFilters, float[] a, int filters)
    {
        CopyColumns(wide, wideFilters, 0, a, filters, 0, rows, filters, accumulate: false);
        pool.Return(wide);
    }
}
