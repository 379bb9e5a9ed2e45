namespace Learn.Dnn.Exercises.Ch04;

/// <summary>Chapter 4, on the engine's tensors: a fused loss with a hand-derived backward.</summary>
public static class BinaryCrossEntropy
{
    /// <summary>
    /// Exercise ch04.bce-from-logits — binary cross-entropy from logits as ONE operation (a fused op):
    /// logits z and targets y of the same shape (y ∈ {0, 1}), N = z.Size elements,
    /// L = (1/N)·Σᵢ [max(zᵢ, 0) − zᵢ·yᵢ + ln(1 + e^(−|zᵢ|))], which is −[y ln σ(z) + (1 − y) ln(1 − σ(z))]
    /// written so that no exponential sees a positive number (finite for z = ±1000), and
    /// ∂L/∂zᵢ = (σ(zᵢ) − yᵢ)/N. Return a scalar tensor (Tensor.Scalar) recorded with
    /// <c>WithGradient("bce_logits", [logits], dL =&gt; logits.AccumulateGrad(...))</c>: its only input is the
    /// logits, and its backward multiplies your gradient by dL.Item(). Compute in double, then convert.
    /// Throw an <see cref="ArgumentException"/> when the shapes differ.
    /// <para>Hint 1 (nudge): write each term so that the exponential only ever sees −|z|; the gradient is the same "prediction minus target" as softmax's.</para>
    /// <para>Hint 2 (formula): ℓ(z, y) = max(z, 0) − z·y + ln(1 + e^(−|z|)); L = mean of ℓ; ∂L/∂zᵢ = (σ(zᵢ) − yᵢ)/N, with σ(z) = 1/(1 + e^(−z)) for z ≥ 0 and e^z/(1 + e^z) for z &lt; 0.</para>
    /// <para>Hint 3 (code): loop over z = logits.ToArray() and y = targets.ToArray() summing ℓ and filling grad[i] = (σ(z[i]) − y[i]) / N; return Tensor.Scalar((float)(sum / N)).WithGradient("bce_logits", [logits], dL =&gt; logits.AccumulateGrad(Tensor.FromArray(grad, logits.Shape) * dL.Item()));</para>
    /// </summary>
    public static Tensor FromLogits(Tensor logits, Tensor targets)
    {
        // BEGIN SOLUTION ch04.bce-from-logits
        if (logits.Shape != targets.Shape)
            throw new ArgumentException($"BinaryCrossEntropy.FromLogits: the logits are {logits.Shape} and the targets {targets.Shape}; the shapes must be equal.");
        float[] z = logits.ToArray(), y = targets.ToArray();
        int n = z.Length;
        double sum = 0;
        var gradient = new float[n];
        for (int i = 0; i < n; i++)
        {
            double zi = z[i];
            sum += Math.Max(zi, 0) - zi * y[i] + Math.Log(1 + Math.Exp(-Math.Abs(zi)));    // never e^(positive)
            double sigma = zi >= 0 ? 1 / (1 + Math.Exp(-zi)) : Math.Exp(zi) / (1 + Math.Exp(zi));
            gradient[i] = (float)((sigma - y[i]) / n);                                      // (σ(z) − y)/N
        }
        return Tensor.Scalar((float)(sum / n)).WithGradient("bce_logits", [logits], dL =>
            logits.AccumulateGrad(Tensor.FromArray(gradient, logits.Shape) * dL.Item()));
        // END SOLUTION
    }
}
