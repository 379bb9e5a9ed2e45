namespace Learn.Dnn.Exercises.Ch04;

/// <summary>Chapter 4: turning logits into probabilities without overflow.</summary>
public static class Softmax
{
    /// <summary>
    /// Exercise ch04.softmax — softmax(z)ᵢ = e^zᵢ / Σⱼ e^zⱼ for logits z: [n], computed stably:
    /// softmax is unchanged when the same c is subtracted from every zᵢ, so subtract c = max z
    /// first; then every exponent is ≤ 0 and e^0 = 1 keeps the sum ≥ 1. Logits of ±1000 must work.
    /// <para>Hint: find the max, compute e^(zᵢ − max) for each i, then divide each by their sum.</para>
    /// </summary>
    public static double[] Function(double[] logits)
    {
        // BEGIN SOLUTION ch04.softmax
        double max = logits.Max();
        var exps = logits.Select(z => Math.Exp(z - max)).ToArray();
        double sum = exps.Sum();
        return exps.Select(e => e / sum).ToArray();
        // END SOLUTION
    }

    /// <summary>
    /// Exercise ch04.log-sum-exp — LSE(x) = ln Σᵢ e^xᵢ for x: [n], computed stably as
    /// LSE(x) = m + ln Σᵢ e^(xᵢ − m) with m = max x. It is a smooth maximum: m ≤ LSE(x) ≤ m + ln n.
    /// LSE([1000, 1000]) = 1000 + ln 2, and LSE([−1000, −1000]) = −1000 + ln 2.
    /// <para>Hint: m = the max; then m + Math.Log of the sum of Math.Exp(xᵢ − m).</para>
    /// </summary>
    public static double LogSumExp(double[] x)
    {
        // BEGIN SOLUTION ch04.log-sum-exp
        double max = x.Max();
        return max + Math.Log(x.Sum(v => Math.Exp(v - max)));
        // END SOLUTION
    }
}
