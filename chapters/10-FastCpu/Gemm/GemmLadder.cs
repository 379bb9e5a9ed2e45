using System.Runtime.Intrinsics;

using Learn.Dnn.Devices.Cpu;
using Learn.Dnn.Devices.Reference;

namespace Learn.Dnn.Chapters;

/// <summary>
/// The GEMM ladder of chapter 10, slowest first: each rung computes the same product and
/// changes one thing (see the comment at the top of each rung's file).
/// </summary>
public static class GemmLadder
{
    /// <summary>(name, kernel) for every rung; the last one is the engine's <see cref="FastGemm"/>.</summary>
    public static IReadOnlyList<(string Name, GemmKernel Kernel)> Steps { get; } =
    [
        ("naive (i-j-k)", NaiveGemm.Gemm),
        ("loop order (i-k-j)", LoopOrderGemm.Gemm),
        ("cache blocking", BlockedGemm.Gemm),
        (Vector512.IsHardwareAccelerated ? "SIMD (Vector512)" : "SIMD (Vector256)", SimdGemm.Gemm),
        ("packed micro-kernel", PackedGemm.Gemm),
        ("threads (FastGemm)", FastGemm.Gemm),
    ];
}
