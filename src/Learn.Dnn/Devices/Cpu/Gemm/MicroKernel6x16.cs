using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Learn.Dnn.Devices.Cpu;

// The Vector256 (AVX2 + FMA, 16 ymm registers of 8 floats) fallback micro-kernel, used when
// Vector512 is not hardware accelerated. A 6×16 tile of C lives in 12 accumulators:
//
//              B̃[p, 0:8]   B̃[p, 8:16]       (b0, b1)
//   Ã[p, 0]    c0a         c0b
//   ...        ...         ...
//   Ã[p, 5]    c5a         c5b              (12 accumulators + 2 + 1 broadcast = 15 of 16)
internal static unsafe class MicroKernel6x16
{
    /// <summary>Rows of C per tile (the register block's height).</summary>
    public const int MR = 6;
    /// <summary>Columns of C per tile: two vectors of 8 floats.</summary>
    public const int NR = 16;

    public static bool IsSupported => Fma.IsSupported && Avx.IsSupported;

    /// <summary>
    /// C[0:rows, 0:cols] += alpha · Ã·B̃ over kc terms, where Ã is a packed [kc, MR] panel of A
    /// (MR values of column p of the A block, one after another) and B̃ a packed [kc, NR] panel
    /// of B (row p of the B block, NR values). A partial tile (rows &lt; MR or cols &lt; NR, at the
    /// right or bottom edge of C) goes through <paramref name="edgeTile"/>, an MR×NR scratch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, int rows, int cols, float* edgeTile)
    {
        // No call may happen while the accumulators are live: a call clobbers every vector
        // register, and the JIT would then keep all 24 accumulators on the stack. So the edge
        // tile is cleared here, before the loop.
        bool full = rows == MR && cols == NR;
        if (!full) new Span<float>(edgeTile, MR * NR).Clear();
        Vector256<float> c0a = default, c0b = default, c1a = default, c1b = default, c2a = default, c2b = default, c3a = default, c3b = default, c4a = default, c4b = default, c5a = default, c5b = default;
        Vector256<float> ar;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.LoadAligned(b);                   // B̃[p, 0:8]
            var b1 = Vector256.LoadAligned(b + 8);              // B̃[p, 8:16]
            ar = Vector256.Create(a[0]); c0a = Fma.MultiplyAdd(ar, b0, c0a); c0b = Fma.MultiplyAdd(ar, b1, c0b);
            ar = Vector256.Create(a[1]); c1a = Fma.MultiplyAdd(ar, b0, c1a); c1b = Fma.MultiplyAdd(ar, b1, c1b);
            ar = Vector256.Create(a[2]); c2a = Fma.MultiplyAdd(ar, b0, c2a); c2b = Fma.MultiplyAdd(ar, b1, c2b);
            ar = Vector256.Create(a[3]); c3a = Fma.MultiplyAdd(ar, b0, c3a); c3b = Fma.MultiplyAdd(ar, b1, c3b);
            ar = Vector256.Create(a[4]); c4a = Fma.MultiplyAdd(ar, b0, c4a); c4b = Fma.MultiplyAdd(ar, b1, c4b);
            ar = Vector256.Create(a[5]); c5a = Fma.MultiplyAdd(ar, b0, c5a); c5b = Fma.MultiplyAdd(ar, b1, c5b);
            a += MR;
            b += NR;
        }

        float* dst = full ? c : edgeTile;
        int ld = full ? ldc : NR;
        var alphaV = Vector256.Create(alpha);
        Update(dst + 0 * ld, c0a, c0b, alphaV);
        Update(dst + 1 * ld, c1a, c1b, alphaV);
        Update(dst + 2 * ld, c2a, c2b, alphaV);
        Update(dst + 3 * ld, c3a, c3b, alphaV);
        Update(dst + 4 * ld, c4a, c4b, alphaV);
        Update(dst + 5 * ld, c5a, c5b, alphaV);
        if (!full) AddEdgeTile(edgeTile, c, ldc, rows, cols);
    }

    /// <summary>row[0:16] += alpha·(lo, hi).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Update(float* row, Vector256<float> lo, Vector256<float> hi, Vector256<float> alpha)
    {
        Fma.MultiplyAdd(lo, alpha, Vector256.Load(row)).Store(row);
        Fma.MultiplyAdd(hi, alpha, Vector256.Load(row + 8)).Store(row + 8);
    }

    static void AddEdgeTile(float* tile, float* c, int ldc, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols; j++)
                c[r * ldc + j] += tile[r * NR + j];
    }
}
