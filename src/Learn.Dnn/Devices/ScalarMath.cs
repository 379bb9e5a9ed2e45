using Learn.Dnn.Activations;

namespace Learn.Dnn.Devices;

/// <summary>
/// Every elementwise map and its derivative, on one float: the reference that the CPU backend
/// runs and the OpenCL kernels mirror. The activations' formulas live in their own files
/// (Activations/*.cs); this table routes each <see cref="UnaryOp"/> to its formula.
/// </summary>
internal static class ScalarMath
{
    /// <summary>y = f(x).</summary>
    public static float Forward(UnaryOp op, float p, float x) => op switch
    {
        UnaryOp.Negate => -x,
        UnaryOp.Scale => p * x,
        UnaryOp.AddScalar => x + p,
        UnaryOp.Pow => MathF.Pow(x, p),
        UnaryOp.Exp => MathF.Exp(x),
        UnaryOp.Log => MathF.Log(x),
        UnaryOp.Sqrt => MathF.Sqrt(x),
        UnaryOp.Abs => MathF.Abs(x),
        UnaryOp.Step => x >= 0f ? 1f : 0f,
        UnaryOp.Sigmoid => Sigmoid.Function(x),
        UnaryOp.Tanh => Tanh.Function(x),
        UnaryOp.Relu => Relu.Function(x),
        UnaryOp.LeakyRelu => LeakyRelu.Function(x, p),
        UnaryOp.Elu => Elu.Function(x, p),
        UnaryOp.Softplus => Softplus.Function(x),
        UnaryOp.Gelu => Gelu.Function(x),
        _ => throw new NotSupportedException($"Unary: unknown operation {op}."),
    };

    /// <summary>f'(x), given x and y = f(x).</summary>
    public static float Derivative(UnaryOp op, float p, float x, float y) => op switch
    {
        UnaryOp.Negate => -1f,
        UnaryOp.Scale => p,
        UnaryOp.AddScalar => 1f,
        UnaryOp.Pow => p * MathF.Pow(x, p - 1f),          // d/dx xᵖ = p·xᵖ⁻¹
        UnaryOp.Exp => y,                                  // d/dx eˣ = eˣ
        UnaryOp.Log => 1f / x,                             // d/dx ln x = 1/x
        UnaryOp.Sqrt => 0.5f / y,                          // d/dx √x = 1/(2√x)
        UnaryOp.Abs => x > 0f ? 1f : x < 0f ? -1f : 0f,    // sign(x), 0 at the kink
        UnaryOp.Step => 0f,                                // flat everywhere it is defined: no gradient
        UnaryOp.Sigmoid => Sigmoid.Derivative(y),
        UnaryOp.Tanh => Tanh.Derivative(y),
        UnaryOp.Relu => Relu.Derivative(x),
        UnaryOp.LeakyRelu => LeakyRelu.Derivative(x, p),
        UnaryOp.Elu => Elu.Derivative(x, y, p),
        UnaryOp.Softplus => Softplus.Derivative(x),
        UnaryOp.Gelu => Gelu.Derivative(x),
        _ => throw new NotSupportedException($"Unary: unknown operation {op}."),
    };

    /// <summary>c = a ∘ b.</summary>
    public static float Binary(BinaryOp op, float a, float b) => op switch
    {
        BinaryOp.Add => a + b,
        BinaryOp.Subtract => a - b,
        BinaryOp.Multiply => a * b,
        BinaryOp.Divide => a / b,
        BinaryOp.Maximum => MathF.Max(a, b),
        BinaryOp.Minimum => MathF.Min(a, b),
        BinaryOp.Equal => a == b ? 1f : 0f,
        _ => throw new NotSupportedException($"Binary: unknown operation {op}."),
    };
}
