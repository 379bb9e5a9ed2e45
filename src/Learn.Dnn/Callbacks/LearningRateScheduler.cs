namespace Learn.Dnn.Callbacks;

/// <summary>
/// Sets the learning rate at the start of each epoch from a schedule, Keras' <c>LearningRateScheduler</c>:
/// lr = schedule(epoch, lr), epochs counted from 0; logs "learning_rate" at each epoch end.
/// <code>
/// new LearningRateScheduler((epoch, lr) => epoch &lt; 10 ? lr : lr * Math.Exp(-0.1))
/// </code>
/// </summary>
[Chapter(6)]
public class LearningRateScheduler : Callback
{
    private readonly Func<int, double, double> schedule;

    /// <param name="schedule">(epoch from 0, current learning rate) → the learning rate for this epoch.</param>
    /// <param name="verbose">1 prints each new learning rate.</param>
    public LearningRateScheduler(Func<int, double, double> schedule, int verbose = 0)
    {
        this.schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        Verbose = verbose;
    }

    /// <param name="schedule">epoch from 0 → the learning rate for this epoch.</param>
    /// <param name="verbose">1 prints each new learning rate.</param>
    public LearningRateScheduler(Func<int, double> schedule, int verbose = 0)
        : this(schedule is null ? throw new ArgumentNullException(nameof(schedule)) : (epoch, _) => schedule(epoch), verbose) { }

    public int Verbose { get; }

    public override void OnEpochBegin(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        var optimizer = Model?.Optimizer ?? throw new InvalidOperationException("LearningRateScheduler: the model has no optimizer; compile it and pass the callback to Fit.");
        double learningRate = schedule(epoch, optimizer.LearningRate);
        if (!double.IsFinite(learningRate) || learningRate < 0)
            throw new InvalidOperationException($"LearningRateScheduler: the schedule returned {learningRate} for epoch {epoch}; a learning rate must be a finite number ≥ 0.");
        optimizer.LearningRate = (float)learningRate;
        if (Verbose > 0) Console.WriteLine($"{Environment.NewLine}Epoch {epoch + 1}: LearningRateScheduler setting learning rate to {learningRate}.");
    }

    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (logs is IDictionary<string, double> writable && Model?.Optimizer is { } optimizer) writable["learning_rate"] = optimizer.LearningRate;
    }
}
