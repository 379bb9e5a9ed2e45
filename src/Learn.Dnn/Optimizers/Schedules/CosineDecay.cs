namespace Learn.Dnn.Optimizers.Schedules;

/// <summary>
/// Cosine decay (Keras' CosineDecay, after Loshchilov &amp; Hutter's SGDR), with an optional linear warmup
/// (Goyal et al.):
/// <list type="bullet">
/// <item>without warmup: η(step) = η₀·((1 − α)·½(1 + cos(π·s/decaySteps)) + α), s = min(step, decaySteps),
///   so η falls from η₀ to α·η₀ along half a cosine and stays there;</item>
/// <item>with <c>warmupTarget</c>: for step &lt; warmupSteps, η rises linearly from η₀ to the target,
///   η₀ + (target − η₀)·step/warmupSteps; then the cosine decay above runs from the target, over
///   step − warmupSteps (capped at decaySteps).</item>
/// </list>
/// </summary>
[Chapter(5)]
public sealed class CosineDecay : LearningRateSchedule
{
    public CosineDecay(double initialLearningRate, long decaySteps, double alpha = 0, double? warmupTarget = null, long warmupSteps = 0)
    {
        RequirePositive(nameof(CosineDecay), nameof(decaySteps), decaySteps);
        if (warmupTarget is not null && warmupSteps <= 0)
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), $"CosineDecay: a warmup target needs warmupSteps > 0, got {warmupSteps}.");
        (InitialLearningRate, DecaySteps, Alpha, WarmupTarget, WarmupSteps) = ((float)initialLearningRate, decaySteps, (float)alpha, (float?)warmupTarget, warmupSteps);
    }

    public float InitialLearningRate { get; }
    public long DecaySteps { get; }
    /// <summary>The floor, as a fraction of the rate the decay starts from.</summary>
    public float Alpha { get; }
    public float? WarmupTarget { get; }
    public long WarmupSteps { get; }

    public override float this[long step]
    {
        get
        {
            if (WarmupTarget is not float target)
                return Decay(MathF.Min(step, DecaySteps), InitialLearningRate);
            float s = MathF.Min(step, DecaySteps + WarmupSteps);
            if (s < WarmupSteps)
                return (target - InitialLearningRate) * (s / WarmupSteps) + InitialLearningRate;   // linear warmup
            return Decay(s - WarmupSteps, target);
        }
    }

    /// <summary>from·((1 − α)·½(1 + cos(π·s/decaySteps)) + α).</summary>
    private float Decay(float s, float from)
    {
        float cosine = 0.5f * (1f + MathF.Cos(MathF.PI * (s / DecaySteps)));
        return from * ((1f - Alpha) * cosine + Alpha);
    }
}
