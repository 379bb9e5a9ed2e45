namespace Learn.Dnn;

/// <summary>
/// The dimensions of a tensor, outermost first: a batch of 32 rows of 784 features is [32, 784].
/// The last dimension is contiguous in memory (row-major order).
/// </summary>
[Chapter(1)]
[System.Runtime.CompilerServices.CollectionBuilder(typeof(Shape), nameof(Create))]
public sealed class Shape : IEquatable<Shape>, IReadOnlyList<int>
{
    /// <summary>Lets a collection expression be a shape: <c>Tensor.Zeros([2, 3])</c>.</summary>
    public static Shape Create(ReadOnlySpan<int> dimensions) => new(dimensions.ToArray());

    private readonly int[] dimensions;

    public Shape(params int[] dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        foreach (int d in dimensions)
            if (d < 0)
                throw new ArgumentException($"Shape: every dimension must be >= 0, got [{string.Join(", ", dimensions)}].");
        this.dimensions = (int[])dimensions.Clone();
        Size = 1;
        foreach (int d in dimensions) Size = checked(Size * d);
    }

    /// <summary>Number of dimensions: 0 for a scalar, 1 for a vector, 2 for a matrix.</summary>
    public int Rank => dimensions.Length;

    /// <summary>Number of elements: the product of the dimensions (1 for a scalar).</summary>
    public int Size { get; }

    /// <summary>The size of dimension <paramref name="axis"/>; negative axes count from the end.</summary>
    public int this[int axis] => dimensions[NormalizeAxis(axis)];

    public int[] ToArray() => (int[])dimensions.Clone();

    int IReadOnlyCollection<int>.Count => Rank;
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)dimensions).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public ReadOnlySpan<int> Dimensions => dimensions;

    /// <summary>Row-major strides: the step in memory between neighbours along each axis.</summary>
    public int[] Strides()
    {
        var strides = new int[Rank];
        int step = 1;
        for (int axis = Rank - 1; axis >= 0; axis--)
        {
            strides[axis] = step;
            step *= dimensions[axis];
        }
        return strides;
    }

    #region broadcast-strides
    /// <summary>
    /// This shape's strides seen through the larger shape <paramref name="target"/> it is broadcast
    /// to: 0 along every axis where this shape has size 1 (or no axis at all), so that walking the
    /// target's indices reads the same element again and again along those axes.
    /// </summary>
    public int[] BroadcastStrides(Shape target)
    {
        int[] own = Strides();
        var strides = new int[target.Rank];
        int offset = target.Rank - Rank;
        for (int axis = 0; axis < Rank; axis++)
            strides[axis + offset] = dimensions[axis] == 1 ? 0 : own[axis];
        return strides;
    }
    #endregion

    /// <summary>Turns −1 into Rank − 1 and checks the range.</summary>
    public int NormalizeAxis(int axis)
    {
        int normalized = axis < 0 ? axis + Rank : axis;
        if (normalized < 0 || normalized >= Rank)
            throw new ArgumentOutOfRangeException(nameof(axis), $"Shape: axis {axis} is out of range for shape {this} of rank {Rank}.");
        return normalized;
    }

    #region broadcast
    /// <summary>
    /// NumPy broadcasting: align the shapes at their last dimension; two sizes are compatible
    /// when they are equal or one of them is 1, and the result takes the larger.
    /// [4, 3] with [3] gives [4, 3]; [4, 1] with [1, 5] gives [4, 5]; [4, 3] with [4] is an error.
    /// </summary>
    public static Shape Broadcast(Shape a, Shape b, string operation)
    {
        int rank = Math.Max(a.Rank, b.Rank);
        var result = new int[rank];
        for (int i = 1; i <= rank; i++)
        {
            int da = i <= a.Rank ? a.dimensions[a.Rank - i] : 1;
            int db = i <= b.Rank ? b.dimensions[b.Rank - i] : 1;
            if (da != db && da != 1 && db != 1)
                throw new ShapeMismatchException(
                    $"{operation}: shapes {a} and {b} cannot be broadcast: dimension {rank - i} is {da} in one and {db} in the other; " +
                    "sizes must be equal or one of them 1 (aligned from the last dimension).");
            result[rank - i] = Math.Max(da, db);
        }
        return new Shape(result);
    }
    #endregion

    public bool Equals(Shape? other) => other is not null && dimensions.AsSpan().SequenceEqual(other.dimensions);
    public override bool Equals(object? obj) => Equals(obj as Shape);
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (int d in dimensions) hash.Add(d);
        return hash.ToHashCode();
    }
    public static bool operator ==(Shape? a, Shape? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Shape? a, Shape? b) => !(a == b);
    public static implicit operator Shape(int[] dimensions) => new(dimensions);

    /// <summary>"[32, 784]"; a scalar is "[]".</summary>
    public override string ToString() => "[" + string.Join(", ", dimensions) + "]";
}
