namespace Learn.Dnn.Exercises.Ch04;

/// <summary>Chapter 4: turning logits into probabilities without overflow.</summary>
public static class Softmax
{
    /// <summary>
    /// Exercise ch04.softmax — softmax(z)ᵢ = e^zᵢ / Σⱼ e^zⱼ for logits z: [n], computed stably:
    /// softmax is unchanged when the same c is subtracted from every zᵢ, so subtract c = max z
    /// first; then every exponent is ≤ 0 and e^0 = 1 keeps the sum ≥ 1. Logits of ±1000 must work.
    /// <para>Hint 1 (nudge): softmax does not change when the same number is subtracted from every logit; choose the number that keeps every exponential ≤ 1.</para>
    /// <para>Hint 2 (formula): pᵢ = e^(zᵢ − m) / Σⱼ e^(zⱼ − m), with m = maxⱼ zⱼ.</para>
    /// <para>Hint 3 (code): double m = logits.Max(); var e = logits.Select(z =&gt; Math.Exp(z - m)).ToArray(); double sum = e.Sum(); return e.Select(v =&gt; v / sum).ToArray();</para>
    /// </summary>
    public static double[] Function(double[] logits)
    {
        // BEGIN YOUR CODE ch04.softmax
        throw new NotImplementedException("ch04.softmax: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }

    /// <summary>
    /// Exercise ch04.log-sum-exp — LSE(x) = ln Σᵢ e^xᵢ for x: [n], computed stably as
    /// LSE(x) = m + ln Σᵢ e^(xᵢ − m) with m = max x. It is a smooth maximum: m ≤ LSE(x) ≤ m + ln n.
    /// LSE([1000, 1000]) = 1000 + ln 2, and LSE([−1000, −1000]) = −1000 + ln 2.
    /// <para>Hint 1 (nudge): the softmax trick again: take the largest term out of the sum before exponentiating.</para>
    /// <para>Hint 2 (formula): ln Σᵢ e^(xᵢ) = m + ln Σᵢ e^(xᵢ − m), with m = maxᵢ xᵢ.</para>
    /// <para>Hint 3 (code): double m = x.Max(); return m + Math.Log(x.Sum(v =&gt; Math.Exp(v - m)));</para>
    /// </summary>
    public static double LogSumExp(double[] x)
    {
        // BEGIN YOUR CODE ch04.log-sum-exp
        throw new NotImplementedException("ch04.log-sum-exp: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
