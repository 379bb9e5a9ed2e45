namespace Learn.Dnn.Exercises.Ch01;

/// <summary>Chapter 1: XOR is not linearly separable, but two layers of threshold units compute it.</summary>
public static class XorNetwork
{
    /// <summary>
    /// Exercise ch01.xor-weights — choose weights by hand for a 2-2-1 network of threshold units
    /// (step(z) = 1 if z ≥ 0, else 0) so that y = x₁ XOR x₂ for x ∈ {0, 1}²:
    /// hⱼ = step(Σᵢ Hidden[j, i]·xᵢ + HiddenBias[j]) for j = 0, 1 (Hidden: [2, 2], HiddenBias: [2]),
    /// y = step(Σⱼ Output[j]·hⱼ + OutputBias) (Output: [2]).
    /// <para>Hint 1 (nudge): XOR is true when at least one input is on, but not both: two facts, one hidden unit for each.</para>
    /// <para>Hint 2 (formula): XOR = OR and not AND: h₀ = step(x₁ + x₂ − 0.5) is OR, h₁ = step(x₁ + x₂ − 1.5) is AND, and y = step(h₀ − h₁ − 0.5); the −0.5 matters because step(0) = 1.</para>
    /// <para>Hint 3 (code): Hidden = { { 1, 1 }, { 1, 1 } }, HiddenBias = { −0.5, −1.5 }, Output = { 1, −1 }, OutputBias = −0.5.</para>
    /// </summary>
    public static (double[,] Hidden, double[] HiddenBias, double[] Output, double OutputBias) Weights()
    {
        // BEGIN SOLUTION ch01.xor-weights
        var hidden = new double[,] { { 1, 1 },      // h₀ = OR:  x₁ + x₂ − 0.5 ≥ 0
                                     { 1, 1 } };    // h₁ = AND: x₁ + x₂ − 1.5 ≥ 0
        var hiddenBias = new double[] { -0.5, -1.5 };
        var output = new double[] { 1, -1 };        // y = OR and not AND: h₀ − h₁ − 0.5 ≥ 0
        return (hidden, hiddenBias, output, -0.5);
        // END SOLUTION
    }
}
