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
        // BEGIN YOUR CODE ch07.avgpool-op
        throw new NotImplementedException("ch07.avgpool-op: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
