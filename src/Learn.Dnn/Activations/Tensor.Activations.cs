using Learn.Dnn.Devices;

namespace Learn.Dnn;

/// <summary>The activation functions as tensor operations (their math: Activations/*.cs).</summary>
public sealed partial class Tensor
{
    /// <summary>σ(x) = 1/(1 + e⁻ˣ).</summary>
    [Chapter(2)] public Tensor Sigmoid() => Map(UnaryOp.Sigmoid, 0f, "sigmoid");

    /// <summary>tanh x.</summary>
    [Chapter(2)] public Tensor Tanh() => Map(UnaryOp.Tanh, 0f, "tanh");

    /// <summary>max(0, x).</summary>
    [Chapter(2)] public Tensor Relu() => Map(UnaryOp.Relu, 0f, "relu");

    /// <summary>x for x &gt; 0, αx otherwise.</summary>
    [Chapter(3)] public Tensor LeakyRelu(float alpha = 0.3f) => Map(UnaryOp.LeakyRelu, alpha, "leaky_relu");

    /// <summary>x for x &gt; 0, α(eˣ − 1) otherwise.</summary>
    [Chapter(3)] public Tensor Elu(float alpha = 1f) => Map(UnaryOp.Elu, alpha, "elu");

    /// <summary>ln(1 + eˣ).</summary>
    [Chapter(3)] public Tensor Softplus() => Map(UnaryOp.Softplus, 0f, "softplus");

    /// <summary>GELU, tanh approximation.</summary>
    [Chapter(3)] public Tensor Gelu() => Map(UnaryOp.Gelu, 0f, "gelu");
}
