namespace Learn.Dnn.Activations;

/// <summary>
/// The Gaussian error linear unit (Hendrycks and Gimpel, 2016): x·Φ(x), weighting the input by the
/// probability that a standard normal is below it. We use the paper's tanh approximation, which is
/// Keras' <c>gelu(approximate=True)</c> and GPT-2's; it differs from the exact form by &lt; 1e-3.
/// </summary>
[Chapter(3)]
public sealed class Gelu : Activation
{
    public override string Name => "gelu";

    private const float C = 0.7978845608f;   // √(2/π)
    private const float A = 0.044715f;

    #region math
    /// <summary>gelu(x) ≈ ½x(1 + tanh u), u = √(2/π)(x + 0.044715x³).</summary>
    public static float Function(float x)
    {
        float u = C * (x + A * x * x * x);
        return 0.5f * x * (1f + MathF.Tanh(u));
    }

    /// <summary>
    /// gelu'(x) = ½(1 + tanh u) + ½x(1 − tanh²u)·du/dx, with du/dx = √(2/π)(1 + 3·0.044715x²).
    /// </summary>
    public static float Derivative(float x)
    {
        float u = C * (x + A * x * x * x);
        float t = MathF.Tanh(u);
        float du = C * (1f + 3f * A * x * x);
        return 0.5f * (1f + t) + 0.5f * x * (1f - t * t) * du;
    }
    #endregion

    public override Tensor Call(Tensor x) => x.Gelu();
}
