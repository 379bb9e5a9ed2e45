using System.Runtime.InteropServices;
using Learn.Dnn.Devices;
using Learn.Dnn.Devices.OpenCL.Native;

namespace Learn.Dnn.Devices.OpenCL;

/// <summary>Elementwise maps (Kernels/elementwise.cl) and broadcasting (Kernels/broadcast.cl).</summary>
public sealed partial class OpenClDevice
{
    /// <summary>
    /// Kernels/elementwise.cl compiled for <paramref name="f"/>: its OpenCL C expressions become the
    /// FORWARD and DERIVATIVE macros the kernels call. One program per function, built on first use.
    /// </summary>
    private ClKernel UnaryKernel(UnaryFunction f, string name) => Kernel(f, name, static f =>
        $"#define FORWARD(x, p) ({f.OpenClForward})\n#define DERIVATIVE(x, y, p) ({f.OpenClDerivative})\n" +
        KernelSource("elementwise"));

    /// <summary>Kernels/binary.cl compiled for <paramref name="f"/>, after broadcast.cl: its expression becomes COMBINE.</summary>
    private ClKernel BinaryKernel(BinaryFunction f, string name) => Kernel(f, name, static f =>
        $"#define COMBINE(a, b) ({f.OpenCl})\n" + KernelSource("broadcast") + KernelSource("binary"));

    public void Unary(UnaryFunction f, float p, Storage x, Storage y)
    {
        var X = Buffer(x, "Unary");
        Launch(UnaryKernel(f, "unary"), [X.Length], [], p, X, Buffer(y, "Unary", X.Length), X.Length);
    }

    public void UnaryBackward(UnaryFunction f, float p, Storage x, Storage y, Storage dy, Storage dx)
    {
        var X = Buffer(x, "UnaryBackward");
        int n = X.Length;
        Launch(UnaryKernel(f, "unary_backward"), [n], [], p, X,
               Buffer(y, "UnaryBackward", n), Buffer(dy, "UnaryBackward", n), Buffer(dx, "UnaryBackward", n), n);
    }

    private void CheckDefined<T>(T op, string operation) where T : struct, Enum
    {
        if (!Enum.IsDefined(op)) throw new NotSupportedException($"{Name} {operation}: unknown operation {op}.");
    }

    public void Binary(BinaryFunction f, Storage a, Shape aShape, Storage b, Shape bShape, Storage c, Shape cShape)
    {
        var A = Buffer(a, "Binary", aShape.Size);
        var B = Buffer(b, "Binary", bShape.Size);
        var C = Buffer(c, "Binary", cShape.Size);
        if (aShape == bShape)
        {
            Launch(BinaryKernel(f, "binary_same"), [cShape.Size], [], A, B, C, cShape.Size);
            return;
        }
        // Each input steps with stride 0 along the axes it is broadcast over (Shape.BroadcastStrides).
        var layout = BroadcastLayout.Create(cShape, "Binary");
        Copy(aShape.BroadcastStrides(cShape), layout.A);
        Copy(bShape.BroadcastStrides(cShape), layout.B);
        LaunchWithLayout(BinaryKernel(f, "binary_broadcast"), cShape.Size, layout, A, B, C, cShape.Size);
    }

    public void SumToShape(Storage x, Shape xShape, Storage y, Shape yShape)
    {
        var X = Buffer(x, "SumToShape", xShape.Size);
        var Y = Buffer(y, "SumToShape", yShape.Size);
        // dims: x's shape; A: x's row-major strides; B: 1 on the axes summed away (y has size 1 there, or no axis).
        var layout = BroadcastLayout.Create(xShape, "SumToShape");
        Copy(xShape.Strides(), layout.A);
        int offset = xShape.Rank - yShape.Rank;
        for (int axis = 0; axis < xShape.Rank; axis++)
            layout.B[axis] = axis < offset || (yShape[axis - offset] == 1 && xShape[axis] != 1) ? 1 : 0;
        LaunchWithLayout(Kernel("broadcast", "sum_to_shape"), yShape.Size, layout, X, Y, yShape.Size);
    }

    private static void Copy(int[] values, Span<int> destination) => values.CopyTo(destination);

    /// <summary>A 1-D launch whose last argument is the broadcast_t struct of Kernels/broadcast.cl.</summary>
    private unsafe void LaunchWithLayout(ClKernel kernel, int global, BroadcastLayout layout, params ReadOnlySpan<KernelArg> args)
    {
        if (global == 0) return;
        lock (queueGate)
        {
            for (int i = 0; i < args.Length; i++) args[i].Set(kernel, (uint)i);
            int error = cl.SetKernelArg(kernel.Handle, (uint)args.Length, (nuint)sizeof(BroadcastLayout), &layout);
            if (error != 0) throw new OpenClException("clSetKernelArg", error, "the broadcast layout");
            Enqueue(kernel, [global], []);
        }
    }
}
