namespace Learn.Dnn.Exercises.Ch02;

/// <summary>Chapter 2: the backward of a tensor operation, matrix multiplication.</summary>
public static class MatMulBackward
{
    /// <summary>
    /// Exercise ch02.matmul-backward — C = A·B with A: [n, k], B: [k, m], C: [n, m], so
    /// Cᵢⱼ = Σₚ Aᵢₚ·Bₚⱼ. Given dC = ∂L/∂C ([n, m]), return
    /// dA = ∂L/∂A = dC·Bᵀ ([n, k]) and dB = ∂L/∂B = Aᵀ·dC ([k, m]).
    /// Each gradient has the shape of the matrix it belongs to; check your shapes before your numbers.
    /// <para>Hint: dA[i, p] = Σⱼ dC[i, j]·B[p, j] and dB[p, j] = Σᵢ A[i, p]·dC[i, j].</para>
    /// </summary>
    public static (double[,] dA, double[,] dB) Backward(double[,] a, double[,] b, double[,] dC)
    {
        // BEGIN SOLUTION ch02.matmul-backward
        int n = a.GetLength(0), k = a.GetLength(1), m = b.GetLength(1);
        var dA = new double[n, k];
        var dB = new double[k, m];
        for (int i = 0; i < n; i++)
            for (int p = 0; p < k; p++)
                for (int j = 0; j < m; j++)
                {
                    dA[i, p] += dC[i, j] * b[p, j];   // dC·Bᵀ
                    dB[p, j] += a[i, p] * dC[i, j];   // Aᵀ·dC
                }
        return (dA, dB);
        // END SOLUTION
    }
}
