using System.Numerics.Tensors;
using Learn.Dnn.Devices;

namespace Learn.Dnn;

/// <summary>Adds elementwise maps to Tensor: y = f(x), with backward ∂L/∂x = f'(x)·∂L/∂y.</summary>
public sealed partial class Tensor
{
    #region map
    /// <summary>y = f(x; p) for every element; the backward uses the derivative written beside f.</summary>
    internal Tensor Map(UnaryFunction f, float p = 0f)
    {
        var x = this;
        var y = Empty(Shape, Device);
        Device.Unary(f, p, x.Storage, y.Storage);
        return y.WithGradient(f.Name, [x], dY =>
        {
            var dX = Empty(x.Shape, x.Device);
            Device.UnaryBackward(f, p, x.Storage, y.Storage, dY.Storage, dX.Storage);
            x.AccumulateFreshGrad(dX);
        });
    }
    #endregion

    // Each map: its C# formula and derivative, the same as OpenCL C, and a SIMD form where one exists.

    /// <summary>eˣ.   d/dx eˣ = eˣ = y.</summary>
    internal static readonly UnaryFunction ExpFunction = new("exp",
        (x, _) => MathF.Exp(x), (_, y, _) => y,
        "exp(x)", "y",
        (x, _, y) => TensorPrimitives.Exp(x, y));

    /// <summary>ln x.   d/dx ln x = 1/x.</summary>
    internal static readonly UnaryFunction LogFunction = new("log",
        (x, _) => MathF.Log(x), (x, _, _) => 1f / x,
        "log(x)", "1.0f / x",
        (x, _, y) => TensorPrimitives.Log(x, y));

    /// <summary>√x.   d/dx √x = 1/(2√x) = 1/(2y).</summary>
    internal static readonly UnaryFunction SqrtFunction = new("sqrt",
        (x, _) => MathF.Sqrt(x), (_, y, _) => 0.5f / y,
        "sqrt(x)", "0.5f / y",
        (x, _, y) => TensorPrimitives.Sqrt(x, y));

    /// <summary>|x|.   d/dx |x| = sign(x), 0 at the kink, NaN for NaN.</summary>
    internal static readonly UnaryFunction AbsFunction = new("abs",
        (x, _) => MathF.Abs(x), (x, _, _) => float.IsNaN(x) ? x : x > 0f ? 1f : x < 0f ? -1f : 0f,
        "fabs(x)", "isnan(x) ? x : x > 0.0f ? 1.0f : x < 0.0f ? -1.0f : 0.0f",
        (x, _, y) => TensorPrimitives.Abs(x, y));

    /// <summary>xᵖ.   d/dx xᵖ = p·xᵖ⁻¹.</summary>
    internal static readonly UnaryFunction PowFunction = new("pow",
        (x, p) => MathF.Pow(x, p), (x, _, p) => p * MathF.Pow(x, p - 1f),
        "pow(x, p)", "p * pow(x, p - 1.0f)");

    /// <summary>The step of the threshold logic unit: 1 where x ≥ 0, else 0, and NaN for NaN (NaN in, NaN out: a NaN is never silently a class). Flat wherever it is defined: no gradient.</summary>
    internal static readonly UnaryFunction StepFunction = new("step",
        (x, _) => float.IsNaN(x) ? x : x >= 0f ? 1f : 0f, (_, _, _) => 0f,
        "isnan(x) ? x : x >= 0.0f ? 1.0f : 0.0f", "0.0f");

    /// <summary>eˣ.</summary>
    [Chapter(1)] public Tensor Exp() => Map(ExpFunction);

    /// <summary>ln x.</summary>
    [Chapter(1)] public Tensor Log() => Map(LogFunction);

    /// <summary>√x.</summary>
    [Chapter(1)] public Tensor Sqrt() => Map(SqrtFunction);

    /// <summary>|x|.</summary>
    [Chapter(1)] public Tensor Abs() => Map(AbsFunction);

    /// <summary>xᵖ.</summary>
    [Chapter(1)] public Tensor Pow(float exponent) => Map(PowFunction, exponent);

    /// <summary>x².</summary>
    [Chapter(1)] public Tensor Square() => this * this;

    /// <summary>The Heaviside step of the threshold logic unit: 1 where x ≥ 0, else 0.</summary>
    [Chapter(1)] public Tensor Step() => Map(StepFunction);
}
