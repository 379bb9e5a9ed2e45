namespace Learn.Dnn.Exercises.Ch01;

/// <summary>Chapter 1: the threshold logic unit (McCulloch and Pitts, 1943), the perceptron's neuron.</summary>
public static class ThresholdUnit
{
    /// <summary>
    /// Exercise ch01.step — the Heaviside step function: step(z) = 1 if z ≥ 0, otherwise 0.
    /// Note the convention at z = 0: the unit fires (1).
    /// <para>Hint 1 (nudge): the unit fires at exactly z = 0, too.</para>
    /// <para>Hint 2 (formula): step(z) = 1 for z ≥ 0, and 0 for z &lt; 0.</para>
    /// <para>Hint 3 (code): return z &gt;= 0 ? 1.0 : 0.0;</para>
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
    /// <para>Hint 1 (nudge): a weighted sum of the inputs, plus the bias, through the step you wrote; compare the two lengths first.</para>
    /// <para>Hint 2 (formula): y = step(b + Σᵢ wᵢ·xᵢ).</para>
    /// <para>Hint 3 (code): if (weights.Length != inputs.Length) throw new ArgumentException(...); double z = bias; for (int i = 0; i &lt; weights.Length; i++) z += weights[i] * inputs[i]; return Step(z);</para>
    /// </summary>
    public static double TluOutput(double[] weights, double bias, double[] inputs)
    {
        // BEGIN YOUR CODE ch01.tlu
        throw new NotImplementedException("ch01.tlu: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
