using Learn.Dnn.Serialization;

namespace Learn.Dnn.Layers.Initializers;

/// <summary>
/// An orthogonal matrix (Saxe et al., 2014), Keras' default for recurrent kernels: multiplying by
/// it neither grows nor shrinks a vector (‖h·U‖ = ‖h‖), so at the start a hidden state carried
/// through many time steps keeps its size. As Keras: draw A ~ N(0, 1) of shape
/// [rows, cols] (cols = the last axis, rows = the product of the others), transposed when
/// rows &lt; cols; A = Q·R; fix the signs so that R's diagonal is positive (which makes Q uniformly
/// distributed); W = gain·Q (transposed back). Then QᵀQ = I when rows ≥ cols, QQᵀ = I otherwise.
/// </summary>
[Chapter(8)]
[KerasName("orthogonal")]
public sealed class Orthogonal(float gain = 1f) : Initializer
{
    public float Gain { get; } = gain;

    public override Tensor Create(Shape shape, int fanIn, int fanOut, Rng rng)
    {
        if (shape.Rank < 2)
            throw new ShapeMismatchException($"Orthogonal: needs a weight of rank 2 or more, got {shape}.");
        int cols = shape[-1], rows = shape.Size / Math.Max(cols, 1);
        bool transposed = rows < cols;
        int n = transposed ? cols : rows, m = transposed ? rows : cols;   // A: [n, m], n ≥ m
        var a = rng.Normal(new Shape(n, m)).ToArray().Select(v => (double)v).ToArray();
        var q = OrthonormalColumns(a, n, m);
        var values = new float[shape.Size];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
            {
                float v = Gain * (float)q[i * m + j];
                if (transposed) values[j * n + i] = v;   // W = Qᵀ: [m, n] = [rows, cols]
                else values[i * m + j] = v;
            }
        return Tensor.FromArray(values, shape);
    }

    #region qr
    /// <summary>
    /// The Q of A = Q·R with R's diagonal positive, A: [n, m], n ≥ m, in double: modified Gram–Schmidt
    /// (each column made orthogonal to the ones before it, then normalised; the norm is R's diagonal,
    /// positive by construction, so no sign fix is needed), done twice so Q stays orthogonal to
    /// rounding even when A is badly conditioned ("twice is enough", Giraud et al., 2005). The second
    /// pass only changes R by a triangular factor with diagonal ≈ 1, so the signs stay those of Keras'.
    /// </summary>
    internal static double[] OrthonormalColumns(double[] a, int n, int m)
    {
        var q = (double[])a.Clone();
        for (int pass = 0; pass < 2; pass++)
            for (int j = 0; j < m; j++)
            {
                for (int k = 0; k < j; k++)
                {
                    double dot = 0;   // q_j ← q_j − (q_k·q_j) q_k
                    for (int i = 0; i < n; i++) dot += q[i * m + k] * q[i * m + j];
                    for (int i = 0; i < n; i++) q[i * m + j] -= dot * q[i * m + k];
                }
                double norm = 0;
                for (int i = 0; i < n; i++) norm += q[i * m + j] * q[i * m + j];
                norm = Math.Sqrt(norm);
                for (int i = 0; i < n; i++) q[i * m + j] /= norm;
            }
        return q;
    }
    #endregion
}
