namespace Learn.Dnn.Exercises.Ch01;

/// <summary>Chapter 1: XOR is not linearly separable, but two layers of threshold units compute it.</summary>
public static class XorNetwork
{
    /// <summary>
    /// Exercise ch01.xor-weights — choose weights by hand for a 2-2-1 network of threshold units
    /// (step(z) = 1 if z ≥ 0, else 0) so that y = x₁ XOR x₂ for x ∈ {0, 1}²:
    /// hⱼ = step(Σᵢ Hidden[j, i]·xᵢ + HiddenBias[j]) for j = 0, 1 (Hidden: [2, 2], HiddenBias: [2]),
    /// y = step(Σⱼ Output[j]·hⱼ + OutputBias) (Output: [2]).
    /// <para>Hint: XOR = OR and not AND. Let one hidden unit compute OR, the other AND, and the output unit compute h₀ − h₁ &gt; 0.</para>
    /// </summary>
    public static (double[,] Hidden, double[] HiddenBias, double[] Output, double OutputBias) Weights()
    {
        // BEGIN YOUR CODE ch01.xor-weights
        throw new NotImplementedException("ch01.xor-weights: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
