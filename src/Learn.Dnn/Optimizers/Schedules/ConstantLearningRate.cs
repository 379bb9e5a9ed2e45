namespace Learn.Dnn.Optimizers.Schedules;

/// <summary>The constant schedule η(step) = η, behind every plain-number learning rate.</summary>
internal sealed class ConstantLearningRate : LearningRateSchedule
{
    public ConstantLearningRate(float value)
    {
        if (!(value >= 0f) || float.IsInfinity(value))
            throw new ArgumentOutOfRangeException("learningRate", $"Optimizer: learning rate must be a finite number ≥ 0, got {value}.");
        Value = value;
    }

    public float Value { get; }

    public override float this[long step] => Value;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
