using Learn.Dnn.Devices;
using Learn.Dnn.Devices.OpenCL.Native;

namespace Learn.Dnn.Devices.OpenCL;

/// <summary>
/// Convolution as im2col + GEMM, and pooling as direct kernels (Kernels/convolution.cl). The unrolled
/// matrix cols: [N·OH·OW, kh·kw·C] lives in a temporary buffer from the pool; then
/// y = cols · kernel, dKernel = colsᵀ · dy, and dx = col2im(dy · kernelᵀ), all on the device's GEMM.
/// </summary>
public sealed partial class OpenClDevice
{
    #region conv2d
    public void Conv2D(Window2D w, int filters, Storage x, Storage kernel, Storage y)
    {
        var X = Buffer(x, "Conv2D (x)", w.InputSize);
        using var cols = Im2Col(w, X);
        Gemm(false, false, w.Positions, filters, w.WindowSize, 1f, cols, Buffer(kernel, "Conv2D (kernel)", w.WindowSize * filters), 0f,
             Buffer(y, "Conv2D (y)", w.Positions * filters));
    }

    public void Conv2DBackwardInput(Window2D w, int filters, Storage dy, Storage kernel, Storage dx)
    {
        using var dcols = Rent(w.Positions * w.WindowSize);
        Gemm(false, true, w.Positions, w.WindowSize, filters, 1f, Buffer(dy, "Conv2DBackwardInput (dy)", w.Positions * filters),
             Buffer(kernel, "Conv2DBackwardInput (kernel)", w.WindowSize * filters), 0f, dcols);
        Launch(ConvolutionKernel("col2im"), [w.Channels, w.Batch * w.Height * w.Width], [],
               Arguments(w, dcols, Buffer(dx, "Conv2DBackwardInput (dx)", w.InputSize)));
    }

    public void Conv2DBackwardKernel(Window2D w, int filters, Storage x, Storage dy, Storage dKernel)
    {
        using var cols = Im2Col(w, Buffer(x, "Conv2DBackwardKernel (x)", w.InputSize));
        Gemm(true, false, w.WindowSize, filters, w.Positions, 1f, cols, Buffer(dy, "Conv2DBackwardKernel (dy)", w.Positions * filters), 0f,
             Buffer(dKernel, "Conv2DBackwardKernel (dKernel)", w.WindowSize * filters));
    }

    /// <summary>cols: [N·OH·OW, kh·kw·C], a temporary buffer the caller disposes.</summary>
    private OpenClStorage Im2Col(Window2D w, OpenClStorage x)
    {
        var cols = Rent(w.Positions * w.WindowSize);
        Launch(ConvolutionKernel("im2col"), [w.WindowSize, w.Positions], [], Arguments(w, x, cols));
        return cols;
    }
    #endregion

    #region pool2d
    public void Pool2D(PoolOp op, Window2D w, Storage x, Storage y)
    {
        CheckDefined(op, "Pool2D");
        Launch(ConvolutionKernel("pool2d"), [w.Channels, w.Positions], [],
               Arguments(w, (int)op, Buffer(x, "Pool2D (x)", w.InputSize), Buffer(y, "Pool2D (y)", w.Positions * w.Channels)));
    }

    public void Pool2DBackward(PoolOp op, Window2D w, Storage x, Storage dy, Storage dx)
    {
        CheckDefined(op, "Pool2DBackward");
        Launch(ConvolutionKernel("pool2d_backward"), [w.Channels, w.Batch * w.Height * w.Width], [],
               Arguments(w, (int)op, Buffer(x, "Pool2DBackward (x)", w.InputSize), Buffer(dy, "Pool2DBackward (dy)", w.Positions * w.Channels),
                         Buffer(dx, "Pool2DBackward (dx)", w.InputSize)));
    }
    #endregion

    /// <summary>A kernel of Kernels/convolution.cl, compiled with the PoolOp constants (POOL_MAX, POOL_AVERAGE).</summary>
    private ClKernel ConvolutionKernel(string name) =>
        Kernel("convolution", name, static file => EnumDefines<PoolOp>("POOL") + KernelSource(file));

    /// <summary>The kernel's own arguments, then the window's twelve numbers (the WINDOW macro of convolution.cl).</summary>
    private static KernelArg[] Arguments(Window2D w, params KernelArg[] first) =>
        [.. first, w.Batch, w.Height, w.Width, w.Channels, w.WindowHeight, w.WindowWidth,
         w.StrideHeight, w.StrideWidth, w.PadTop, w.PadLeft, w.OutHeight, w.OutWidth];
}
