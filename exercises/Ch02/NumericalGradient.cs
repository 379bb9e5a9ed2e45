namespace Learn.Dnn.Exercises.Ch02;

/// <summary>Chapter 2: the numerical gradient, the reference every backward is checked against.</summary>
public static class NumericalGradient
{
    /// <summary>
    /// Exercise ch02.numerical-gradient — the central difference for every coordinate of x:
    /// ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, where eᵢ is the i-th unit vector.
    /// Its error is O(h²), against O(h) for the one-sided (f(x + h·eᵢ) − f(x)) / h.
    /// Return a new array of x.Length entries, and leave x as you found it.
    /// <para>Hint 1 (nudge): nudge one coordinate at a time, both ways, and see how much f changes; leave x as you found it.</para>
    /// <para>Hint 2 (formula): ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, with eᵢ the i-th unit vector.</para>
    /// <para>Hint 3 (code): copy x once; for each i set copy[i] = x[i] + h, evaluate, set copy[i] = x[i] − h, evaluate, restore copy[i] = x[i], and store (plus − minus) / (2 * h).</para>
    /// </summary>
    public static double[] CentralDifference(Func<double[], double> f, double[] x, double h)
    {
        // BEGIN YOUR CODE ch02.numerical-gradient
        throw new NotImplementedException("ch02.numerical-gradient: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
