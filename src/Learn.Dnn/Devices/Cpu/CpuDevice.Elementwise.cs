using System.Numerics.Tensors;

namespace Learn.Dnn.Devices.Cpu;

/// <summary>The CPU backend's elementwise maps and broadcasting.</summary>
public sealed partial class CpuDevice
{
    public void Unary(UnaryOp op, float parameter, Storage x, Storage y)
    {
        float[] src = Data(x), dst = Data(y);
        switch (op)   // TensorPrimitives where it computes exactly this map; the scalar reference otherwise
        {
            case UnaryOp.Negate: TensorPrimitives.Negate(src, dst); break;
            case UnaryOp.Scale: TensorPrimitives.Multiply(src, parameter, dst); break;
            case UnaryOp.AddScalar: TensorPrimitives.Add(src, parameter, dst); break;
            case UnaryOp.Exp: TensorPrimitives.Exp(src, dst); break;
            case UnaryOp.Log: TensorPrimitives.Log(src, dst); break;
            case UnaryOp.Sqrt: TensorPrimitives.Sqrt(src, dst); break;
            case UnaryOp.Abs: TensorPrimitives.Abs(src, dst); break;
            case UnaryOp.Tanh: TensorPrimitives.Tanh(src, dst); break;
            case UnaryOp.Sigmoid: TensorPrimitives.Sigmoid(src, dst); break;
            case UnaryOp.Relu: TensorPrimitives.Max(src, 0f, dst); break;
            default:
                for (int i = 0; i < src.Length; i++) dst[i] = ScalarMath.Forward(op, parameter, src[i]);
                break;
        }
    }

    public void UnaryBackward(UnaryOp op, float parameter, Storage x, Storage y, Storage dy, Storage dx)
    {
        float[] xs = Data(x), ys = Data(y), dys = Data(dy), dxs = Data(dx);
        for (int i = 0; i < xs.Length; i++)
            dxs[i] = ScalarMath.Derivative(op, parameter, xs[i], ys[i]) * dys[i];   // chain rule: ∂L/∂x = f'(x)·∂L/∂y
    }

    #region broadcasting
    public void Binary(BinaryOp op, Storage a, Shape aShape, Storage b, Shape bShape, Storage c, Shape cShape)
    {
        float[] x = Data(a), y = Data(b), z = Data(c);
        if (aShape == bShape) { BinarySameShape(op, x, y, z); return; }

        // General case: walk the output; each input steps with stride 0 along its broadcast axes.
        int[] aStrides = BroadcastStrides(aShape, cShape), bStrides = BroadcastStrides(bShape, cShape);
        int rank = cShape.Rank;
        var index = new int[rank];
        int ai = 0, bi = 0;
        for (int i = 0; i < z.Length; i++)
        {
            z[i] = ScalarMath.Binary(op, x[ai], y[bi]);
            for (int axis = rank - 1; axis >= 0; axis--)   // odometer increment of the output index
            {
                index[axis]++;
                ai += aStrides[axis];
                bi += bStrides[axis];
                if (index[axis] < cShape[axis]) break;
                ai -= aStrides[axis] * index[axis];
                bi -= bStrides[axis] * index[axis];
                index[axis] = 0;
            }
        }
    }

    /// <summary>The strides of <paramref name="shape"/> seen through <paramref name="target"/>: 0 along broadcast axes.</summary>
    internal static int[] BroadcastStrides(Shape shape, Shape target)
    {
        int[] own = shape.Strides();
        var strides = new int[target.Rank];
        int offset = target.Rank - shape.Rank;
        for (int axis = 0; axis < shape.Rank; axis++)
            strides[axis + offset] = shape[axis] == 1 ? 0 : own[axis];
        return strides;
    }
    #endregion

    private static void BinarySameShape(BinaryOp op, float[] x, float[] y, float[] z)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(x, y, z); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(x, y, z); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(x, y, z); break;
            case BinaryOp.Divide: TensorPrimitives.Divide(x, y, z); break;
            default:
                for (int i = 0; i < z.Length; i++) z[i] = ScalarMath.Binary(op, x[i], y[i]);
                break;
        }
    }

    public void SumToShape(Storage x, Shape xShape, Storage y, Shape yShape)
    {
        float[] src = Data(x), dst = Data(y);
        Array.Clear(dst);
        int[] yStrides = BroadcastStrides(yShape, xShape);
        int rank = xShape.Rank;
        var index = new int[rank];
        int yi = 0;
        for (int i = 0; i < src.Length; i++)
        {
            dst[yi] += src[i];   // every x element lands on the y element it was broadcast from
            for (int axis = rank - 1; axis >= 0; axis--)
            {
                index[axis]++;
                yi += yStrides[axis];
                if (index[axis] < xShape[axis]) break;
                yi -= yStrides[axis] * index[axis];
                index[axis] = 0;
            }
        }
    }
}
