namespace Learn.Dnn.Exercises.Ch03;

/// <summary>Chapter 3: softplus, a smooth ReLU whose derivative is the sigmoid.</summary>
public static class Softplus
{
    /// <summary>
    /// Exercise ch03.softplus — softplus(x) = ln(1 + eˣ), computed so that it never overflows:
    /// e⁷¹⁰ is already ∞ in double, yet softplus(1000) = 1000 (to 15 digits). Use the identity
    /// ln(1 + eˣ) = max(x, 0) + ln(1 + e^−|x|), whose exponent is never positive.
    /// <para>Hint: Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x))).</para>
    /// </summary>
    public static double Function(double x)
    {
        // BEGIN SOLUTION ch03.softplus
        return Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));
        // END SOLUTION
    }
}
