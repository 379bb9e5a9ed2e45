namespace Learn.Dnn.Exercises.Ch04;

/// <summary>Chapter 4: categorical cross-entropy computed from logits, and its famously simple gradient.</summary>
public static class CrossEntropy
{
    /// <summary>
    /// Exercise ch04.cross-entropy — the loss of logits z: [n] against a target distribution y: [n]
    /// (one-hot, or any probabilities summing to 1): L = −Σᵢ yᵢ·ln softmax(z)ᵢ.
    /// Compute it from the logits, never from probabilities: ln softmax(z)ᵢ = zᵢ − LSE(z), with
    /// LSE(z) = ln Σⱼ e^zⱼ taken stably, so logits of ±1000 give a finite loss.
    /// <para>Hint 1 (nudge): never compute a probability and then its logarithm: get the log-probabilities straight from the logits.</para>
    /// <para>Hint 2 (formula): ln softmax(z)ᵢ = zᵢ − lse(z), so L = −Σᵢ yᵢ ln pᵢ = Σᵢ yᵢ·(lse(z) − zᵢ), with lse(z) = max + ln Σⱼ e^(zⱼ − max).</para>
    /// <para>Hint 3 (code): double lse = m + Math.Log(logits.Sum(z =&gt; Math.Exp(z - m))) with m = logits.Max(); double loss = 0; for (int i = 0; i &lt; logits.Length; i++) loss += target[i] * (lse - logits[i]); return loss;</para>
    /// </summary>
    public static double Loss(double[] logits, double[] target)
    {
        // BEGIN SOLUTION ch04.cross-entropy
        double max = logits.Max();
        double lse = max + Math.Log(logits.Sum(z => Math.Exp(z - max)));
        double loss = 0;
        for (int i = 0; i < logits.Length; i++)
            loss += target[i] * (lse - logits[i]);   // −yᵢ·ln softmax(z)ᵢ
        return loss;
        // END SOLUTION
    }

    /// <summary>
    /// Exercise ch04.cross-entropy-gradient — ∂L/∂zᵢ for the loss above, when y sums to 1:
    /// ∂L/∂zᵢ = softmax(z)ᵢ − yᵢ, that is p − y. (Each ln softmax term contributes −yᵢ for its own
    /// zᵢ and softmax(z)ᵢ·Σⱼ yⱼ = softmax(z)ᵢ through the LSE.) Stable for logits of ±1000.
    /// <para>Hint 1 (nudge): the softmax and the logarithm cancel each other's awkward parts: the gradient is the simplest expression you can think of.</para>
    /// <para>Hint 2 (formula): ∂L/∂zᵢ = softmax(z)ᵢ − yᵢ, that is p − y, when Σᵢ yᵢ = 1.</para>
    /// <para>Hint 3 (code): compute p = the stable softmax of the logits (subtract the max), then return p.Select((pi, i) =&gt; pi - target[i]).ToArray();</para>
    /// </summary>
    public static double[] Gradient(double[] logits, double[] target)
    {
        // BEGIN SOLUTION ch04.cross-entropy-gradient
        double max = logits.Max();
        var exps = logits.Select(z => Math.Exp(z - max)).ToArray();
        double sum = exps.Sum();
        return exps.Select((e, i) => e / sum - target[i]).ToArray();
        // END SOLUTION
    }
}
