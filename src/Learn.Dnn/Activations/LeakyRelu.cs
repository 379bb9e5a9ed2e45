namespace Learn.Dnn.Activations;

/// <summary>Leaky ReLU: x for x &gt; 0, αx otherwise, so a unit never dies completely. Keras' default α is 0.3.</summary>
[Chapter(3)]
public sealed class LeakyRelu(float alpha = 0.3f) : Activation
{
    public float Alpha { get; } = alpha;

    public override string Name => "leaky_relu";

    #region math
    /// <summary>f(x) = x for x &gt; 0, αx otherwise.</summary>
    public static float Function(float x, float alpha) => x > 0f ? x : alpha * x;

    /// <summary>f'(x) = 1 for x &gt; 0, α otherwise (α at x = 0, like ReLU's left side).</summary>
    public static float Derivative(float x, float alpha) => x > 0f ? 1f : alpha;
    #endregion

    public override Tensor Call(Tensor x) => x.LeakyRelu(Alpha);
}
