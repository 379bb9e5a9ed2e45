using Learn.Dnn.Devices;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Activations;

/// <summary>
/// The Gaussian error linear unit (Hendrycks and Gimpel, 2016): x·Φ(x), weighting the input by the
/// probability that a standard normal is below it. Keras' "gelu" is the exact form, with the error
/// function (<c>approximate=False</c>), and so is ours; <c>new Gelu(approximate: true)</c> is the
/// paper's tanh approximation (GPT-2's, Keras' <c>approximate=True</c>), within 1e-3 of it.
/// </summary>
[Chapter(3)]
[KerasName("gelu")]
public sealed class Gelu(bool approximate = false) : Activation
{
    /// <summary>Whether this is the tanh approximation rather than the exact form.</summary>
    public bool Approximate { get; } = approximate;


    private const float InvSqrt2 = 0.70710678f;       // 1/√2
    private const float InvSqrt2Pi = 0.39894228f;     // 1/√(2π)
    private const float C = 0.7978845608f;            // √(2/π)
    private const float A = 0.044715f;

    #region math
    /// <summary>gelu(x) = x·Φ(x) = ½x(1 + erf(x/√2)).</summary>
    public static float Function(float x) => 0.5f * x * (1f + Erf(x * InvSqrt2));

    /// <summary>gelu'(x) = Φ(x) + x·φ(x), with the normal density φ(x) = e^(−x²/2)/√(2π).</summary>
    public static float Derivative(float x) =>
        0.5f * (1f + Erf(x * InvSqrt2)) + x * MathF.Exp(-0.5f * x * x) * InvSqrt2Pi;

    /// <summary>The tanh approximation: gelu(x) ≈ ½x(1 + tanh u), u = √(2/π)(x + 0.044715x³).</summary>
    public static float ApproximateFunction(float x)
    {
        float u = C * (x + A * x * x * x);
        return 0.5f * x * (1f + MathF.Tanh(u));
    }

    /// <summary>Its derivative: ½(1 + tanh u) + ½x(1 − tanh²u)·du/dx, with du/dx = √(2/π)(1 + 3·0.044715x²).</summary>
    public static float ApproximateDerivative(float x)
    {
        float u = C * (x + A * x * x * x);
        float t = MathF.Tanh(u);
        float du = C * (1f + 3f * A * x * x);
        return 0.5f * (1f + t) + 0.5f * x * (1f - t * t) * du;
    }
    #endregion

    /// <summary>
    /// The error function erf(x) = (2/√π)∫₀ˣ e^(−t²) dt, which .NET's MathF lacks: Abramowitz and
    /// Stegun's formula 7.1.26, |error| &lt; 1.5e-7, below float32's resolution of ½(1 + erf); erf(±∞) = ±1.
    /// </summary>
    public static float Erf(float x)
    {
        if (float.IsNaN(x)) return x;   // erf(NaN) = NaN (Math.Sign would throw)
        double z = Math.Abs((double)x);   // in double, so that float rounding adds nothing to the formula's error
        double t = 1 / (1 + 0.3275911 * z);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        return (float)(Math.Sign(x) * (1 - poly * Math.Exp(-z * z)));
    }

    /// <summary>Exact GELU for every device: the formula above and the same in OpenCL C (its built-in erf).</summary>
    public static readonly UnaryFunction Elementwise = new("gelu",
        (x, _) => Function(x), (x, _, _) => Derivative(x),
        "0.5f * x * (1.0f + erf(x * 0.70710678f))",
        "0.5f * (1.0f + erf(x * 0.70710678f)) + x * exp(-0.5f * x * x) * 0.39894228f");

    private const string U = "(0.7978845608f * (x + 0.044715f * x * x * x))";

    /// <summary>The tanh approximation for every device.</summary>
    public static readonly UnaryFunction ApproximateElementwise = new("gelu_tanh",
        (x, _) => ApproximateFunction(x), (x, _, _) => ApproximateDerivative(x),
        $"0.5f * x * (1.0f + saturating_tanh({U}))",
        $"0.5f * (1.0f + saturating_tanh({U})) + 0.5f * x * (1.0f - saturating_tanh({U}) * saturating_tanh({U})) * 0.7978845608f * (1.0f + 3.0f * 0.044715f * x * x)");

    public override Tensor Call(Tensor x) => x.Map(Approximate ? ApproximateElementwise : Elementwise);
}
