namespace Learn.Dnn.Callbacks;

/// <summary>
/// Stops training as soon as a batch's logged loss is NaN or ∞, Keras' <c>TerminateOnNaN</c>: prints
/// "Batch {b}: Invalid loss, terminating training" and sets <see cref="IModel.StopTraining"/>
/// (or, with <paramref name="raiseError"/>, throws). Fit already stops on a non-finite loss by itself
/// (with a diagnosis); this callback is the Keras way, for code written against Keras.
/// </summary>
[Chapter(6)]
public class TerminateOnNaN(bool raiseError = false) : Callback
{
    public bool RaiseError { get; } = raiseError;

    public override void OnTrainBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        if (!logs.TryGetValue("loss", out double loss) || double.IsFinite(loss)) return;
        if (RaiseError)
            throw new InvalidOperationException($"NaN or Inf loss encountered at batch {batch}. Loss value: {PythonFormat.Repr(loss)}. Terminating training immediately.");
        Console.WriteLine($"Batch {batch}: Invalid loss, terminating training");
        if (Model is not null) Model.StopTraining = true;
    }
}
