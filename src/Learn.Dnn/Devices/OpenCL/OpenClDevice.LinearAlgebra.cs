using Learn.Dnn.Devices;

namespace Learn.Dnn.Devices.OpenCL;

/// <summary>GEMM (Kernels/gemm.cl), transpose and axpy.</summary>
public sealed partial class OpenClDevice
{
    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k,
                     float alpha, Storage a, Storage b, float beta, Storage c) =>
        Gemm(DefaultGemmKernel, transposeA, transposeB, m, n, k, alpha, a, b, beta, c);

    /// <summary>C = α·op(A)·op(B) + β·C with the chosen kernel (all three compute the same numbers up to rounding).</summary>
    public void Gemm(OpenClGemmKernel kernel, bool transposeA, bool transposeB, int m, int n, int k,
                     float alpha, Storage a, Storage b, float beta, Storage c)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentException($"{Name} Gemm: sizes must be >= 0, got m={m}, n={n}, k={k}.");
        var A = Buffer(a, "Gemm (A)", m * k);
        var B = Buffer(b, "Gemm (B)", k * n);
        var C = Buffer(c, "Gemm (C)", m * n);
        switch (kernel)
        {
            case OpenClGemmKernel.Naive:   // global (n, m): one work-item per c_ij
                Launch(Kernel("gemm", "gemm_naive"), [n, m], [], transposeA, transposeB, m, n, k, alpha, A, B, beta, C);
                break;
            case OpenClGemmKernel.Tiled:   // 16 x 16 work-groups over C, padded to whole tiles
                Launch(Kernel("gemm", "gemm_tiled"), [RoundUp(n, 16), RoundUp(m, 16)], [16, 16],
                       transposeA, transposeB, m, n, k, alpha, A, B, beta, C);
                break;
            case OpenClGemmKernel.Blocked: // one 16 x 16 work-group per 64 x 64 block of C
                Launch(Kernel("gemm", "gemm_blocked"), [RoundUp(n, 64) / 4, RoundUp(m, 64) / 4], [16, 16],
                       transposeA, transposeB, m, n, k, alpha, A, B, beta, C);
                break;
            case OpenClGemmKernel.Vector: // one work-item per 4 x 16 block of C, in groups of 16 x 4 work-items
                Launch(Kernel("gemm", "gemm_vector"), [(n + 15) / 16, (m + 3) / 4], [16, 4],
                       transposeA, transposeB, m, n, k, alpha, A, B, beta, C);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kernel), $"{Name} Gemm: unknown kernel {kernel}.");
        }
    }

    public void Transpose(Storage x, int rows, int cols, Storage y) =>
        Launch(Kernel("transpose", "transpose"), [cols, rows], [],
               Buffer(x, "Transpose", rows * cols), rows, cols, Buffer(y, "Transpose", rows * cols));

    public void Axpy(float alpha, Storage x, Storage y)
    {
        var Y = Buffer(y, "Axpy");
        Launch(Kernel("axpy", "axpy"), [Y.Length], [], alpha, Buffer(x, "Axpy", Y.Length), Y, Y.Length);
    }
}
