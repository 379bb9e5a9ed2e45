namespace Learn.Dnn.Devices.Cpu;

/// <summary>
/// The GEMM contract every rung of the ladder implements (BLAS sgemm, row-major):
/// C = alpha·op(A)·op(B) + beta·C, with op(A): [m, k], op(B): [k, n], C: [m, n].
/// A is stored [m, k], or [k, m] when <paramref name="transposeA"/>; B is stored [k, n], or
/// [n, k] when <paramref name="transposeB"/>. All three are contiguous and row-major.
/// beta = 0 overwrites C (a NaN already in C does not survive), as in BLAS.
/// </summary>
[Chapter(10)]
public delegate void GemmKernel(bool transposeA, bool transposeB, int m, int n, int k,
    float alpha, ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c);
