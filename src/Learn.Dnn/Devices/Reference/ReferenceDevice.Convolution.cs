namespace Learn.Dnn.Devices.Reference;

/// <summary>
/// Convolution and pooling (chapter 7) as the direct loops of their definitions, channels-last:
/// x: [N, H, W, C], kernel: [kh, kw, C, F], y: [N, OH, OW, F]. Output cell (oy, ox) with window
/// offset (ky, kx) reads input cell (oy·sh + ky − pt, ox·sw + kx − pl); outside the input is padding.
/// </summary>
public partial class ReferenceDevice
{
    #region conv2d
    /// <summary>y[n, oy, ox, f] = Σ_{ky, kx, c} x[n, iy, ix, c] · kernel[ky, kx, c, f], padding reading 0.</summary>
    public virtual void Conv2D(Window2D w, int filters, Storage x, Storage kernel, Storage y)
    {
        float[] input = Data(x), k = Data(kernel), output = Data(y);
        for (int n = 0; n < w.Batch; n++)
            for (int oy = 0; oy < w.OutHeight; oy++)
                for (int ox = 0; ox < w.OutWidth; ox++)
                    for (int f = 0; f < filters; f++)
                    {
                        float sum = 0f;
                        for (int ky = 0; ky < w.WindowHeight; ky++)
                            for (int kx = 0; kx < w.WindowWidth; kx++)
                            {
                                int iy = oy * w.StrideHeight + ky - w.PadTop, ix = ox * w.StrideWidth + kx - w.PadLeft;
                                if (iy < 0 || iy >= w.Height || ix < 0 || ix >= w.Width) continue;   // padding: 0 · k = 0
                                for (int c = 0; c < w.Channels; c++)
                                    sum += input[((n * w.Height + iy) * w.Width + ix) * w.Channels + c]
                                         * k[((ky * w.WindowWidth + kx) * w.Channels + c) * filters + f];
                            }
                        output[((n * w.OutHeight + oy) * w.OutWidth + ox) * filters + f] = sum;
                    }
    }
    #endregion

    #region conv2d-backward
    /// <summary>
    /// dx = Σ over the windows: each output cell's dy[n, oy, ox, f] flows back through kernel[ky, kx, c, f]
    /// to the input cell its window put under (ky, kx) — the forward loop with the assignment reversed.
    /// </summary>
    public virtual void Conv2DBackwardInput(Window2D w, int filters, Storage dy, Storage kernel, Storage dx)
    {
        float[] gradOut = Data(dy), k = Data(kernel), gradIn = Data(dx);
        Array.Clear(gradIn);
        for (int n = 0; n < w.Batch; n++)
            for (int oy = 0; oy < w.OutHeight; oy++)
                for (int ox = 0; ox < w.OutWidth; ox++)
                    for (int ky = 0; ky < w.WindowHeight; ky++)
                        for (int kx = 0; kx < w.WindowWidth; kx++)
                        {
                            int iy = oy * w.StrideHeight + ky - w.PadTop, ix = ox * w.StrideWidth + kx - w.PadLeft;
                            if (iy < 0 || iy >= w.Height || ix < 0 || ix >= w.Width) continue;   // padding has no gradient
                            for (int c = 0; c < w.Channels; c++)
                            {
                                float sum = 0f;
                                for (int f = 0; f < filters; f++)
                                    sum += gradOut[((n * w.OutHeight + oy) * w.OutWidth + ox) * filters + f]
                                         * k[((ky * w.WindowWidth + kx) * w.Channels + c) * filters + f];
                                gradIn[((n * w.Height + iy) * w.Width + ix) * w.Channels + c] += sum;
                            }
                        }
    }

    /// <summary>dKernel[ky, kx, c, f] = Σ_{n, oy, ox} x[n, iy, ix, c] · dy[n, oy, ox, f]: every place the weight was used.</summary>
    public virtual void Conv2DBackwardKernel(Window2D w, int filters, Storage x, Storage dy, Storage dKernel)
    {
        float[] input = Data(x), gradOut = Data(dy), gradK = Data(dKernel);
        for (int ky = 0; ky < w.WindowHeight; ky++)
            for (int kx = 0; kx < w.WindowWidth; kx++)
                for (int c = 0; c < w.Channels; c++)
                    for (int f = 0; f < filters; f++)
                    {
                        float sum = 0f;
                        for (int n = 0; n < w.Batch; n++)
                            for (int oy = 0; oy < w.OutHeight; oy++)
                                for (int ox = 0; ox < w.OutWidth; ox++)
                                {
                                    int iy = oy * w.StrideHeight + ky - w.PadTop, ix = ox * w.StrideWidth + kx - w.PadLeft;
                                    if (iy < 0 || iy >= w.Height || ix < 0 || ix >= w.Width) continue;
                                    sum += input[((n * w.Height + iy) * w.Width + ix) * w.Channels + c]
                                         * gradOut[((n * w.OutHeight + oy) * w.OutWidth + ox) * filters + f];
                                }
                        gradK[((ky * w.WindowWidth + kx) * w.Channels + c) * filters + f] = sum;
                    }
    }
    #endregion

