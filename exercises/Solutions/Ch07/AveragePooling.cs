namespace Learn.Dnn.Exercises.Ch07;

/// <summary>Chapter 7, on the engine's tensors: a pooling operation with its backward.</summary>
public static class AveragePooling
{
    /// <summary>
    /// Exercise ch07.avgpool-op — average pooling as ONE tensor operation: x: [N, H, W, C], a p×p
    /// window moved by p (windows do not overlap), no padding: y: [N, ⌊H/p⌋, ⌊W/p⌋, C] with
    /// y[n, oy, ox, c] = (1/p²)·Σ_{i, j &lt; p} x[n, oy·p + i, ox·p + j, c]. Record it with
    /// <c>WithGradient("average_pool", [x], dY =&gt; x.AccumulateGrad(...))</c>: each cell of a window receives
    /// dY[n, oy, ox, c]/p², and the cells of the last rows or columns that no window covers receive 0.
    /// Throw an <see cref="ArgumentException"/> when x is not of rank 4 or p is larger than the image.
    /// <para>Hint 1 (nudge): every input cell of a window contributed the same 1/p² to the output, so the gradient is shared out equally.</para>
    /// <para>Hint 2 (formula): y = (1/p²)·Σ window; ∂L/∂x[n, oy·p + i, ox·p + j, c] = ∂L/∂y[n, oy, ox, c]/p².</para>
    /// <para>Hint 3 (code): index a flat array with ((n * H + iy) * W + ix) * C + c; forward: y[((n * oh + oy) * ow + ox) * C + c] += x[...] / (p * p); backward: dx[...] = g[((n * oh + oy) * ow + ox) * C + c] / (p * p); return Tensor.FromArray(y, new Shape(N, oh, ow, C)).WithGradient("average_pool", [x], dY =&gt; { ... x.AccumulateGrad(Tensor.FromArray(dx, x.Shape)); });</para>
    /// </summary>
    public static Tensor Forward(Tensor x, int poolSize)
    {
        // BEGIN SOLUTION ch07.avgpool-op
        if (x.Rank != 4) throw new ArgumentException($"AveragePooling: x must be [batch, height, width, channels], got {x.Shape}.");
        int batch = x.Shape[0], height = x.Shape[1], width = x.Shape[2], channels = x.Shape[3];
        if (poolSize <= 0 || poolSize > height || poolSize > width)
            throw new ArgumentException($"AveragePooling: the window {poolSize}×{poolSize} does not fit into {height}×{width} images.");
        int outHeight = height / poolSize, outWidth = width / poolSize;
        float share = 1f / (poolSize * poolSize);
        int In(int n, int iy, int ix, int c) => ((n * height + iy) * width + ix) * channels + c;
        int Out(int n, int oy, int ox, int c) => ((n * outHeight + oy) * outWidth + ox) * channels + c;

        var input = x.ToArray();
        var y = new float[batch * outHeight * outWidth * channels];
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < outHeight; oy++)
                for (int ox = 0; ox < outWidth; ox++)
                    for (int c = 0; c < channels; c++)
                    {
                        float sum = 0;
                        for (int i = 0; i < poolSize; i++)
                            for (int j = 0; j < poolSize; j++)
                                sum += input[In(n, oy * poolSize + i, ox * poolSize + j, c)];
                        y[Out(n, oy, ox, c)] = sum * share;                 // the mean of the window
                    }
        return Tensor.FromArray(y, new Shape(batch, outHeight, outWidth, channels)).WithGradient("average_pool", [x], dY =>
        {
            var g = dY.ToArray();
            var dx = new float[input.Length];                              // uncovered rows and columns stay 0
            for (int n = 0; n < batch; n++)
                for (int oy = 0; oy < outHeight; oy++)
                    for (int ox = 0; ox < outWidth; ox++)
                        for (int c = 0; c < channels; c++)
                            for (int i = 0; i < poolSize; i++)
                                for (int j = 0; j < poolSize; j++)
                                    dx[In(n, oy * poolSize + i, ox * poolSize + j, c)] = g[Out(n, oy, ox, c)] * share;   // dy/p² to each cell
            x.AccumulateGrad(Tensor.FromArray(dx, x.Shape));
        });
        // END SOLUTION
    }
}
