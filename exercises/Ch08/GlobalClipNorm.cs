namespace Learn.Dnn.Exercises.Ch08;

/// <summary>Chapter 8: Keras' global_clipnorm, the guard against exploding gradients through time.</summary>
public static class GlobalClipNorm
{
    /// <summary>
    /// Exercise ch08.global-clipnorm — Keras' <c>global_clipnorm</c>: the gradients of all the weights g₁ … g_k
    /// (arrays of any lengths) have one joint norm ‖g‖ = √(Σ_w Σ_i g_w,i²); if it is larger than c, scale every
    /// gradient by the same factor c/‖g‖, so that the joint norm becomes c and the direction of the whole step is
    /// kept; otherwise return them unchanged. Return new arrays (do not modify the inputs). Throw an
    /// <see cref="ArgumentOutOfRangeException"/> when c ≤ 0.
    /// <para>Hint 1 (nudge): one norm for all the gradients together, and one scale applied to every one of them.</para>
    /// <para>Hint 2 (formula): ‖g‖ = √(Σ_w Σ_i g_w,i²); every g_w ← g_w·c / max(‖g‖, c).</para>
    /// <para>Hint 3 (code): double norm = Math.Sqrt(gradients.Sum(g =&gt; g.Sum(v =&gt; v * v))); double scale = clipnorm / Math.Max(norm, clipnorm); return gradients.Select(g =&gt; g.Select(v =&gt; v * scale).ToArray()).ToArray();</para>
    /// </summary>
    public static double[][] Clip(double[][] gradients, double clipnorm)
    {
        // BEGIN YOUR CODE ch08.global-clipnorm
        throw new NotImplementedException("ch08.global-clipnorm: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
