namespace Learn.Dnn.Exercises.Ch06;

/// <summary>Chapter 6: the L2 penalty that a regularizer adds to the loss, and its gradient.</summary>
public static class Penalties
{
    /// <summary>
    /// Exercise ch06.l2-penalty — the L2 penalty of one weight array w: [n] with factor λ, as Keras' <c>L2(l2)</c>
    /// adds it to the loss: P = λ·Σᵢ wᵢ², and its gradient ∂P/∂wᵢ = 2·λ·wᵢ (a new array; do not modify
    /// <paramref name="weights"/>). Added to the loss gradient g, a gradient-descent step becomes
    /// w ← w − η·(g + 2λw) = (1 − 2ηλ)·w − η·g: every step first shrinks the weights by the factor (1 − 2ηλ),
    /// which is why L2 is called weight decay. Throw an <see cref="ArgumentOutOfRangeException"/> when λ &lt; 0.
    /// <para>Hint 1 (nudge): the penalty grows with the square of every weight, so its slope grows with the weight itself.</para>
    /// <para>Hint 2 (formula): P = λ·Σᵢ wᵢ²; ∂P/∂wᵢ = 2λ·wᵢ.</para>
    /// <para>Hint 3 (code): double penalty = 0; var gradient = new double[weights.Length]; for (int i = 0; i &lt; weights.Length; i++) { penalty += weights[i] * weights[i]; gradient[i] = 2 * l2 * weights[i]; } return (l2 * penalty, gradient);</para>
    /// </summary>
    public static (double Penalty, double[] Gradient) L2Penalty(double[] weights, double l2)
    {
        // BEGIN YOUR CODE ch06.l2-penalty
        throw new NotImplementedException("ch06.l2-penalty: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
