namespace Learn.Dnn.Exercises.Ch07;

/// <summary>Chapter 7: where max pooling sends its gradient.</summary>
public static class MaxPooling
{
    /// <summary>
    /// Exercise ch07.maxpool-backward — the backward of max pooling over one channels-last image
    /// x: [H, W, C] with a poolSize×poolSize window moved by <paramref name="stride"/>, no padding:
    /// the forward output is y[oy, ox, c] = max of x[oy·stride + i, ox·stride + j, c] over the window, and
    /// dY: [OH, OW, C] is ∂L/∂y. Return dX = ∂L/∂x: [H, W, C]. Each window's gradient goes to the cell
    /// that holds its maximum, and only to it; when several cells tie, to the first in row-major window
    /// order (smallest i, then smallest j). When windows overlap (stride &lt; poolSize) a cell that is the
    /// maximum of several windows receives the sum of their gradients. Cells no window covers get 0.
    /// <para>Hint 1 (nudge): the max is a switch: only the winner influenced the output, so only the winner gets a share of dy, all of it.</para>
    /// <para>Hint 2 (formula): for each window: (i*, j*) = the first arg max; dX[oy·s + i*, ox·s + j*, c] += dY[oy, ox, c].</para>
    /// <para>Hint 3 (code): for oy, ox, c: { int bi = 0, bj = 0; for i, j: if (x[oy * s + i, ox * s + j, c] &gt; x[oy * s + bi, ox * s + bj, c]) (bi, bj) = (i, j); dx[oy * s + bi, ox * s + bj, c] += dY[oy, ox, c]; }</para>
    /// </summary>
    public static double[,,] Backward(double[,,] x, double[,,] dY, int poolSize, int stride)
    {
        // BEGIN SOLUTION ch07.maxpool-backward
        int height = x.GetLength(0), width = x.GetLength(1), channels = x.GetLength(2);
        int outHeight = (height - poolSize) / stride + 1, outWidth = (width - poolSize) / stride + 1;
        if (dY.GetLength(0) != outHeight || dY.GetLength(1) != outWidth || dY.GetLength(2) != channels)
            throw new ArgumentException($"MaxPooling.Backward: dY should be [{outHeight}, {outWidth}, {channels}], got [{dY.GetLength(0)}, {dY.GetLength(1)}, {dY.GetLength(2)}].");
        var dx = new double[height, width, channels];
        for (int oy = 0; oy < outHeight; oy++)
            for (int ox = 0; ox < outWidth; ox++)
                for (int c = 0; c < channels; c++)
                {
                    int bestI = 0, bestJ = 0;
                    for (int i = 0; i < poolSize; i++)
                        for (int j = 0; j < poolSize; j++)
                            if (x[oy * stride + i, ox * stride + j, c] > x[oy * stride + bestI, ox * stride + bestJ, c])   // strictly greater: the first tie wins
                                (bestI, bestJ) = (i, j);
                    dx[oy * stride + bestI, ox * stride + bestJ, c] += dY[oy, ox, c];   // += : overlapping windows add up
                }
        return dx;
        // END SOLUTION
    }
}
