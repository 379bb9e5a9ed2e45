using Learn.Dnn.Optimizers;

namespace Learn.Dnn.Callbacks;

/// <summary>
/// Multiplies the learning rate by <see cref="Factor"/> when the monitored value has not improved for
/// <see cref="Patience"/> epochs (Keras 3's algorithm exactly):
/// <code>
/// each epoch end:  log "learning_rate"
///                  if in cooldown: cooldown −= 1, wait = 0
///                  if improvement: best = value, wait = 0
///                  else if not in cooldown: wait += 1; if wait ≥ patience and lr &gt; minLr:
///                      lr = max(lr·factor, minLr), cooldown = its full length, wait = 0
/// </code>
/// </summary>
[Chapter(6)]
public class ReduceLROnPlateau : MonitorCallback
{
    /// <param name="monitor">The logged value watched.</param>
    /// <param name="factor">new lr = lr·factor; must be &lt; 1.</param>
    /// <param name="patience">Epochs without improvement before a reduction.</param>
    /// <param name="verbose">1 prints each reduction.</param>
    /// <param name="mode">"auto", "min" or "max".</param>
    /// <param name="minDelta">A change smaller than this is no improvement.</param>
    /// <param name="cooldown">Epochs after a reduction during which waiting does not count.</param>
    /// <param name="minLr">The learning rate never goes below this.</param>
    public ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, int verbose = 0, string mode = "auto",
                             double minDelta = 1e-4, int cooldown = 0, double minLr = 0.0)
        : base(monitor, mode, null, minDelta)
    {
        if (factor >= 1.0) throw new ArgumentOutOfRangeException(nameof(factor), $"ReduceLROnPlateau does not support a factor >= 1.0. Received factor={factor}");
        Factor = factor;
        Patience = patience;
        Verbose = verbose;
        Cooldown = cooldown;
        MinLr = minLr;
    }

    public double Factor { get; }
    public int Patience { get; }
    public int Verbose { get; }
    public int Cooldown { get; }
    public double MinLr { get; }

    /// <summary>Epochs without improvement, outside cooldown.</summary>
    public int Wait { get; private set; }

    /// <summary>Cooldown epochs left.</summary>
    public int CooldownCounter { get; private set; }

    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs)
    {
        Best = null;
        CooldownCounter = 0;
        Wait = 0;
    }

    #region epoch-end
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        var optimizer = RequireOptimizer();
        if (logs is IDictionary<string, double> writable) writable["learning_rate"] = optimizer.LearningRate;   // History (after us) records it
        var current = MonitorValue(logs);
        if (current is not { } value) return;
        if (CooldownCounter > 0)
        {
            CooldownCounter -= 1;
            Wait = 0;
        }
        if (IsImprovement(value, Best))
        {
            Best = value;
            Wait = 0;
        }
        else if (CooldownCounter == 0)
        {
            Wait += 1;
            if (Wait >= Patience && optimizer.LearningRate > (float)MinLr)
            {
                double newLr = Math.Max(optimizer.LearningRate * Factor, MinLr);
                optimizer.LearningRate = (float)newLr;
                if (Verbose > 0) Console.WriteLine($"{Environment.NewLine}Epoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to {newLr}.");
                CooldownCounter = Cooldown;
                Wait = 0;
            }
        }
    }
    #endregion

    private Optimizer RequireOptimizer() => Model?.Optimizer
        ?? throw new InvalidOperationException("ReduceLROnPlateau: the model has no optimizer; compile it and pass the callback to Fit.");
}
