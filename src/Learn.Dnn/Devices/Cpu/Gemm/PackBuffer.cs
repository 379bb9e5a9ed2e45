using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Learn.Dnn.Devices.Cpu;

/// <summary>
/// A grow-only, pinned, 64-byte-aligned scratch buffer, one per thread and purpose, so that a
/// training step calling GEMM thousands of times allocates nothing after the first call.
/// Alignment to a cache line lets the micro-kernel load packed B with aligned loads.
/// </summary>
internal sealed unsafe class PackBuffer
{
    float[] array = [];
    float* aligned;

    /// <summary>A pointer to at least <paramref name="floats"/> floats, aligned to 64 bytes.</summary>
    public float* Get(int floats)
    {
        if (array.Length < floats + 16)
        {
            array = GC.AllocateUninitializedArray<float>(floats + 16, pinned: true);
            nint start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
            aligned = (float*)((start + 63) & ~(nint)63);
        }
        return aligned;
    }
}
