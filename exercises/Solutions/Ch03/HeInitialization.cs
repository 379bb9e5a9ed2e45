namespace Learn.Dnn.Exercises.Ch03;

/// <summary>
/// Chapter 3: He initialisation (He et al., 2015). A ReLU zeroes half of its inputs, halving the
/// signal's second moment at each layer; weights with variance 2/fan_in double it back, so the
/// signal keeps its size through any number of layers.
/// </summary>
public static class HeInitialization
{
    /// <summary>
    /// Exercise ch03.he-scale — the standard deviation of He-normal weights for a layer with
    /// <paramref name="fanIn"/> inputs: σ = √(2 / fan_in). (Keras' he_normal draws from a normal truncated
    /// at 2σ and rescaled; the scale is the same.) Throw an <see cref="ArgumentOutOfRangeException"/> for fan_in ≤ 0.
    /// <para>Hint 1 (nudge): He's variance makes up for the half of the signal a ReLU zeroes; it depends only on the number of inputs.</para>
    /// <para>Hint 2 (formula): σ = √(2 / n_in).</para>
    /// <para>Hint 3 (code): return Math.Sqrt(2.0 / fanIn); (2.0, not 2: 2 / fanIn is integer division)</para>
    /// </summary>
    public static double HeNormalStddev(int fanIn)
    {
        // BEGIN SOLUTION ch03.he-scale
        if (fanIn <= 0)
            throw new ArgumentOutOfRangeException(nameof(fanIn), fanIn, "HeNormalStddev: fan_in must be positive.");
        return Math.Sqrt(2.0 / fanIn);
        // END SOLUTION
    }

    /// <summary>
    /// Exercise ch03.he-normal — a weight matrix W: [fanIn, fanOut] with entries drawn independently from
    /// the normal distribution N(0, σ²), σ = √(2 / fan_in), using <paramref name="random"/> for every draw.
    /// A standard normal sample comes from two uniform ones by Box–Muller:
    /// z = √(−2 ln u₁)·cos(2πu₂), with u₁ in (0, 1] (use 1 − random.NextDouble(): NextDouble can return 0).
    /// <para>Hint 1 (nudge): make standard normal numbers from uniform ones, then scale them by the He scale.</para>
    /// <para>Hint 2 (formula): Box–Muller: z = √(−2 ln u₁)·cos(2π u₂) for u₁ in (0, 1] and u₂ in [0, 1); each weight is σ·z with σ = √(2 / n_in).</para>
    /// <para>Hint 3 (code): for each entry draw u₁ = 1 − random.NextDouble() and u₂ = random.NextDouble(), form z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2), and store HeNormalStddev(fanIn) * z.</para>
    /// </summary>
    public static double[,] HeNormal(int fanIn, int fanOut, Random random)
    {
        // BEGIN SOLUTION ch03.he-normal
        double stddev = Math.Sqrt(2.0 / fanIn);
        var weights = new double[fanIn, fanOut];
        for (int i = 0; i < fanIn; i++)
            for (int j = 0; j < fanOut; j++)
            {
                double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
                double z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);   // z ~ N(0, 1)
                weights[i, j] = stddev * z;
            }
        return weights;
        // END SOLUTION
    }
}
