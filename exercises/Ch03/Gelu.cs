namespace Learn.Dnn.Exercises.Ch03;

/// <summary>Chapter 3: GELU (Hendrycks and Gimpel, 2016), x weighted by the probability that a standard normal is below x.</summary>
public static class Gelu
{
    /// <summary>
    /// Exercise ch03.gelu — the tanh approximation of GELU (Keras' gelu(approximate=True), GPT-2's):
    /// gelu(x) ≈ ½x(1 + tanh u) with u = √(2/π)·(x + 0.044715x³).
    /// It must stay finite for any finite x (x = ±1000 gives x³ = ±10⁹).
    /// <para>Hint 1 (nudge): compute the inner argument first; the formula's tanh saturates to ±1 instead of overflowing.</para>
    /// <para>Hint 2 (formula): u = √(2/π)·(x + 0.044715·x³), gelu(x) ≈ ½·x·(1 + tanh u).</para>
    /// <para>Hint 3 (code): double u = Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x); return 0.5 * x * (1 + Math.Tanh(u));</para>
    /// </summary>
    public static double Function(double x)
    {
        // BEGIN YOUR CODE ch03.gelu
        throw new NotImplementedException("ch03.gelu: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
