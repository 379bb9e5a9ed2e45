using System.Globalization;
using System.Text;
using Learn.Dnn.Devices;

namespace Learn.Dnn;

/// <summary>
/// An n-dimensional array of float32 numbers: a <see cref="Shape"/> over a <see cref="Storage"/>
/// that lives on one device. Row-major: the last index varies fastest, so element [i, j] of an
/// [m, n] matrix is number i·n + j. Numbers stay on their device across operations; they cross
/// to the host only when asked (<see cref="ToArray"/>, indexing, <see cref="ToString"/>).
/// </summary>
/// <remarks>
/// Tensor is one class written in several files, one per concept that adds operations to it, each
/// named Tensor.Concept.cs. The rule: a part lives in the folder of the concept it adds (Tensors/ for
/// arithmetic, maps, MatMul, reductions and shaping; Autograd/ for the backward pass; Activations/
/// for the activations and softmax; Convolution/ for convolution and pooling); its summary begins
/// "Adds … to Tensor"; and it keeps to its folder's floor: a part may use what another part adds only
/// when that part's folder is on the same floor or below (tests/Learn.Dnn.Tests/Architecture/
/// FloorsTests.cs checks both, member by member).
/// </remarks>
[Chapter(1)]
public sealed partial class Tensor
{
    public Tensor(Shape shape, Storage storage)
    {
        if (storage.Length != shape.Size)
            throw new ShapeMismatchException($"Tensor: shape {shape} needs {shape.Size} numbers, the storage holds {storage.Length}.");
        Shape = shape;
        Storage = storage;
    }

    public Shape Shape { get; }

    public Storage Storage { get; }

    /// <summary>The backend whose memory holds this tensor and which runs the operations on it.</summary>
    public IDevice Device => Storage.Device;

    public int Rank => Shape.Rank;

    public int Size => Shape.Size;

    #region creation
    /// <summary>A tensor holding <paramref name="values"/> (row-major) with the given shape.</summary>
    public static Tensor FromArray(float[] values, params int[] shape) => FromArray(values, new Shape(shape), null);

    public static Tensor FromArray(ReadOnlySpan<float> values, Shape shape, IDevice? device = null)
    {
        if (values.Length != shape.Size)
            throw new ShapeMismatchException($"Tensor.FromArray: shape {shape} needs {shape.Size} values, got {values.Length}.");
        var backend = device ?? Devices.Device.Default;
        return new Tensor(shape, backend.Upload(values));
    }

    #region matrix
    /// <summary>A matrix from a C# 2-D array: <c>Tensor.FromArray(new float[,] { { 0, 1 }, { 1, 0 } })</c>.</summary>
    public static Tensor FromArray(float[,] values, IDevice? device = null)
    {
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var flat = new float[rows * cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                flat[r * cols + c] = values[r, c];
        return FromArray(flat, new Shape(rows, cols), device);
    }
    #endregion

    /// <summary>A vector.</summary>
    public static Tensor Vector(params float[] values) => FromArray(values, new Shape(values.Length));

    /// <summary>A rank-0 tensor holding one number.</summary>
    public static Tensor Scalar(float value, IDevice? device = null) => FromArray([value], new Shape(), device);

    public static Tensor Zeros(params int[] shape) => Zeros(new Shape(shape));

    public static Tensor Zeros(Shape shape, IDevice? device = null)
    {
        var backend = device ?? Devices.Device.Default;
        return new Tensor(shape, backend.Allocate(shape.Size));
    }

    /// <summary>
    /// A tensor whose numbers are undefined until written (PyTorch's <c>torch.empty</c>): the output
    /// of an operation that writes every element. Read it before writing it and you get whatever
    /// the device's pool held.
    /// </summary>
    public static Tensor Empty(Shape shape, IDevice? device = null)
    {
        var backend = device ?? Devices.Device.Default;
        return new Tensor(shape, backend.AllocateUninitialized(shape.Size));
    }

    public static Tensor Ones(params int[] shape) => Full(new Shape(shape), 1f);

    public static Tensor Full(Shape shape, float value, IDevice? device = null)
    {
        var t = Empty(shape, device);
        t.Device.Fill(t.Storage, value);
        return t;
    }

    /// <summary>Numbers from the counter-based stream (see <see cref="Rng"/> for the usual way in).</summary>
    public static Tensor Random(Shape shape, RandomDistribution distribution, ulong seed, ulong counter,
                                float a, float b, IDevice? device = null)
    {
        var t = Empty(shape, device);
        t.Device.Random(distribution, seed, counter, a, b, t.Storage);
        return t;
    }

    /// <summary>A tensor of the same shape on the same device, all zeros.</summary>
    public Tensor ZerosLike() => Zeros(Shape, Device);

    /// <summary>A copy of this tensor's numbers (no gradient history).</summary>
    public Tensor Clone()
    {
        var copy = Empty(Shape, Device);
        Device.Copy(Storage, copy.Storage);
        return copy;
    }
    #endregion

    #region reading
    /// <summary>All numbers, row-major, copied to the host.</summary>
    public float[] ToArray()
    {
        var values = new float[Size];
        Device.Download(Storage, values);
        return values;
    }

    /// <summary>A matrix copied to the host as a 2-D array.</summary>
    public float[,] ToArray2D()
    {
        if (Rank != 2) throw new ShapeMismatchException($"ToArray2D: expected a rank-2 tensor, got shape {Shape}.");
        var flat = ToArray();
        var result = new float[Shape[0], Shape[1]];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(float));
        return result;
    }

