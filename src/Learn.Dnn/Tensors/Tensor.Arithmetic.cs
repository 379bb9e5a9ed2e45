using System.Numerics.Tensors;
using Learn.Dnn.Devices;

namespace Learn.Dnn;

/// <summary>Adds elementwise arithmetic to Tensor: NumPy broadcasting, each operation with its backward beside it.</summary>
public sealed partial class Tensor
{
    // The elementwise functions behind the operators: the C# formula, the same as OpenCL C, and a
    // SIMD form for same-shape operands. Each operation below writes its own backward.
    internal static readonly BinaryFunction AddFunction = new("add", (a, b) => a + b, "a + b", (a, b, c) => TensorPrimitives.Add(a, b, c));
    internal static readonly BinaryFunction SubtractFunction = new("subtract", (a, b) => a - b, "a - b", (a, b, c) => TensorPrimitives.Subtract(a, b, c));
    internal static readonly BinaryFunction MultiplyFunction = new("multiply", (a, b) => a * b, "a * b", (a, b, c) => TensorPrimitives.Multiply(a, b, c));
    internal static readonly BinaryFunction DivideFunction = new("divide", (a, b) => a / b, "a / b", (a, b, c) => TensorPrimitives.Divide(a, b, c));

    /// <summary>max(a, b), NaN if either is NaN (as .NET's MathF.Max; OpenCL's fmax would return the other number).</summary>
    internal static readonly BinaryFunction MaximumFunction = new("maximum", MathF.Max,
        "isnan(a) || isnan(b) ? NAN : a == b ? (signbit(a) ? b : a) : a > b ? a : b");

    /// <summary>1 where a = b, else 0: the mask that routes a max's gradient.</summary>
    internal static readonly BinaryFunction EqualFunction = new("equal", (a, b) => a == b ? 1f : 0f, "a == b ? 1.0f : 0.0f");

    /// <summary>−x.   d/dx = −1.</summary>
    internal static readonly UnaryFunction NegateFunction = new("negate", (x, _) => -x, (_, _, _) => -1f, "-x", "-1.0f",
        (x, _, y) => TensorPrimitives.Negate(x, y));

    /// <summary>p·x.   d/dx = p.</summary>
    internal static readonly UnaryFunction ScaleFunction = new("scale", (x, p) => p * x, (_, _, p) => p, "p * x", "p",
        (x, p, y) => TensorPrimitives.Multiply(x, p, y));

    /// <summary>x + p.   d/dx = 1.</summary>
    internal static readonly UnaryFunction AddScalarFunction = new("add_scalar", (x, p) => x + p, (_, _, _) => 1f, "x + p", "1.0f",
        (x, p, y) => TensorPrimitives.Add(x, p, y));

    #region binary
    /// <summary>
    /// c = a ∘ b elementwise, broadcasting the shapes (see <see cref="Shape.Broadcast"/>).
    /// The backward of broadcasting is a sum: an input that was repeated along an axis receives the
    /// sum of the gradients of all its copies (<see cref="SumTo"/>).
    /// </summary>
    private static Tensor Binary(BinaryFunction f, Tensor a, Tensor b,
                                 Func<Tensor, Tensor, Tensor, Tensor> gradA,
                                 Func<Tensor, Tensor, Tensor, Tensor> gradB)
    {
        RequireSameDevice(f.Name, a, b);
        var shape = Shape.Broadcast(a.Shape, b.Shape, f.Name);
        var c = Empty(shape, a.Device);
        a.Device.Binary(f, a.Storage, a.Shape, b.Storage, b.Shape, c.Storage, shape);
        return c.WithGradient(f.Name, [a, b], dC =>
        {
            if (a.RequiresGrad) a.AccumulateGrad(gradA(dC, a, b).SumTo(a.Shape));
            if (b.RequiresGrad) b.AccumulateGrad(gradB(dC, a, b).SumTo(b.Shape));
        });
    }

    /// <summary>c = a + b.   ∂c/∂a = 1, ∂c/∂b = 1.</summary>
    [Chapter(1)]
    public static Tensor Add(Tensor a, Tensor b) =>
        Binary(AddFunction, a, b, (dC, _, _) => dC, (dC, _, _) => dC);

    /// <summary>c = a − b.   ∂c/∂a = 1, ∂c/∂b = −1.</summary>
    [Chapter(1)]
    public static Tensor Subtract(Tensor a, Tensor b) =>
        Binary(SubtractFunction, a, b, (dC, _, _) => dC, (dC, _, _) => -dC);

