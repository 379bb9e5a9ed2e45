namespace Demo;

/// <summary>ReLU(x) = max(0, x).</summary>
public static class Relu
{
    #region forward
    /// <summary>y = max(0, x), elementwise; x: [n] → y: [n].</summary>
    public static float[] Forward(float[] x)
    {
        var y = new float[x.Length];
        #region loop
        for (var i = 0; i < x.Length; i++)
            y[i] = x[i] > 0f ? x[i] : 0f;   // the kink at 0 is where the gradient jumps
        #endregion
        return y;
    }
    #endregion

    #region backward
    public static float[] Backward(float[] x, float[] dY)
    {
        var dX = new float[x.Length];
        for (var i = 0; i < x.Length; i++)
            dX[i] = x[i] > 0f ? dY[i] : 0f;   // ∂y/∂x = 1 for x > 0, else 0
        return dX;
    }
    #endregion
}
