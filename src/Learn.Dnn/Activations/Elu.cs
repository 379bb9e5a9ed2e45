using Learn.Dnn.Devices;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Activations;

/// <summary>The exponential linear unit (Clevert et al., 2015): x for x &gt; 0, α(eˣ − 1) otherwise; smooth at 0 when α = 1.</summary>
[Chapter(3)]
[KerasName("elu")]
public sealed class Elu(double alpha = 1) : Activation
{
    public float Alpha { get; } = (float)alpha;


    #region math
    /// <summary>f(x) = x for x &gt; 0, α(eˣ − 1) otherwise.</summary>
    public static float Function(float x, float alpha) => x > 0f ? x : alpha * (MathF.Exp(x) - 1f);

    /// <summary>f'(x) = 1 for x &gt; 0, αeˣ = y + α otherwise (from the output y).</summary>
    public static float Derivative(float x, float y, float alpha) => x > 0f ? 1f : y + alpha;
    #endregion

    /// <summary>ELU for every device (p = α): the formula above and the same in OpenCL C.</summary>
    public static readonly UnaryFunction Elementwise = new("elu",
        (x, p) => Function(x, p), (x, y, p) => Derivative(x, y, p),
        "x > 0.0f ? x : p * (exp(x) - 1.0f)", "x > 0.0f ? 1.0f : y + p");

    public override Tensor Call(Tensor x) => x.Map(Elementwise, Alpha);
}
