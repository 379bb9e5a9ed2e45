using Learn.Dnn.Devices;

namespace Learn.Dnn;

/// <summary>Adds 2-D convolution to Tensor (chapter 7): channels-last, with its backward beside it.</summary>
public sealed partial class Tensor
{
    #region conv2d
    /// <summary>
    /// y[n, oy, ox, f] = Σ_{ky, kx, c} x[n, oy·s + ky − pt, ox·s + kx − pl, c] · kernel[ky, kx, c, f]:
    /// each output number is the dot product of one filter with the window of the input under it.
    /// x: [N, H, W, C], kernel: [kh, kw, C, F] → y: [N, OH, OW, F]; padding "valid" (none) or "same" (Keras' rule).
    /// </summary>
    [Chapter(7)]
    public static Tensor Conv2D(Tensor x, Tensor kernel, int strides = 1, string padding = "valid") =>
        Conv2D(x, kernel, (strides, strides), Window2D.ParsePadding(padding, "Conv2D"), "Conv2D");

    /// <summary>Conv2D with different strides along the height and the width.</summary>
    [Chapter(7)]
    public static Tensor Conv2D(Tensor x, Tensor kernel, (int Height, int Width) strides, string padding = "valid") =>
        Conv2D(x, kernel, strides, Window2D.ParsePadding(padding, "Conv2D"), "Conv2D");

    /// <summary>The operation, with <paramref name="who"/> (the layer, when a layer calls it) in every error message.</summary>
    internal static Tensor Conv2D(Tensor x, Tensor kernel, (int Height, int Width) strides, Padding padding, string who)
    {
        var w = ConvolutionWindow(x, kernel, strides, padding, who);
        RequireSameDevice(who, x, kernel);
        int filters = kernel.Shape[3];
        var y = Empty(new Shape(w.Batch, w.OutHeight, w.OutWidth, filters), x.Device);   // every cell is written
        x.Device.Conv2D(w, filters, x.Storage, kernel.Storage, y.Storage);
        return y.WithGradient("conv2d", [x, kernel], dY =>
        {
            if (x.RequiresGrad)        // ∂L/∂x: each dy flows back through the weights to the cells its window read
            {
                var dx = Empty(x.Shape, x.Device);   // every cell is written (0 where no window reached)
                x.Device.Conv2DBackwardInput(w, filters, dY.Storage, kernel.Storage, dx.Storage);
                x.AccumulateFreshGrad(dx);
            }
            if (kernel.RequiresGrad)   // ∂L/∂kernel[ky, kx, c, f] = Σ over every position of x-under-(ky, kx) · dy
            {
                var dKernel = Zeros(kernel.Shape, kernel.Device);
                x.Device.Conv2DBackwardKernel(w, filters, x.Storage, dY.Storage, dKernel.Storage);
                kernel.AccumulateFreshGrad(dKernel);
            }
        });
    }
    #endregion

    /// <summary>The window of a convolution, after checking the shapes: ranks, channels, a kernel that fits.</summary>
    private static Window2D ConvolutionWindow(Tensor x, Tensor kernel, (int Height, int Width) strides, Padding padding, string who)
    {
        RequireImages(x, who);
        if (kernel.Rank != 4)
            throw new ShapeMismatchException($"{who}: the kernel must be [kernel height, kernel width, channels, filters], got {kernel.Shape}.");
        if (kernel.Shape[2] != x.Shape[3])
            throw new ShapeMismatchException(
                $"{who}: the input {x.Shape} has {x.Shape[3]} channels but the kernel {kernel.Shape} expects {kernel.Shape[2]}.");
        return Window(x, (kernel.Shape[0], kernel.Shape[1]), strides, padding, who, "kernel");
    }

    /// <summary>Throws unless <paramref name="x"/> is a batch of channels-last images.</summary>
    internal static void RequireImages(Tensor x, string who)
    {
        if (x.Rank != 4)
            throw new ShapeMismatchException($"{who} expects [batch, height, width, channels], got {x.Shape}.");
    }

    /// <summary>The geometry of a window over x: [N, H, W, C]; throws when it does not fit into the (padded) input.</summary>
    internal static Window2D Window(Tensor x, (int Height, int Width) size, (int Height, int Width) strides, Padding padding, string who, string what)
    {
        if (strides.Height <= 0 || strides.Width <= 0)
            throw new ArgumentOutOfRangeException(nameof(strides), $"{who}: strides must be positive, got {strides.Height}×{strides.Width}.");
        var w = Window2D.Create(x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3], size.Height, size.Width, strides.Height, strides.Width, padding);
        if (w.OutHeight == 0 || w.OutWidth == 0)
            throw new ShapeMismatchException(
                $"{who}: the {what} {size.Height}×{size.Width} is larger than the input {x.Shape}, whose images are " +
                $"{x.Shape[1]}×{x.Shape[2]} with padding \"{padding.ToString().ToLowerInvariant()}\"; " +
                "use a smaller window, padding \"same\", or larger images.");
        return w;
    }
}
