using System.Numerics.Tensors;

namespace Learn.Dnn.Backends.Cpu;

/// <summary>GEMM on the CPU: C = α·op(A)·op(B) + β·C (a plain i-k-j loop until chapter 10's fast kernel).</summary>
internal static class CpuGemm
{
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
                                float alpha, float[] a, float[] b, float beta, float[] c)
    {
        var row = new float[n];
        for (int i = 0; i < m; i++)
        {
            Array.Clear(row);
            for (int p = 0; p < k; p++)
            {
                float aip = transposeA ? a[p * m + i] : a[i * k + p];
                if (transposeB)
                    for (int j = 0; j < n; j++) row[j] += aip * b[j * k + p];
                else
                    TensorPrimitives.MultiplyAdd(b.AsSpan(p * n, n), aip, row, row);
            }
            var cRow = c.AsSpan(i * n, n);
            if (beta == 0f) TensorPrimitives.Multiply(row, alpha, cRow);
            else
            {
                TensorPrimitives.Multiply(cRow, beta, cRow);
                TensorPrimitives.MultiplyAdd(row, alpha, cRow, cRow);
            }
        }
    }
}
