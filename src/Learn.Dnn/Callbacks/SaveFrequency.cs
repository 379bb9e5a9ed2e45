namespace Learn.Dnn.Callbacks;

/// <summary>
/// How often <see cref="ModelCheckpoint"/> saves, Keras' <c>save_freq</c>: <c>"epoch"</c> (the default),
/// at the end of every epoch, or a number of training batches, counted across epochs. Written as in
/// Keras: <c>saveFreq: "epoch"</c> or <c>saveFreq: 100</c>.
/// </summary>
[Chapter(6)]
public readonly record struct SaveFrequency
{
    private SaveFrequency(int batches) => Batches = batches;

    /// <summary>Batches between saves, or null for "epoch".</summary>
    public int? Batches { get; }

    /// <summary>At the end of every epoch.</summary>
    public static SaveFrequency Epoch => default;

    /// <summary>Every <paramref name="batches"/> training batches (at least 1).</summary>
    public static implicit operator SaveFrequency(int batches) => batches > 0 ? new(batches)
        : throw new ArgumentOutOfRangeException(nameof(batches),
            $"ModelCheckpoint: saveFreq must be \"epoch\" or a positive number of batches, got {batches}.");

    /// <summary>"epoch", the only name Keras accepts.</summary>
    public static implicit operator SaveFrequency(string name) => name == "epoch" ? default
        : throw new ArgumentException($"Unrecognized save_freq: {name}. Expected save_freq are 'epoch' or integer values", nameof(name));

    public override string ToString() => Batches?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "epoch";
}
