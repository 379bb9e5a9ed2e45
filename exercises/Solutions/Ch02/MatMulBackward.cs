namespace Learn.Dnn.Exercises.Ch02;

/// <summary>Chapter 2: the backward of a tensor operation, matrix multiplication.</summary>
public static class MatMulBackward
{
    /// <summary>
    /// Exercise ch02.matmul-backward — C = A·B with A: [n, k], B: [k, m], C: [n, m], so
    /// Cᵢⱼ = Σₚ Aᵢₚ·Bₚⱼ. Given dC = ∂L/∂C ([n, m]), return
    /// dA = ∂L/∂A = dC·Bᵀ ([n, k]) and dB = ∂L/∂B = Aᵀ·dC ([k, m]).
    /// Each gradient has the shape of the matrix it belongs to; check your shapes before your numbers.
    /// <para>Hint 1 (nudge): each gradient has the shape of the matrix it belongs to; find the product of dC with the other matrix that has that shape.</para>
    /// <para>Hint 2 (formula): dA = dC·Bᵀ ([n, m]·[m, k] = [n, k]) and dB = Aᵀ·dC ([k, n]·[n, m] = [k, m]).</para>
    /// <para>Hint 3 (code): dA[i, p] += dC[i, j] * b[p, j] and dB[p, j] += a[i, p] * dC[i, j], in three loops over i, p and j.</para>
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
