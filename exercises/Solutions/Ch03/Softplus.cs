namespace Learn.Dnn.Exercises.Ch03;

/// <summary>Chapter 3: softplus, a smooth ReLU whose derivative is the sigmoid.</summary>
public static class Softplus
{
    /// <summary>
    /// Exercise ch03.softplus — softplus(x) = ln(1 + eˣ), computed so that it never overflows:
    /// e⁷¹⁰ is already ∞ in double, yet softplus(1000) = 1000 (to 15 digits). Use the identity
    /// ln(1 + eˣ) = max(x, 0) + ln(1 + e^−|x|), whose exponent is never positive.
    /// <para>Hint 1 (nudge): ln(1 + eˣ) overflows for large x; rewrite it so that the exponential only ever sees a number ≤ 0.</para>
    /// <para>Hint 2 (formula): softplus(x) = max(x, 0) + ln(1 + e^(−|x|)), the same value for every x.</para>
    /// <para>Hint 3 (code): return Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));</para>
    /// </summary>
    public static double Function(double x)
    {
        // BEGIN SOLUTION ch03.softplus
        return Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));
        // END SOLUTION
    }
}
