using Learn.Dnn.Devices;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Activations;

/// <summary>Softplus ln(1 + eˣ): a smooth ReLU whose derivative is the sigmoid.</summary>
[Chapter(3)]
[KerasName("softplus")]
public sealed class Softplus : Activation
{
    #region math
    /// <summary>
    /// softplus(x) = ln(1 + eˣ) = max(x, 0) + ln(1 + e^−|x|): the second form never overflows
    /// (e⁸⁹ is already infinite in float32).
    /// </summary>
    public static float Function(float x) => MathF.Max(x, 0f) + MathF.Log(1f + MathF.Exp(-MathF.Abs(x)));

    /// <summary>softplus'(x) = eˣ/(1 + eˣ) = σ(x).</summary>
    public static float Derivative(float x) => Sigmoid.Function(x);
    #endregion

    /// <summary>Softplus for every device: the formula above and the same in OpenCL C.</summary>
    public static readonly UnaryFunction Elementwise = new("softplus",
        (x, _) => Function(x), (x, _, _) => Derivative(x),
        "fmax(x, 0.0f) + log(1.0f + exp(-fabs(x)))", Sigmoid.Elementwise.OpenClForward);   // softplus' = σ

    public override Tensor Call(Tensor x) => x.Map(Elementwise);
}
