using System.Runtime.InteropServices;

namespace Learn.Dnn.Devices.OpenCL;

/// <summary>
/// The broadcast_t struct of Kernels/broadcast.cl, byte for byte: a shape (rank ≤ 8) and two
/// stride vectors over it.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct BroadcastLayout
{
    public const int MaxRank = 8;
    public int Rank;
    public fixed int Dims[MaxRank];
    public fixed int AStrides[MaxRank];
    public fixed int BStrides[MaxRank];

    public Span<int> A => MemoryMarshal.CreateSpan(ref AStrides[0], MaxRank);
    public Span<int> B => MemoryMarshal.CreateSpan(ref BStrides[0], MaxRank);

    public static BroadcastLayout Create(Shape shape, string operation)
    {
        if (shape.Rank > MaxRank)
            throw new NotSupportedException($"OpenCL {operation}: shapes of rank up to {MaxRank} are supported, got {shape}.");
        var layout = new BroadcastLayout { Rank = shape.Rank };
        for (int axis = 0; axis < shape.Rank; axis++) layout.Dims[axis] = shape[axis];
        return layout;
    }
}
