namespace Learn.Dnn.Devices;

// In Devices/ because the devices' window primitives (Im2Col, Conv2D, Pool2D) take it; the layers of Convolution/, higher up, use it from here.

/// <summary>
/// Where a 2-D window (a convolution's kernel, a pooling window) goes over a batch of channels-last
/// images. Input: [Batch, Height, Width, Channels]. The window, [WindowHeight, WindowWidth], moves by
/// StrideHeight rows and StrideWidth columns over the input padded with PadTop rows above and PadLeft
/// columns on the left; output: [Batch, OutHeight, OutWidth, ·]. Output cell (oy, ox) and window
/// offset (ky, kx) read input row iy = oy·sh + ky − PadTop and column ix = ox·sw + kx − PadLeft;
/// a cell outside the input is padding.
/// </summary>
[Chapter(7)]
public readonly record struct Window2D(
    int Batch, int Height, int Width, int Channels,
    int WindowHeight, int WindowWidth, int StrideHeight, int StrideWidth,
    int PadTop, int PadLeft, int OutHeight, int OutWidth)
{
    /// <summary>The geometry of a window over input [batch, height, width, channels] with Keras' padding rule.</summary>
    public static Window2D Create(int batch, int height, int width, int channels,
                                  int windowHeight, int windowWidth, int strideHeight, int strideWidth, Padding padding)
    {
        if (windowHeight <= 0 || windowWidth <= 0 || strideHeight <= 0 || strideWidth <= 0)
            throw new ArgumentOutOfRangeException(nameof(windowHeight),
                $"Window2D: window {windowHeight}×{windowWidth} and strides {strideHeight}×{strideWidth} must be positive.");
        var (outHeight, padTop) = Axis(height, windowHeight, strideHeight, padding);
        var (outWidth, padLeft) = Axis(width, windowWidth, strideWidth, padding);
        return new(batch, height, width, channels, windowHeight, windowWidth, strideHeight, strideWidth,
                   padTop, padLeft, outHeight, outWidth);
    }

    #region output-size
    /// <summary>
    /// One axis, as Keras computes it. Valid: out = ⌊(in − k)/s⌋ + 1 (0 when the window does not fit),
    /// no padding. Same: out = ⌈in/s⌉; total padding = max((out − 1)·s + k − in, 0); before = total/2,
    /// so an odd pixel of padding goes after (bottom/right).
    /// </summary>
    public static (int Out, int PadBefore) Axis(int size, int window, int stride, Padding padding)
    {
        if (padding == Padding.Valid)
            return (size < window ? 0 : (size - window) / stride + 1, 0);
        int output = (size + stride - 1) / stride;
        int total = Math.Max((output - 1) * stride + window - size, 0);
        return (output, total / 2);
    }
    #endregion

    /// <summary>Keras' names "valid" and "same" (any case).</summary>
    public static Padding ParsePadding(string padding, string who) => padding?.ToLowerInvariant() switch
    {
        "valid" => Padding.Valid,
        "same" => Padding.Same,
        _ => throw new ArgumentException($"{who}: padding must be \"valid\" or \"same\", got \"{padding}\"."),
    };

    /// <summary>Output positions, Batch·OutHeight·OutWidth: the rows of the im2col matrix.</summary>
    public int Positions => Batch * OutHeight * OutWidth;

    /// <summary>Numbers under one window, WindowHeight·WindowWidth·Channels: the columns of the im2col matrix.</summary>
    public int WindowSize => WindowHeight * WindowWidth * Channels;

    /// <summary>Batch·Height·Width·Channels.</summary>
    public int InputSize => Batch * Height * Width * Channels;

    /// <summary>Whether the window is one cell moved one cell at a time without padding: then im2col is the input itself.</summary>
    public bool IsPointwise => WindowHeight == 1 && WindowWidth == 1 && StrideHeight == 1 && StrideWidth == 1 && PadTop == 0 && PadLeft == 0;
}
