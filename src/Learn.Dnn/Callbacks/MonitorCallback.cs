namespace Learn.Dnn.Callbacks;

/// <summary>
/// The base of the callbacks that watch one logged value (Keras' <c>MonitorCallback</c>):
/// <see cref="EarlyStopping"/>, <see cref="ModelCheckpoint"/>, <see cref="ReduceLROnPlateau"/>.
/// It decides what "better" means:
/// <list type="bullet">
/// <item>mode "min" or "max"; in "auto", a loss ("loss", "val_loss") is minimised and a compiled metric
/// that knows its direction (accuracy: up) is followed; anything else is an error asking for a mode;</item>
/// <item>an improvement is op(current − δ, best) with δ = |minDelta| for "max" and −|minDelta| for
/// "min": the value must beat the best by more than minDelta; the first finite value always counts;</item>
/// <item>a value that is not finite (a NaN loss) is never an improvement, and a monitor that names no logged
/// key is a warning that lists the keys there are, not a guess at its direction.</item>
/// </list>
/// </summary>
[Chapter(6)]
public abstract class MonitorCallback : Callback
{
    private Func<double, double, bool>? monitorOp;
    private double minDelta;

    protected MonitorCallback(string monitor, string mode, double? baseline, double minDelta)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        if (mode is not ("auto" or "min" or "max"))
            throw new ArgumentException($"{GetType().Name}: mode must be \"auto\", \"min\" or \"max\", got \"{mode}\".", nameof(mode));
        if (!double.IsFinite(minDelta)) throw new ArgumentOutOfRangeException(nameof(minDelta), $"{GetType().Name}: minDelta must be finite, got {minDelta}.");
        Monitor = monitor;
        Mode = mode;
        Best = baseline;
        this.minDelta = Math.Abs(minDelta);
    }

    /// <summary>The logged key watched ("val_loss").</summary>
    public string Monitor { get; }

    /// <summary>"auto", "min" or "max".</summary>
    public string Mode { get; }

    /// <summary>The smallest change that counts as an improvement (its size; the direction follows the mode).</summary>
    public double MinDelta => minDelta;

    /// <summary>The best value seen so far (null before the first).</summary>
    public double? Best { get; protected set; }

    /// <summary>Whether larger values are better, once decided (at the first epoch end).</summary>
    public bool? Maximizing { get; private set; }

    #region improvement
    /// <summary>Decides the direction (Keras' <c>_set_monitor_op</c>); the sign of minDelta follows it.</summary>
    protected void SetMonitorOp()
    {
        if (monitorOp is not null) return;
        bool? up = Mode switch { "min" => false, "max" => true, _ => null };
        if (up is null)
        {
            string metric = Monitor.StartsWith("val_", StringComparison.Ordinal) ? Monitor[4..] : Monitor;
            if (metric == "loss") up = false;
            up = Model?.MetricHigherIsBetter(metric) ?? up;
        }
        if (up is null)
            throw new InvalidOperationException(
                $"{GetType().Name} callback received monitor=\"{Monitor}\", but it cannot tell whether that value should be maximized or minimized. " +
                "Pass mode: \"max\" to keep the highest value, or mode: \"min\" to keep the lowest.");
        Maximizing = up;
        monitorOp = up.Value ? (a, b) => a > b : (a, b) => a < b;
        if (!up.Value) minDelta = -minDelta;
    }

    /// <summary>op(current − δ, reference); true when there is no reference yet; never for a NaN or ∞, which no comparison should crown.</summary>
    protected bool IsImprovement(double current, double? reference)
    {
        SetMonitorOp();
        if (!double.IsFinite(current)) return false;
        return reference is not { } r || monitorOp!(current - minDelta, r);
    }
    #endregion

    /// <summary>
    /// The monitored value in <paramref name="logs"/>, or null when it is not there (a typo such as "val_los",
    /// or no validation data), with a warning that lists the keys the logs do have, as Keras warns. A NaN or ∞
    /// is returned with a warning that it will not count as the best.
    /// </summary>
    protected double? MonitorValue(IReadOnlyDictionary<string, double> logs)
    {
        if (!logs.TryGetValue(Monitor, out double value))
        {
            Warnings.WriteLine($"Warning: {GetType().Name} monitors `{Monitor}`: no such key; the logs have: {string.Join(", ", logs.Keys)}.");
            return null;
        }
        if (!double.IsFinite(value))
            Warnings.WriteLine($"Warning: {GetType().Name} monitors `{Monitor}`, which is {PythonFormat.Repr(value)}: a value that is not finite is never the best.");
        return value;
    }

    /// <summary>Where the warnings go: the standard error, unless a test listens.</summary>
    internal TextWriter Warnings { get => warnings ?? Console.Error; set => warnings = value; }
    private TextWriter? warnings;
}
