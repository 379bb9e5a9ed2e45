namespace Learn.Dnn.Exercises.Ch03;

/// <summary>Chapter 3: leaky ReLU, a ReLU whose negative side keeps a small slope α so a unit never dies completely.</summary>
public static class LeakyRelu
{
    /// <summary>
    /// Exercise ch03.leaky-relu — f(x) = x for x &gt; 0, and αx otherwise (0 ≤ α &lt; 1; Keras' default α is 0.3).
    /// <para>Hint 1 (nudge): positive inputs pass through unchanged; negative ones are scaled down.</para>
    /// <para>Hint 2 (formula): f(x) = x for x &gt; 0, and α·x for x ≤ 0.</para>
    /// <para>Hint 3 (code): return x &gt; 0 ? x : alpha * x;</para>
    /// </summary>
    public static double Function(double x, double alpha)
    {
        // BEGIN YOUR CODE ch03.leaky-relu
        throw new NotImplementedException("ch03.leaky-relu: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }

    /// <summary>
    /// Exercise ch03.leaky-relu-derivative — f'(x) = 1 for x &gt; 0, and α for x &lt; 0. At x = 0 the derivative
    /// does not exist (the slopes from the left and the right differ); like the engine (and ReLU, whose
    /// derivative at 0 is taken as 0, its left slope) we use the left slope there: f'(0) = α.
    /// <para>Hint 1 (nudge): the slope of each of the two pieces; x = 0 belongs to the left one.</para>
    /// <para>Hint 2 (formula): f′(x) = 1 for x &gt; 0, and α for x ≤ 0.</para>
    /// <para>Hint 3 (code): return x &gt; 0 ? 1.0 : alpha;</para>
    /// </summary>
    public static double Derivative(double x, double alpha)
    {
        // BEGIN YOUR CODE ch03.leaky-relu-derivative
        throw new NotImplementedException("ch03.leaky-relu-derivative: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
