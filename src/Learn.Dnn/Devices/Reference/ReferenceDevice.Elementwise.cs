namespace Learn.Dnn.Devices.Reference;

/// <summary>The reference device's elementwise maps and broadcasting: one loop each, running the C# formula.</summary>
public partial class ReferenceDevice
{
    #region unary
    public virtual void Unary(UnaryFunction f, float p, Storage x, Storage y)
    {
        float[] xs = Data(x), ys = Data(y);
        for (int i = 0; i < xs.Length; i++) ys[i] = f.Forward(xs[i], p);
    }

    public virtual void UnaryBackward(UnaryFunction f, float p, Storage x, Storage y, Storage dy, Storage dx)
    {
        float[] xs = Data(x), ys = Data(y), dys = Data(dy), dxs = Data(dx);
        for (int i = 0; i < xs.Length; i++)
            dxs[i] = f.Derivative(xs[i], ys[i], p) * dys[i];   // chain rule: ∂L/∂x = f'(x)·∂L/∂y
    }
    #endregion

    #region broadcasting
    public virtual void Binary(BinaryFunction f, Storage a, Shape aShape, Storage b, Shape bShape, Storage c, Shape cShape)
    {
        float[] x = Data(a), y = Data(b), z = Data(c);
        // Walk the output; each input steps with stride 0 along the axes it is broadcast over.
        int[] aStrides = aShape.BroadcastStrides(cShape), bStrides = bShape.BroadcastStrides(cShape);
        int rank = cShape.Rank;
        var index = new int[rank];
        int ai = 0, bi = 0;
        for (int i = 0; i < z.Length; i++)
        {
            z[i] = f.Apply(x[ai], y[bi]);
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
    #endregion

    public virtual void SumToShape(Storage x, Shape xShape, Storage y, Shape yShape)
    {
        float[] src = Data(x), dst = Data(y);
        Array.Clear(dst);
        int[] yStrides = yShape.BroadcastStrides(xShape);
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
