namespace Learn.Dnn.Exercises.Ch05;

/// <summary>Chapter 5: the update rules of SGD with momentum and Adam, and gradient clipping, as Keras 3 writes them.</summary>
public static class OptimizerSteps
{
    /// <summary>
    /// Exercise ch05.momentum-step — one step of Keras 3's SGD with momentum, in place, on weights w,
    /// gradient g and velocity v, all [n]: v ← μ·v − η·g, then w ← w + v, or with Nesterov's look-ahead
    /// w ← w + μ·v − η·g (the new v). The velocity starts at zero; update <paramref name="velocity"/> and
    /// <paramref name="weights"/> in place. Throw an <see cref="ArgumentException"/> when the lengths differ.
    /// <para>Hint 1 (nudge): update the velocity first, then move the weight by it; Nesterov adds one more momentum step on top.</para>
    /// <para>Hint 2 (formula): vᵢ ← μ·vᵢ − η·gᵢ; plain: wᵢ ← wᵢ + vᵢ; Nesterov: wᵢ ← wᵢ + μ·vᵢ − η·gᵢ.</para>
    /// <para>Hint 3 (code): for (int i = 0; i &lt; weights.Length; i++) { velocity[i] = momentum * velocity[i] - learningRate * gradient[i]; weights[i] += nesterov ? momentum * velocity[i] - learningRate * gradient[i] : velocity[i]; }</para>
    /// </summary>
    public static void MomentumStep(double[] weights, double[] gradient, double[] velocity,
                                    double learningRate, double momentum, bool nesterov)
    {
        // BEGIN YOUR CODE ch05.momentum-step
        throw new NotImplementedException("ch05.momentum-step: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }

    /// <summary>
    /// Exercise ch05.adam-step — step t (1, 2, 3…) of Keras 3's Adam, in place, on weights w, gradient g and
    /// the moments m and v, all [n], which start at zero:
    /// m ← m + (1 − β₁)·(g − m), v ← v + (1 − β₂)·(g² − v), α = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ),
    /// w ← w − α·m/(√v + ε). The bias correction is folded into α, and ε is added to √v, outside the root
    /// and before the correction, exactly as Keras does (the textbook's m̂/(√v̂ + ε) differs slightly when √v is small).
    /// Throw an <see cref="ArgumentException"/> when the lengths differ or t &lt; 1.
    /// <para>Hint 1 (nudge): two moving averages, one of g and one of g², then a step whose size is corrected for their start at zero.</para>
    /// <para>Hint 2 (formula): m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; α = η√(1 − β₂ᵗ)/(1 − β₁ᵗ); w ← w − α·m/(√v + ε).</para>
    /// <para>Hint 3 (code): double alpha = learningRate * Math.Sqrt(1 - Math.Pow(beta2, step)) / (1 - Math.Pow(beta1, step)); then per i: m[i] += (1 - beta1) * (g[i] - m[i]); v[i] += (1 - beta2) * (g[i] * g[i] - v[i]); w[i] -= alpha * m[i] / (Math.Sqrt(v[i]) + epsilon);</para>
    /// </summary>
    public static void AdamStep(double[] weights, double[] gradient, double[] m, double[] v, long step,
                                double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7)
    {
        // BEGIN YOUR CODE ch05.adam-step
        throw new NotImplementedException("ch05.adam-step: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }

    /// <summary>
    /// Exercise ch05.clipnorm — Keras' <c>clipnorm</c> for one gradient g: [n]: if its L2 norm ‖g‖ = √Σgᵢ² is larger
    /// than c, scale it down to norm c, keeping its direction: g·c/‖g‖; otherwise return it unchanged. Return a new
    /// array (do not modify <paramref name="gradient"/>). A zero gradient stays zero. Throw an
    /// <see cref="ArgumentOutOfRangeException"/> when c ≤ 0.
    /// <para>Hint 1 (nudge): only the length of the gradient changes, never its direction, and only when it is too long.</para>
    /// <para>Hint 2 (formula): g ← g·c / max(‖g‖, c), with ‖g‖ = √(Σᵢ gᵢ²).</para>
    /// <para>Hint 3 (code): double norm = Math.Sqrt(gradient.Sum(x =&gt; x * x)); double scale = clipnorm / Math.Max(norm, clipnorm); return gradient.Select(x =&gt; x * scale).ToArray();</para>
    /// </summary>
    public static double[] ClipNorm(double[] gradient, double clipnorm)
    {
        // BEGIN YOUR CODE ch05.clipnorm
        throw new NotImplementedException("ch05.clipnorm: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
