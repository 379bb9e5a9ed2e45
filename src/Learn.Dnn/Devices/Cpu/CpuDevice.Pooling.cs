using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Learn.Dnn.Devices.Cpu;

/// <summary>
/// Pooling, fast (chapter 10). Channels-last puts the C channels of one pixel side by side, so
/// instead of the reference's loop over (channel, window cell) with a strided read per number, each
/// output pixel takes its window's cells (<see cref="WindowCells"/>) and works on
/// <c>Vector&lt;float&gt;.Count</c> channels at a time: y[n, oy, ox, c..c+7] = the max (or the mean) of
/// x[cell, c..c+7] over the cells. The numbers are combined in the reference's order, so the results
/// are bit for bit the reference's. Large batches: one image per task.
/// </summary>
public sealed partial class CpuDevice
{
    /// <summary>
    /// The offsets in x of the first channel of each cell of the window under output pixel (oy, ox) of
    /// image n that lies inside the image, in row-major window order (ky, then kx); returns their count.
    /// </summary>
    private static int WindowCells(Window2D w, int n, int oy, int ox, Span<int> cells)
    {
        int count = 0;
        for (int ky = 0; ky < w.WindowHeight; ky++)
            for (int kx = 0; kx < w.WindowWidth; kx++)
            {
                int iy = oy * w.StrideHeight + ky - w.PadTop, ix = ox * w.StrideWidth + kx - w.PadLeft;
                if (iy < 0 || iy >= w.Height || ix < 0 || ix >= w.Width) continue;   // padding
                cells[count++] = ((n * w.Height + iy) * w.Width + ix) * w.Channels;
            }
        return count;
    }

    /// <summary>Room for one window's cell offsets: on the stack unless the window is large.</summary>
    private static int[]? LargeWindow(Window2D w) => w.WindowHeight * w.WindowWidth > 256 ? new int[w.WindowHeight * w.WindowWidth] : null;

    #region pool2d
    public override void Pool2D(PoolOp op, Window2D w, Storage x, Storage y)
    {
        float[] input = Data(x), output = Data(y);
        ParallelFor(w.Batch, w.InputSize, n => PoolImage(op, w, input, output, n));
    }

    /// <summary>Image n: per output pixel, the max (from −∞) or the sum (from 0, then ÷ count) over its window's cells.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // optimised from its first call (chapter 10, "Warm up")
    private static void PoolImage(PoolOp op, Window2D w, float[] input, float[] output, int n)
    {
        int channels = w.Channels, lanes = Vector<float>.Count;
        Span<int> cells = LargeWindow(w) ?? stackalloc int[w.WindowHeight * w.WindowWidth];
        for (int oy = 0; oy < w.OutHeight; oy++)
            for (int ox = 0; ox < w.OutWidth; ox++)
            {
                var window = cells[..WindowCells(w, n, oy, ox, cells)];
                int pixel = ((n * w.OutHeight + oy) * w.OutWidth + ox) * channels, c = 0;
                for (; c <= channels - lanes; c += lanes)
                {
                    var result = new Vector<float>(op == PoolOp.Max ? float.NegativeInfinity : 0f);
                    foreach (int cell in window)
                    {
                        var v = new Vector<float>(input, cell + c);
                        result = op == PoolOp.Max ? Vector.Max(result, v) : result + v;
                    }
                    (op == PoolOp.Max ? result : result / window.Length).CopyTo(output, pixel + c);
                }
                // 4 channels at a time (a layer of 4 filters): the same loop with Vector128, written twice
                // because .NET has no public interface for "a SIMD vector of any width".
                for (; c <= channels - 4; c += 4)
                {
                    var result = Vector128.Create(op == PoolOp.Max ? float.NegativeInfinity : 0f);
                    foreach (int cell in window)
                    {
                        var v = Vector128.Create(input, cell + c);
                        result = op == PoolOp.Max ? Vector128.Max(result, v) : result + v;
                    }
                    (op == PoolOp.Max ? result : result / window.Length).CopyTo(output, pixel + c);
                }
                for (; c < channels; c++)   // the channels left over after whole vectors
                {
                    float max = float.NegativeInfinity, sum = 0f;
                    foreach (int cell in window) { max = MathF.Max(max, input[cell + c]); sum += input[cell + c]; }
                    output[pixel + c] = op == PoolOp.Max ? max : sum / window.Length;
                }
            }
    }
    #endregion

    public override void Pool2DBackward(PoolOp op, Window2D w, Storage x, Storage dy, Storage dx)
    {
        float[] input = Data(x), gradOut = Data(dy), gradIn = Data(dx);
        ParallelFor(w.Batch, w.InputSize, n =>
        {
            Array.Clear(gradIn, n * w.Height * w.Width * w.Channels, w.Height * w.Width * w.Channels);
            PoolBackwardImage(op, w, input, gradOut, gradIn, n);
        });
    }

    /// <summary>
    /// Image n: each output pixel's dy goes, channel by channel, to the cell of its window that holds the
    /// maximum (strict &gt; over the cells in window order: the first maximum wins a tie, as in the
    /// reference), or dy/count to each of its count cells for average pooling.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PoolBackwardImage(PoolOp op, Window2D w, float[] input, float[] gradOut, float[] gradIn, int n)
    {
        int channels = w.Channels, lanes = Vector<float>.Count;
        Span<int> cells = LargeWindow(w) ?? stackalloc int[w.WindowHeight * w.WindowWidth];
        for (int oy = 0; oy < w.OutHeight; oy++)
            for (int ox = 0; ox < w.OutWidth; ox++)
            {
                var window = cells[..WindowCells(w, n, oy, ox, cells)];
                int pixel = ((n * w.OutHeight + oy) * w.OutWidth + ox) * channels, c = 0;
                if (op == PoolOp.Average)
                {
                    for (; c < channels; c++)
                        foreach (int cell in window) gradIn[cell + c] += gradOut[pixel + c] / window.Length;
                    continue;
                }
                for (; c <= channels - lanes; c += lanes)
                {
                    var (best, winner) = (new Vector<float>(input, window[0] + c), new Vector<int>(window[0]));
                    foreach (int cell in window[1..])
                    {
                        var v = new Vector<float>(input, cell + c);
                        var greater = Vector.GreaterThan(v, best);
                        best = Vector.ConditionalSelect(greater, v, best);
                        winner = Vector.ConditionalSelect(greater, new Vector<int>(cell), winner);
                    }
                    for (int lane = 0; lane < lanes; lane++) gradIn[winner[lane] + c + lane] += gradOut[pixel + c + lane];
                }
                for (; c <= channels - 4; c += 4)   // 4 channels at a time, the same with Vector128
                {
                    var (best, winner) = (Vector128.Create(input, window[0] + c), Vector128.Create(window[0]));
                    foreach (int cell in window[1..])
                    {
                        var v = Vector128.Create(input, cell + c);
                        var greater = Vector128.GreaterThan(v, best);
                        best = Vector128.ConditionalSelect(greater, v, best);
                        winner = Vector128.ConditionalSelect(greater.AsInt32(), Vector128.Create(cell), winner);
                    }
                    for (int lane = 0; lane < 4; lane++) gradIn[winner[lane] + c + lane] += gradOut[pixel + c + lane];
                }
                for (; c < channels; c++)   // the channels left over after whole vectors
                {
                    int argmax = window[0];
                    foreach (int cell in window[1..]) if (input[cell + c] > input[argmax + c]) argmax = cell;
                    gradIn[argmax + c] += gradOut[pixel + c];
                }
            }
    }
}
