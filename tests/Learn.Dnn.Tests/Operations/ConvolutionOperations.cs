using Learn.Dnn.Convolution;

namespace Learn.Dnn.Tests.Operations;

/// <summary>
/// Chapter 7's operations for the registry: convolution and pooling on small random shapes (the
/// generated rows are the batch, 1 included; the columns grow the image), with stride 2, "same" and
/// "valid", 1×1 and non-square kernels. Their double references are the direct loops of the
/// definitions, written here again independently of the engine, with Keras' padding rule.
/// </summary>
public static class ConvolutionOperations
{
    public static readonly Operation[] All =
    [
        Conv("conv2d_3x2_valid", (r, c) => [new Shape(r, c + 2, 4, 2), new Shape(3, 2, 2, 3)], (1, 1), same: false),
        Conv("conv2d_3x3_same_stride2", (r, c) => [new Shape(r, c + 3, 5, 2), new Shape(3, 3, 2, 2)], (2, 2), same: true),
        Conv("conv2d_1x1", (r, c) => [new Shape(r, c, 3, 3), new Shape(1, 1, 3, 2)], (1, 1), same: false),
        Conv("conv2d_2x3_strides_2x1_valid", (r, c) => [new Shape(r, c + 3, 6, 1), new Shape(2, 3, 1, 2)], (2, 1), same: false),
        Conv("conv2d_2x3_strides_1x2_same", (r, c) => [new Shape(r, c + 1, 5, 2), new Shape(2, 3, 2, 2)], (1, 2), same: true),
        Pool("max_pool2d_2x2", max: true, (r, c) => [new Shape(r, c + 1, 4, 2)], (2, 2), (2, 2), same: false),
        Pool("max_pool2d_3x3_stride2_same", max: true, (r, c) => [new Shape(r, c + 2, 4, 2)], (3, 3), (2, 2), same: true),
        Pool("max_pool2d_2x2_stride1_same_overlapping", max: true, (r, c) => [new Shape(r, c + 1, 3, 1)], (2, 2), (1, 1), same: true),
        Pool("average_pool2d_2x2", max: false, (r, c) => [new Shape(r, c + 1, 4, 2)], (2, 2), (2, 2), same: false),
        Pool("average_pool2d_3x3_stride2_same", max: false, (r, c) => [new Shape(r, c + 2, 5, 2)], (3, 3), (2, 2), same: true),
        Pool("average_pool2d_2x1_stride1_same", max: false, (r, c) => [new Shape(r, c + 1, 3, 2)], (2, 1), (1, 1), same: true),
    ];

    private static Operation Conv(string name, Func<int, int, Shape[]> shapes, (int H, int W) strides, bool same) =>
        new(name, shapes, t => Tensor.Conv2D(t[0], t[1], strides, same ? "same" : "valid"),
            (v, s) => Conv2D(v[0], s[0], v[1], s[1], strides, same));

    private static Operation Pool(string name, bool max, Func<int, int, Shape[]> shapes, (int H, int W) size, (int H, int W) strides, bool same)
    {
        string padding = same ? "same" : "valid";
        Func<Tensor[], Tensor> apply = size.H == size.W && strides.H == strides.W
            ? (max ? t => t[0].MaxPool2D(size.H, strides.H, padding) : t => t[0].AveragePool2D(size.H, strides.H, padding))
            : t => (max ? new MaxPooling2D(size, strides, padding) : (Layers.Layer)new AveragePooling2D(size, strides, padding)).Call(t[0]);
        return new(name, shapes, apply, (v, s) => Pool2D(v[0], s[0], size, strides, same, max),
            // max: every window's largest value beats the next by more than the finite-difference step
            Valid: max ? (v, s) => WindowsHaveClearMaxima(v[0], s[0], size, strides, same) : null);
    }

    /// <summary>Keras: valid out = ⌊(in − k)/s⌋ + 1; same out = ⌈in/s⌉, padding before = max((out − 1)s + k − in, 0) / 2.</summary>
    public static (int Out, int Before) KerasAxis(int size, int k, int s, bool same)
    {
        if (!same) return ((size - k) / s + 1, 0);
        int output = (size + s - 1) / s;
        return (output, Math.Max((output - 1) * s + k - size, 0) / 2);
    }

    /// <summary>y[n, oy, ox, f] = Σ x[n, oy·sh + ky − pt, ox·sw + kx − pl, c] · k[ky, kx, c, f] in double.</summary>
    public static double[] Conv2D(double[] x, Shape xs, double[] k, Shape ks, (int H, int W) s, bool same)
    {
        int n = xs[0], h = xs[1], w = xs[2], c = xs[3], kh = ks[0], kw = ks[1], f = ks[3];
        var (oh, pt) = KerasAxis(h, kh, s.H, same);
        var (ow, pl) = KerasAxis(w, kw, s.W, same);
        var y = new double[n * oh * ow * f];
        for (int b = 0; b < n; b++)
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                    for (int o = 0; o < f; o++)
                    {
                        double sum = 0;
                        for (int ky = 0; ky < kh; ky++)
                            for (int kx = 0; kx < kw; kx++)
                                for (int i = 0; i < c; i++)
                                {
                                    int iy = oy * s.H + ky - pt, ix = ox * s.W + kx - pl;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                                        sum += x[((b * h + iy) * w + ix) * c + i] * k[((ky * kw + kx) * c + i) * f + o];
                                }
                        y[((b * oh + oy) * ow + ox) * f + o] = sum;
                    }
        return y;
    }

    /// <summary>The window's cells inside the image, for every output cell and channel.</summary>
    private static IEnumerable<(int Output, List<int> Cells)> Windows(Shape xs, (int H, int W) k, (int H, int W) s, bool same)
    {
        int n = xs[0], h = xs[1], w = xs[2], c = xs[3];
        var (oh, pt) = KerasAxis(h, k.H, s.H, same);
        var (ow, pl) = KerasAxis(w, k.W, s.W, same);
        for (int b = 0; b < n; b++)
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                    for (int i = 0; i < c; i++)
                    {
                        var cells = new List<int>();
                        for (int ky = 0; ky < k.H; ky++)
                            for (int kx = 0; kx < k.W; kx++)
                            {
                                int iy = oy * s.H + ky - pt, ix = ox * s.W + kx - pl;
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w) cells.Add(((b * h + iy) * w + ix) * c + i);
                            }
                        yield return (((b * oh + oy) * ow + ox) * c + i, cells);
                    }
    }

    public static double[] Pool2D(double[] x, Shape xs, (int H, int W) k, (int H, int W) s, bool same, bool max) =>
        Windows(xs, k, s, same).OrderBy(w => w.Output)
            .Select(w => max ? w.Cells.Max(i => x[i]) : w.Cells.Average(i => x[i])).ToArray();

    private static bool WindowsHaveClearMaxima(double[] x, Shape xs, (int H, int W) k, (int H, int W) s, bool same) =>
        Windows(xs, k, s, same).All(w =>
        {
            var sorted = w.Cells.Select(i => x[i]).OrderDescending().ToArray();
            return sorted.Length < 2 || sorted[0] - sorted[1] > 0.05;
        });
}
