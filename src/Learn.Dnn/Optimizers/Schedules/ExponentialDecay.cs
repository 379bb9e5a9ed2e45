namespace Learn.Dnn.Optimizers.Schedules;

/// <summary>
/// η(step) = η₀ · rate^(step / decaySteps), and with <c>staircase</c> the exponent floored, so
/// that η drops by the factor <c>decayRate</c> once every <c>decaySteps</c> steps (Keras' ExponentialDecay).
/// </summary>
[Chapter(5)]
public sealed class ExponentialDecay : LearningRateSchedule
{
    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, bool staircase = false)
    {
        RequirePositive(nameof(ExponentialDecay), nameof(decaySteps), decaySteps);
        (InitialLearningRate, DecaySteps, DecayRate, Staircase) = ((float)initialLearningRate, decaySteps, (float)decayRate, staircase);
    }

    public float InitialLearningRate { get; }
    public long DecaySteps { get; }
    public float DecayRate { get; }
    public bool Staircase { get; }

    public override float this[long step]
    {
        get
        {
            float p = (float)step / DecaySteps;    // the fraction of decay periods done
            if (Staircase) p = MathF.Floor(p);     // whole periods only: a staircase
            return InitialLearningRate * MathF.Pow(DecayRate, p);
        }
    }
}
