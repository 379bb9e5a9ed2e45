using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Learn.Dnn.Devices.Cpu;

/// <summary>
/// An 8×8 block transpose in AVX registers, for packing the side of a product that is stored
/// the "wrong" way round (Bᵀ, or A when the kernel wants columns of op(A)). Copying one float at
/// a time to a strided place costs a load and a store per float; 8 loads, 24 shuffles and 8
/// stores move 64 floats.
/// </summary>
internal static unsafe class Transpose8x8
{
    public static bool IsSupported => Avx.IsSupported;

    /// <summary>
    /// destination[u·destinationStride + t] = source[t·sourceStride + u] for t, u in 0..8:
    /// row t of the source block becomes column t of the destination block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(float* source, long sourceStride, float* destination, long destinationStride)
    {
        var r0 = Avx.LoadVector256(source);
        var r1 = Avx.LoadVector256(source + sourceStride);
        var r2 = Avx.LoadVector256(source + 2 * sourceStride);
        var r3 = Avx.LoadVector256(source + 3 * sourceStride);
        var r4 = Avx.LoadVector256(source + 4 * sourceStride);
        var r5 = Avx.LoadVector256(source + 5 * sourceStride);
        var r6 = Avx.LoadVector256(source + 6 * sourceStride);
        var r7 = Avx.LoadVector256(source + 7 * sourceStride);

        // Interleave pairs of rows: t0 = (r0[0], r1[0], r0[1], r1[1] | r0[4], r1[4], r0[5], r1[5]), …
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);

        // Pairs of pairs: s0 = (r0[0], r1[0], r2[0], r3[0] | r0[4], r1[4], r2[4], r3[4]), …
        var s0 = Avx.Shuffle(t0, t2, 0x44); var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44); var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44); var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44); var s7 = Avx.Shuffle(t5, t7, 0xEE);

        // Join 128-bit halves: column u of the block = (s[u] low half, s[u+4] low half) or the high halves.
        Avx.Store(destination, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(destination + destinationStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(destination + 2 * destinationStride, Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(destination + 3 * destinationStride, Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(destination + 4 * destinationStride, Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(destination + 5 * destinationStride, Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(destination + 6 * destinationStride, Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(destination + 7 * destinationStride, Avx.Permute2x128(s3, s7, 0x31));
    }
}
