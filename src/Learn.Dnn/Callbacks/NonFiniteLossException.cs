namespace Learn.Dnn.Callbacks;

/// <summary>
/// Training stopped because the loss, or the validation loss, became NaN or ±∞ (a learning rate too
/// large, a log of 0, data with a NaN...). The message names the epoch and the batch, the first layer whose weights, output or
/// gradient were not finite, when there is one, and the usual causes. Since chapter 6, Fit stops rather
/// than throws: it hands this report to every callback (<see cref="Callback.OnNonFiniteLoss"/>), so that
/// the progress bar prints it and <see cref="History.NonFiniteLoss"/> keeps it.
/// </summary>
[Chapter(5)]
public sealed class NonFiniteLossException(string message, int epoch, int step, string? layer) : InvalidOperationException(message)
{
    /// <summary>The epoch, counted from 1 as the progress bar shows it.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>The step within the epoch, counted from 1; 0 when it was the validation at the epoch's end.</summary>
    public int Step { get; } = step;

    /// <summary>The first layer with a non-finite output or weight, or null if every layer's were finite.</summary>
    public string? Layer { get; } = layer;
}