    /// <summary>c = a ⊙ b.   ∂c/∂a = b, ∂c/∂b = a.</summary>
    [Chapter(1)]
    public static Tensor Multiply(Tensor a, Tensor b) =>
        Binary(MultiplyFunction, a, b, (dC, _, y) => dC * y, (dC, x, _) => dC * x);

    /// <summary>c = a / b.   ∂c/∂a = 1/b, ∂c/∂b = −a/b².</summary>
    [Chapter(1)]
    public static Tensor Divide(Tensor a, Tensor b) =>
        Binary(DivideFunction, a, b, (dC, _, y) => dC / y, (dC, x, y) => -dC * x / (y * y));

    /// <summary>c = max(a, b).   The gradient goes to the larger input (to a on ties).</summary>
    [Chapter(1)]
    public static Tensor Maximum(Tensor a, Tensor b) =>
        Binary(MaximumFunction, a, b,
            (dC, x, y) => dC * GreaterOrEqualMask(x, y),
            (dC, x, y) => dC * (1f - GreaterOrEqualMask(x, y)));
    #endregion

    /// <summary>1 where a ≥ b, else 0 (no gradient).</summary>
    private static Tensor GreaterOrEqualMask(Tensor a, Tensor b)
    {
        using var _ = NoGrad();
        var shape = Shape.Broadcast(a.Shape, b.Shape, "maximum");
        var max = Zeros(shape, a.Device);
        a.Device.Binary(MaximumFunction, a.Storage, a.Shape, b.Storage, b.Shape, max.Storage, shape);
        var mask = Zeros(shape, a.Device);
        a.Device.Binary(EqualFunction, max.Storage, shape, a.Storage, a.Shape, mask.Storage, shape);
        return mask;
    }

    #region sum-to
    /// <summary>
    /// Sums this tensor down to <paramref name="shape"/>, the shape it was broadcast from:
    /// the gradient of broadcasting. A no-op when the shapes already agree.
    /// </summary>
    internal Tensor SumTo(Shape shape)
    {
        if (shape == Shape) return this;
        var result = Zeros(shape, Device);
        Device.SumToShape(Storage, Shape, result.Storage, shape);
        return result.WithGradient("sum_to", [this], dY => AccumulateGrad(dY.BroadcastTo(Shape)));
    }

    /// <summary>This tensor repeated along broadcast axes to <paramref name="shape"/>.</summary>
    internal Tensor BroadcastTo(Shape shape)
    {
        if (shape == Shape) return this;
        return this + Zeros(shape, Device);
    }
    #endregion

    internal static void RequireSameDevice(string operation, Tensor a, Tensor b)
    {
        if (!ReferenceEquals(a.Device, b.Device))
            throw new InvalidOperationException($"{operation}: tensors live on different devices ({a.Device.Name} and {b.Device.Name}); move one with To(device).");
    }

    /// <summary>A scalar on this tensor's device, for mixing numbers into tensor arithmetic.</summary>
    private Tensor ScalarLike(float value) => Scalar(value, Device);

    [Chapter(1)] public static Tensor operator +(Tensor a, Tensor b) => Add(a, b);
    [Chapter(1)] public static Tensor operator -(Tensor a, Tensor b) => Subtract(a, b);
    [Chapter(1)] public static Tensor operator *(Tensor a, Tensor b) => Multiply(a, b);
    [Chapter(1)] public static Tensor operator /(Tensor a, Tensor b) => Divide(a, b);
    [Chapter(1)] public static Tensor operator -(Tensor a) => a.Map(NegateFunction);
    [Chapter(1)] public static Tensor operator +(Tensor a, float b) => a.Map(AddScalarFunction, b);
    [Chapter(1)] public static Tensor operator +(float a, Tensor b) => b + a;
    [Chapter(1)] public static Tensor operator -(Tensor a, float b) => a + (-b);
    [Chapter(1)] public static Tensor operator -(float a, Tensor b) => (-b) + a;
    [Chapter(1)] public static Tensor operator *(Tensor a, float b) => a.Map(ScaleFunction, b);
    [Chapter(1)] public static Tensor operator *(float a, Tensor b) => b * a;
    [Chapter(1)] public static Tensor operator /(Tensor a, float b) => a * (1f / b);
    [Chapter(1)] public static Tensor operator /(float a, Tensor b) => Divide(b.ScalarLike(a), b);

    /// <summary>c = min(a, b).   The gradient goes to the smaller input (to a on ties).</summary>
    [Chapter(1)]
    public static Tensor Minimum(Tensor a, Tensor b) => -Maximum(-a, -b);

    /// <summary>Every element limited to [low, high]; the gradient is zero where the limit applied.</summary>
    [Chapter(4)]
    public Tensor Clip(float low, float high) => Minimum(Maximum(this, ScalarLike(low)), ScalarLike(high));
}
