namespace Learn.Dnn.Exercises.Ch05;

/// <summary>Chapter 5: a learning rate that shrinks as training goes on.</summary>
public static class LearningRateSchedules
{
    /// <summary>
    /// Exercise ch05.exponential-decay — Keras' ExponentialDecay: the learning rate at optimizer step t
    /// (0, 1, 2…) is η₀·r^(t/s), with s = <paramref name="decaySteps"/> and r = <paramref name="decayRate"/>.
    /// With <paramref name="staircase"/> the exponent is the whole number ⌊t/s⌋, so the rate drops in steps
    /// every s steps; without it, t/s is a real division and the rate decays smoothly.
    /// Throw an <see cref="ArgumentOutOfRangeException"/> when s ≤ 0 or t &lt; 0.
    /// <para>Hint 1 (nudge): the rate is multiplied by r once every s steps; staircase decides whether "once" happens all at once or gradually.</para>
    /// <para>Hint 2 (formula): p = t/s (real), or ⌊t/s⌋ with staircase; η = η₀·rᵖ.</para>
    /// <para>Hint 3 (code): double p = (double)step / decaySteps; if (staircase) p = Math.Floor(p); return initialLearningRate * Math.Pow(decayRate, p);</para>
    /// </summary>
    public static double ExponentialDecay(double initialLearningRate, long step, long decaySteps, double decayRate, bool staircase)
    {
        // BEGIN YOUR CODE ch05.exponential-decay
        throw new NotImplementedException("ch05.exponential-decay: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
