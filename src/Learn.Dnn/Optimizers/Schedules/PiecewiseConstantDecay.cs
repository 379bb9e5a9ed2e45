namespace Learn.Dnn.Optimizers.Schedules;

/// <summary>
/// A step function (Keras' PiecewiseConstantDecay): η = values[0] while step ≤ boundaries[0],
/// values[i] while boundaries[i−1] &lt; step ≤ boundaries[i], and the last value after the last boundary.
/// </summary>
[Chapter(5)]
public sealed class PiecewiseConstantDecay : LearningRateSchedule
{
    private readonly long[] boundaries;
    private readonly float[] values;

    public PiecewiseConstantDecay(long[] boundaries, float[] values)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != boundaries.Length + 1)
            throw new ArgumentException($"PiecewiseConstantDecay: values must have one more element than boundaries; got {values.Length} values and {boundaries.Length} boundaries.");
        for (int i = 1; i < boundaries.Length; i++)
            if (boundaries[i] <= boundaries[i - 1])
                throw new ArgumentException($"PiecewiseConstantDecay: boundaries must increase; boundary {i} is {boundaries[i]}, after {boundaries[i - 1]}.");
        (this.boundaries, this.values) = ((long[])boundaries.Clone(), (float[])values.Clone());
    }

    public IReadOnlyList<long> Boundaries => boundaries;
    public IReadOnlyList<float> Values => values;

    public override float this[long step]
    {
        get
        {
            for (int i = 0; i < boundaries.Length; i++)
                if (step <= boundaries[i]) return values[i];   // the first interval (…, b_i] that holds step
            return values[^1];
        }
    }
}
