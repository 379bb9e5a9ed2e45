namespace Learn.Dnn.Devices.OpenCL;

/// <summary>The GEMM kernels of Kernels/gemm.cl: the reference, then rungs of the optimisation ladder.</summary>
[Chapter(11)]
public enum OpenClGemmKernel
{
    /// <summary>One work-item per element of C, reading A and B from global memory.</summary>
    Naive,
    /// <summary>16 × 16 tiles of A and B in local memory.</summary>
    Tiled,
    /// <summary>64 × 64 tiles, 4 × 4 elements of C per work-item in registers.</summary>
    Blocked,
    /// <summary>4 × 16 elements of C per work-item in float16 vectors, no local memory: for CPU devices.</summary>
    Vector,
}
