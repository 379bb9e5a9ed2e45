namespace Learn.Dnn.Exercises.Ch01;

/// <summary>Chapter 1: the threshold logic unit (McCulloch and Pitts, 1943), the perceptron's neuron.</summary>
public static class ThresholdUnit
{
    /// <summary>
    /// Exercise ch01.step — the Heaviside step function: step(z) = 1 if z ≥ 0, otherwise 0.
    /// Note the convention at z = 0: the unit fires (1).
    /// <para>Hint: one comparison; return 1.0 or 0.0.</para>
    /// </summary>
    public static double Step(double z)
    {
        // BEGIN YOUR CODE ch01.step
        throw new NotImplementedException("ch01.step: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }

    /// <summary>
    /// Exercise ch01.tlu — the output of a threshold logic unit with n inputs:
    /// y = step(w·x + b) = step(Σᵢ wᵢxᵢ + b), weights w: [n], inputs x: [n], bias b.
    /// Throw an <see cref="ArgumentException"/> when w and x have different lengths.
    /// <para>Hint: sum wᵢ·xᵢ over i, add the bias, then apply Step.</para>
    /// </summary>
    public static double TluOutput(double[] weights, double bias, double[] inputs)
    {
        // BEGIN YOUR CODE ch01.tlu
        throw new NotImplementedException("ch01.tlu: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
