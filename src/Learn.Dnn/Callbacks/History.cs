namespace Learn.Dnn.Callbacks;

/// <summary>
/// What <c>Model.Fit</c> returns: every epoch's logs, as Keras' History.
/// <c>history["loss"]</c> (or <c>history.Logs["loss"]</c>: Keras' <c>history.history["loss"]</c>, a
/// name C# does not allow for a member of a class called History) holds one value per epoch; the
/// other keys are "accuracy", "val_loss"..., <see cref="Epoch"/> the epochs (from 0),
/// <see cref="Callback.Params"/> verbose, epochs and steps.
/// </summary>
[Chapter(5)]
public sealed class History : Callback
{
    private readonly SortedDictionary<string, List<double>> history = new(StringComparer.Ordinal);
    private readonly List<int> epochs = [];

    /// <summary>Key → one value per epoch, keys in alphabetical order.</summary>
    public IReadOnlyDictionary<string, List<double>> Logs => history;

    /// <summary>The values of <paramref name="key"/>, one per epoch; the message lists the keys there are.</summary>
    public IReadOnlyList<double> this[string key] => history.TryGetValue(key, out var values) ? values
        : throw new KeyNotFoundException($"History: no key \"{key}\"; the keys are {string.Join(", ", history.Keys)}.");

    /// <summary>
    /// Set when Fit stopped because the loss or the validation loss became NaN or ∞: where (epoch, batch, layer) and why, in
    /// its message, which the progress bar prints. Fit does not throw it; <c>if (history.NonFiniteLoss is { } e) throw e;</c>
    /// turns the stop into an error. Null when training ended normally.
    /// </summary>
    [Chapter(6)]
    public NonFiniteLossException? NonFiniteLoss { get; private set; }

    /// <summary>The epochs recorded, counted from 0.</summary>
    public IReadOnlyList<int> Epoch => epochs;

    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs)
    {
        epochs.Clear();
        NonFiniteLoss = null;
    }

    [Chapter(6)]
    public override void OnNonFiniteLoss(NonFiniteLossException report) => NonFiniteLoss = report;

    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        epochs.Add(epoch);
        foreach (var (key, value) in logs)
        {
            if (!history.TryGetValue(key, out var values)) history[key] = values = [];
            values.Add(value);
        }
    }
}
