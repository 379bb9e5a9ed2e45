using Learn.Dnn.Callbacks;

namespace Learn.Dnn.Exercises.Ch06;

/// <summary>
/// Chapter 6, on the engine: a callback of your own. It watches one logged value, lower being better
/// (a loss), records the best value and its epoch, and stops training when the value has grown past
/// <see cref="Factor"/> times the best: a guard against a run that diverges.
/// <code>
/// var best = new BestEpochCallback("val_loss", factor: 2);
/// model.Fit(x, y, epochs: 100, validationData: (xVal, yVal), callbacks: [best]);
/// Console.WriteLine($"best val_loss {best.Best} at epoch {best.BestEpoch}");
/// </code>
/// </summary>
public sealed class BestEpochCallback : Callback
{
    /// <param name="monitor">The logged key watched, e.g. "val_loss".</param>
    /// <param name="factor">Stop when the value exceeds factor × best (≥ 1).</param>
    public BestEpochCallback(string monitor = "val_loss", double factor = 2)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        if (!(factor >= 1)) throw new ArgumentOutOfRangeException(nameof(factor), $"BestEpochCallback: factor must be ≥ 1, got {factor}.");
        Monitor = monitor;
        Factor = factor;
    }

    /// <summary>The logged key watched.</summary>
    public string Monitor { get; }

    /// <summary>Training stops when the value exceeds Factor × Best.</summary>
    public double Factor { get; }

    /// <summary>The lowest value seen so far, null before the first.</summary>
    public double? Best { get; private set; }

    /// <summary>The epoch (from 0) of <see cref="Best"/>; 0 before the first.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The epoch (from 0) at which this callback stopped training, null if it did not.</summary>
    public int? StoppedEpoch { get; private set; }

    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs)
    {
        Best = null;
        BestEpoch = 0;
        StoppedEpoch = null;
    }

    /// <summary>
    /// Exercise ch06.callback — at the end of each epoch (counted from 0): read the monitored value from
    /// <paramref name="logs"/>; if the key is missing (no validation this epoch), do nothing. If there is no
    /// best yet or the value is lower than <see cref="Best"/>, record it in <see cref="Best"/> and
    /// <see cref="BestEpoch"/>. Otherwise, if it is larger than <see cref="Factor"/> × <see cref="Best"/>, set
    /// <c>Model.StopTraining = true</c> (Fit then ends after this epoch) and record the epoch in
    /// <see cref="StoppedEpoch"/>. Throw an <see cref="InvalidOperationException"/> when it must stop and
    /// <see cref="Callback.Model"/> is null (the callback was never given to a model).
    /// <para>Hint 1 (nudge): logs is a dictionary of this epoch's numbers; the model that Fit trains is in the base class's Model property.</para>
    /// <para>Hint 2 (formula): v = logs[monitor]; if best is none or v &lt; best: best = v, bestEpoch = epoch; else if v &gt; factor·best: stop.</para>
    /// <para>Hint 3 (code): if (!logs.TryGetValue(Monitor, out double value)) return; if (Best is null || value &lt; Best) { Best = value; BestEpoch = epoch; } else if (value &gt; Factor * Best) { (Model ?? throw new InvalidOperationException("no model")).StopTraining = true; StoppedEpoch = epoch; }</para>
    /// </summary>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        // BEGIN SOLUTION ch06.callback
        if (!logs.TryGetValue(Monitor, out double value)) return;   // no validation this epoch
        if (Best is not { } best || value < best)
        {
            Best = value;
            BestEpoch = epoch;
        }
        else if (value > Factor * best)
        {
            var model = Model ?? throw new InvalidOperationException("BestEpochCallback: no model; pass the callback to Fit (or call SetModel).");
            model.StopTraining = true;                     // Fit ends after this epoch
            StoppedEpoch = epoch;
        }
        // END SOLUTION
    }
}
