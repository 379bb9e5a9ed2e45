using Learn.Dnn.Devices;

namespace Learn.Dnn;

/// <summary>Elementwise maps y = f(x), with backward ∂L/∂x = f'(x)·∂L/∂y.</summary>
public sealed partial class Tensor
{
    #region map
    /// <summary>y = f(x) for every element; the derivative comes from the same <see cref="UnaryOp"/>.</summary>
    internal Tensor Map(UnaryOp op, float parameter, string name)
    {
        var x = this;
        var y = ZerosLike();
        Device.Unary(op, parameter, x.Storage, y.Storage);
        return y.WithGradient(name, [x], dY =>
        {
            var dX = x.ZerosLike();
            Device.UnaryBackward(op, parameter, x.Storage, y.Storage, dY.Storage, dX.Storage);
            x.AccumulateGrad(dX);
        });
    }
    #endregion

    /// <summary>eˣ.</summary>
    [Chapter(1)] public Tensor Exp() => Map(UnaryOp.Exp, 0f, "exp");

    /// <summary>ln x.</summary>
    [Chapter(1)] public Tensor Log() => Map(UnaryOp.Log, 0f, "log");

    /// <summary>√x.</summary>
    [Chapter(1)] public Tensor Sqrt() => Map(UnaryOp.Sqrt, 0f, "sqrt");

    /// <summary>|x|.</summary>
    [Chapter(1)] public Tensor Abs() => Map(UnaryOp.Abs, 0f, "abs");

    /// <summary>xᵖ.</summary>
    [Chapter(1)] public Tensor Pow(float exponent) => Map(UnaryOp.Pow, exponent, "pow");

    /// <summary>x².</summary>
    [Chapter(1)] public Tensor Square() => this * this;

    /// <summary>The Heaviside step of the threshold logic unit: 1 where x ≥ 0, else 0.</summary>
    [Chapter(1)] public Tensor Step() => Map(UnaryOp.Step, 0f, "step");
}
