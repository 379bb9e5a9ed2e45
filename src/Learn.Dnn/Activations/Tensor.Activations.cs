using Learn.Dnn.Activations;

namespace Learn.Dnn;

/// <summary>Adds the activation functions to Tensor as tensor operations (their math, for every device: Activations/*.cs).</summary>
public sealed partial class Tensor
{
    /// <summary>σ(x) = 1/(1 + e⁻ˣ).</summary>
    [Chapter(2)] public Tensor Sigmoid() => Map(Activations.Sigmoid.Elementwise);

    /// <summary>tanh x.</summary>
    [Chapter(2)] public Tensor Tanh() => Map(Activations.Tanh.Elementwise);

    /// <summary>max(0, x).</summary>
    [Chapter(2)] public Tensor Relu() => Map(Activations.Relu.Elementwise);

    /// <summary>x for x &gt; 0, αx otherwise; α = 0.2 as Keras' "leaky_relu" activation (its LeakyReLU layer uses 0.3).</summary>
    [Chapter(3)] public Tensor LeakyRelu(float alpha = 0.2f) => Map(Activations.LeakyRelu.Elementwise, alpha);

    /// <summary>x for x &gt; 0, α(eˣ − 1) otherwise.</summary>
    [Chapter(3)] public Tensor Elu(float alpha = 1f) => Map(Activations.Elu.Elementwise, alpha);

    /// <summary>ln(1 + eˣ).</summary>
    [Chapter(3)] public Tensor Softplus() => Map(Activations.Softplus.Elementwise);

    /// <summary>GELU: exact (erf), as Keras' "gelu"; or the tanh approximation when <paramref name="approximate"/>.</summary>
    [Chapter(3)] public Tensor Gelu(bool approximate = false) =>
        Map(approximate ? Activations.Gelu.ApproximateElementwise : Activations.Gelu.Elementwise);
}