    #region pool2d
    public virtual void Pool2D(PoolOp op, Window2D w, Storage x, Storage y)
    {
        float[] input = Data(x), output = Data(y);
        for (int n = 0; n < w.Batch; n++) Pool2DImage(op, w, input, output, n);
    }

    /// <summary>
    /// Image <paramref name="n"/> of the batch: max (padding is −∞, so it never wins) or mean over the
    /// window's cells inside the input (Keras' "same" average divides by their count, not by kh·kw).
    /// </summary>
    protected static void Pool2DImage(PoolOp op, Window2D w, float[] input, float[] output, int n)
    {
        for (int oy = 0; oy < w.OutHeight; oy++)
            for (int ox = 0; ox < w.OutWidth; ox++)
                for (int c = 0; c < w.Channels; c++)
                {
                    float max = float.NegativeInfinity, sum = 0f;
                    int count = 0;
                    for (int ky = 0; ky < w.WindowHeight; ky++)
                        for (int kx = 0; kx < w.WindowWidth; kx++)
                        {
                            int iy = oy * w.StrideHeight + ky - w.PadTop, ix = ox * w.StrideWidth + kx - w.PadLeft;
                            if (iy < 0 || iy >= w.Height || ix < 0 || ix >= w.Width) continue;
                            float v = input[((n * w.Height + iy) * w.Width + ix) * w.Channels + c];
                            max = MathF.Max(max, v);
                            sum += v;
                            count++;
                        }
                    output[((n * w.OutHeight + oy) * w.OutWidth + ox) * w.Channels + c] = op == PoolOp.Max ? max : sum / count;
                }
    }
    #endregion

    #region pool2d-backward
    public virtual void Pool2DBackward(PoolOp op, Window2D w, Storage x, Storage dy, Storage dx)
    {
        float[] input = Data(x), gradOut = Data(dy), gradIn = Data(dx);
        for (int n = 0; n < w.Batch; n++) Pool2DBackwardImage(op, w, input, gradOut, gradIn, n);
    }

    /// <summary>
    /// Image <paramref name="n"/>: each window's dy goes to its argmax — the first maximum in row-major
    /// window order (ky, then kx), so a tie sends the whole gradient to one cell, as Keras/TensorFlow do —
    /// or, for average, dy/count to each of its count non-padded cells. Overlapping windows add up.
    /// </summary>
    protected static void Pool2DBackwardImage(PoolOp op, Window2D w, float[] input, float[] gradOut, float[] gradIn, int n)
    {
        Array.Clear(gradIn, n * w.Height * w.Width * w.Channels, w.Height * w.Width * w.Channels);
        for (int oy = 0; oy < w.OutHeight; oy++)
            for (int ox = 0; ox < w.OutWidth; ox++)
                for (int c = 0; c < w.Channels; c++)
                {
                    float g = gradOut[((n * w.OutHeight + oy) * w.OutWidth + ox) * w.Channels + c];
                    float max = float.NegativeInfinity;
                    int argmax = -1, count = 0;
                    for (int ky = 0; ky < w.WindowHeight; ky++)
                        for (int kx = 0; kx < w.WindowWidth; kx++)
                        {
                            int iy = oy * w.StrideHeight + ky - w.PadTop, ix = ox * w.StrideWidth + kx - w.PadLeft;
                            if (iy < 0 || iy >= w.Height || ix < 0 || ix >= w.Width) continue;
                            int at = ((n * w.Height + iy) * w.Width + ix) * w.Channels + c;
                            if (argmax < 0 || input[at] > max) { max = input[at]; argmax = at; }   // strict >: the first maximum wins a tie
                            count++;
                        }
                    if (op == PoolOp.Max) { gradIn[argmax] += g; continue; }
                    for (int ky = 0; ky < w.WindowHeight; ky++)
                        for (int kx = 0; kx < w.WindowWidth; kx++)
                        {
                            int iy = oy * w.StrideHeight + ky - w.PadTop, ix = ox * w.StrideWidth + kx - w.PadLeft;
                            if (iy < 0 || iy >= w.Height || ix < 0 || ix >= w.Width) continue;
                            gradIn[((n * w.Height + iy) * w.Width + ix) * w.Channels + c] += g / count;
                        }
                }
    }
    #endregion
}
