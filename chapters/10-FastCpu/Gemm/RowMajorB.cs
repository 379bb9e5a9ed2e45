using System.Buffers;

namespace Learn.Dnn.Chapters;

/// <summary>
/// op(B) as a row-major [k, n] span. The middle rungs of the ladder stream rows of op(B);
/// when B is stored transposed ([n, k]) they first copy Bᵀ into a pooled buffer, an O(k·n)
/// step that is small beside the O(m·n·k) product. Dispose returns the buffer to the pool.
/// </summary>
internal readonly ref struct RowMajorB
{
    readonly float[]? rented;

    /// <summary>op(B): [k, n], row-major.</summary>
    public ReadOnlySpan<float> Rows { get; }

    public RowMajorB(bool transposeB, int n, int k, ReadOnlySpan<float> b)
    {
        if (!transposeB) { Rows = b; rented = null; return; }
        rented = ArrayPool<float>.Shared.Rent(k * n);
        var rows = rented.AsSpan(0, k * n);
        for (int j = 0; j < n; j++)                 // B stored [n, k]: row j of B is column j of op(B)
            for (int p = 0; p < k; p++)
                rows[p * n + j] = b[j * k + p];
        Rows = rows;
    }

    public void Dispose()
    {
        if (rented is not null) ArrayPool<float>.Shared.Return(rented);
    }
}
