namespace Learn.Dnn.Devices.Reference;

/// <summary>The reference device's reductions and row-wise softmax.</summary>
public partial class ReferenceDevice
{
    /// <summary>y[o, i] = Σₐ x[o, a, i] (or maxₐ), for x viewed as [outer, length, inner].</summary>
    public virtual void Reduce(ReduceOp op, Storage x, int outer, int length, int inner, Storage y)
    {
        float[] src = Data(x), dst = Data(y);
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                float result = op == ReduceOp.Sum ? 0f : float.NegativeInfinity;
                for (int a = 0; a < length; a++)
                {
                    float v = src[(o * length + a) * inner + i];
                    result = op == ReduceOp.Sum ? result + v : MathF.Max(result, v);
                }
                dst[o * inner + i] = result;
            }
    }

    #region softmax
    public virtual void Softmax(Storage x, int rows, int cols, Storage y, bool log)
    {
        float[] src = Data(x), dst = Data(y);
        for (int r = 0; r < rows; r++)
        {
            int start = r * cols;
            float max = float.NegativeInfinity;   // subtract the max: e^(x−max) ≤ 1 never overflows
            for (int c = 0; c < cols; c++) max = MathF.Max(max, src[start + c]);
            float sum = 0f;                        // Σ eᶻ with z = x − max
            for (int c = 0; c < cols; c++) sum += MathF.Exp(src[start + c] - max);
            for (int c = 0; c < cols; c++)
            {
                float z = src[start + c] - max;
                dst[start + c] = log ? z - MathF.Log(sum)      // log softmax = z − ln Σ eᶻ
                                     : MathF.Exp(z) / sum;     // softmax = eᶻ / Σ eᶻ
            }
        }
    }
    #endregion
}
