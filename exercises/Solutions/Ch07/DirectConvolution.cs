namespace Learn.Dnn.Exercises.Ch07;

/// <summary>Chapter 7: a convolution layer's forward pass as the loop of its definition.</summary>
public static class DirectConvolution
{
    /// <summary>
    /// Exercise ch07.conv-forward — y = conv2d(x, K) + b for one channels-last image x: [H, W, C],
    /// kernel K: [kh, kw, C, F] and bias b: [F], with Keras' padding: "valid" (none) or "same"
    /// (OH = ⌈H/stride⌉, padded with zeros, PadTop = ⌊total/2⌋ and the odd row at the bottom; the same for the width).
    /// y[oy, ox, f] = b[f] + Σ_{ky, kx, c} x[oy·stride + ky − PadTop, ox·stride + kx − PadLeft, c]·K[ky, kx, c, f],
    /// where a cell outside the image counts as 0. Returns y: [OH, OW, F]. Throw an
    /// <see cref="ArgumentException"/> when K's channels differ from x's, or b's length from F.
    /// <para>Hint 1 (nudge): every output number is one dot product of a filter with the window under it; padding is only a question of which input cells exist.</para>
    /// <para>Hint 2 (formula): iy = oy·s + ky − padTop, ix = ox·s + kx − padLeft; skip the term when iy ∉ [0, H) or ix ∉ [0, W); same: out = ⌈n/s⌉, total = max((out − 1)·s + k − n, 0), padTop = ⌊total/2⌋.</para>
    /// <para>Hint 3 (code): for oy, ox, f: double sum = bias[f]; for ky, kx, c: { int iy = oy * stride + ky - padTop, ix = ox * stride + kx - padLeft; if (iy &gt;= 0 &amp;&amp; iy &lt; h &amp;&amp; ix &gt;= 0 &amp;&amp; ix &lt; w) sum += image[iy, ix, c] * kernel[ky, kx, c, f]; } y[oy, ox, f] = sum;</para>
    /// </summary>
    public static double[,,] Forward(double[,,] image, double[,,,] kernel, double[] bias, int stride, string padding)
    {
        // BEGIN SOLUTION ch07.conv-forward
        int height = image.GetLength(0), width = image.GetLength(1), channels = image.GetLength(2);
        int kh = kernel.GetLength(0), kw = kernel.GetLength(1), filters = kernel.GetLength(3);
        if (kernel.GetLength(2) != channels)
            throw new ArgumentException($"DirectConvolution: the image has {channels} channels but the kernel expects {kernel.GetLength(2)}.");
        if (bias.Length != filters)
            throw new ArgumentException($"DirectConvolution: {filters} filters but {bias.Length} biases.");

        (int Out, int PadBefore) Axis(int n, int k)
        {
            if (padding == "valid") return (n < k ? 0 : (n - k) / stride + 1, 0);
            if (padding != "same") throw new ArgumentException($"DirectConvolution: padding must be \"valid\" or \"same\", got \"{padding}\".");
            int output = (n + stride - 1) / stride;
            return (output, Math.Max((output - 1) * stride + k - n, 0) / 2);
        }
        var (outHeight, padTop) = Axis(height, kh);
        var (outWidth, padLeft) = Axis(width, kw);

        var y = new double[outHeight, outWidth, filters];
        for (int oy = 0; oy < outHeight; oy++)
            for (int ox = 0; ox < outWidth; ox++)
                for (int f = 0; f < filters; f++)
                {
                    double sum = bias[f];
                    for (int ky = 0; ky < kh; ky++)
                    {
                        int iy = oy * stride + ky - padTop;
                        if (iy < 0 || iy >= height) continue;                 // a padding row: zeros
                        for (int kx = 0; kx < kw; kx++)
                        {
                            int ix = ox * stride + kx - padLeft;
                            if (ix < 0 || ix >= width) continue;
                            for (int c = 0; c < channels; c++)
                                sum += image[iy, ix, c] * kernel[ky, kx, c, f];
                        }
                    }
                    y[oy, ox, f] = sum;
                }
        return y;
        // END SOLUTION
    }
}