    /// <summary>The one number of a tensor with a single element (a loss, say).</summary>
    public float Item()
    {
        if (Size != 1) throw new ShapeMismatchException($"Item: expected a tensor with one element, got shape {Shape}.");
        return ToArray()[0];
    }

    #region flat-index
    /// <summary>The element at a full index, e.g. <c>t[1, 2]</c> (copies the tensor to the host: for inspection, not loops).</summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public float this[params int[] index] => ToArray()[FlatIndex(index)];

    private int FlatIndex(int[] index)
    {
        if (index.Length != Rank)
            throw new ArgumentException($"Tensor index: a tensor of shape {Shape} needs {Rank} indices, got {index.Length}.");
        int flat = 0;
        for (int axis = 0; axis < Rank; axis++)
        {
            if (index[axis] < 0 || index[axis] >= Shape[axis])
                throw new IndexOutOfRangeException($"Tensor index: index {index[axis]} is out of range for axis {axis} of size {Shape[axis]} (shape {Shape}).");
            flat = flat * Shape[axis] + index[axis];
        }
        return flat;
    }
    #endregion
    #endregion

    /// <summary>This tensor on <paramref name="device"/> (itself if it is already there). The copy is a leaf: no gradient flows back.</summary>
    public Tensor To(IDevice device)
    {
        if (ReferenceEquals(device, Device)) return this;
        return FromArray(ToArray(), Shape, device);
    }

    #region tostring
    /// <summary>NumPy-style: <c>[[1, 2], [3, 4]]</c> with the shape, up to 6 entries per axis.</summary>
    public override string ToString()
    {
        var values = ToArray();
        var text = new StringBuilder("tensor(");
        Append(text, values, 0, 0, indent: 7);
        text.Append(", shape=").Append(Shape);
        if (Device.Name != "cpu") text.Append(", device=").Append(Device.Name);
        if (RequiresGrad) text.Append(", requires_grad");
        return text.Append(')').ToString();
    }

    private void Append(StringBuilder text, float[] values, int axis, int offset, int indent)
    {
        if (axis == Rank) { text.Append(Format(values[offset])); return; }
        int n = Shape[axis], stride = Shape.Strides()[axis];
        text.Append('[');
        for (int i = 0; i < n; i++)
        {
            if (n > 6 && i == 3) { text.Append("..., "); i = n - 3; }
            Append(text, values, axis + 1, offset + i * stride, indent + 1);
            if (i < n - 1) text.Append(axis == Rank - 1 ? ", " : ",\n" + new string(' ', indent + axis + 1));
        }
        text.Append(']');
    }

    private static string Format(float v) => v.ToString("0.####", CultureInfo.InvariantCulture);
    #endregion
}
