namespace Learn.Dnn.Exercises.Ch07;

/// <summary>Chapter 7: convolution as a matrix product, by unrolling every window into a row.</summary>
public static class Im2Col
{
    /// <summary>
    /// Exercise ch07.im2col — the im2col matrix of one channels-last image x: [H, W, C] for a
    /// kh×kw window moved by <paramref name="stride"/> without padding ("valid"):
    /// OH = ⌊(H − kh)/stride⌋ + 1, OW likewise, and the result is [OH·OW, kh·kw·C] where row
    /// r = oy·OW + ox is the window under output (oy, ox), read in the kernel's order:
    /// column (ky·kw + kx)·C + c holds x[oy·stride + ky, ox·stride + kx, c].
    /// Then conv2d(x, K) = Matrix(x) · K reshaped to [kh·kw·C, F]. Throw an <see cref="ArgumentException"/>
    /// when the window is larger than the image.
    /// <para>Hint 1 (nudge): one row per output position, one column per kernel weight; the same input number appears in several rows when windows overlap.</para>
    /// <para>Hint 2 (formula): cols[oy·OW + ox, (ky·kw + kx)·C + c] = x[oy·s + ky, ox·s + kx, c].</para>
    /// <para>Hint 3 (code): for oy, ox, ky, kx, c: cols[oy * ow + ox, (ky * kw + kx) * channels + c] = image[oy * stride + ky, ox * stride + kx, c];</para>
    /// </summary>
    public static double[,] Matrix(double[,,] image, int kernelHeight, int kernelWidth, int stride)
    {
        // BEGIN SOLUTION ch07.im2col
        int height = image.GetLength(0), width = image.GetLength(1), channels = image.GetLength(2);
        if (kernelHeight > height || kernelWidth > width)
            throw new ArgumentException($"Im2Col: the window {kernelHeight}×{kernelWidth} is larger than the image {height}×{width}.");
        int outHeight = (height - kernelHeight) / stride + 1, outWidth = (width - kernelWidth) / stride + 1;
        var columns = new double[outHeight * outWidth, kernelHeight * kernelWidth * channels];
        for (int oy = 0; oy < outHeight; oy++)
            for (int ox = 0; ox < outWidth; ox++)
                for (int ky = 0; ky < kernelHeight; ky++)
                    for (int kx = 0; kx < kernelWidth; kx++)
                        for (int c = 0; c < channels; c++)
                            columns[oy * outWidth + ox, (ky * kernelWidth + kx) * channels + c] = image[oy * stride + ky, ox * stride + kx, c];
        return columns;
        // END SOLUTION
    }
}
