using Learn.Dnn.Serialization;

namespace Learn.Dnn.Callbacks;

/// <summary>
/// Code that <c>Model.Fit</c>, <c>Model.Evaluate</c> and <c>Model.Predict</c> call
/// at fixed points, in Keras 3's order:
/// <code>
/// OnTrainBegin
///   per epoch:  OnEpochBegin
///               per batch: OnTrainBatchBegin(step), the training step, OnTrainBatchEnd(step, logs)
///               validation: OnTestBegin, per batch OnTestBatchBegin/End, OnTestEnd(logs)
///               OnEpochEnd(epoch, logs)      (logs: accuracy, loss, val_accuracy, val_loss...)
/// OnTrainEnd(logs)
/// </code>
/// A training step whose loss is NaN or ∞ calls <see cref="OnNonFiniteLoss"/> before its
/// OnTrainBatchEnd (the engine's own hook: Keras has none). Every hook does nothing unless overridden. Epochs and steps count from 0, as in Keras. Logs hold
/// the running means of the epoch so far, keys in alphabetical order. Setting
/// <see cref="IModel.StopTraining"/> stops after the current batch.
/// </summary>
[Chapter(5)]
[KerasModule("keras.callbacks")]
public abstract class Callback : IConfigurable
{
    /// <summary>The model being trained, evaluated or run (set before the first hook), as the callbacks see it.</summary>
    public IModel? Model { get; private set; }

    /// <summary>Keras' params: "verbose", "epochs", "steps" (batches per epoch).</summary>
    public IReadOnlyDictionary<string, int> Params { get; private set; } = new Dictionary<string, int>();

    public virtual void SetModel(IModel model) => Model = model;

    public virtual void SetParams(IReadOnlyDictionary<string, int> parameters) => Params = parameters;

    public virtual void OnTrainBegin(IReadOnlyDictionary<string, double> logs) { }
    public virtual void OnTrainEnd(IReadOnlyDictionary<string, double> logs) { }
    public virtual void OnEpochBegin(int epoch, IReadOnlyDictionary<string, double> logs) { }
    public virtual void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) { }
    public virtual void OnTrainBatchBegin(int batch, IReadOnlyDictionary<string, double> logs) { }
    public virtual void OnTrainBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) { }
    public virtual void OnTestBegin(IReadOnlyDictionary<string, double> logs) { }
    public virtual void OnTestEnd(IReadOnlyDictionary<string, double> logs) { }
    public virtual void OnTestBatchBegin(int batch, IReadOnlyDictionary<string, double> logs) { }
    public virtual void OnTestBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) { }
    public virtual void OnPredictBegin(IReadOnlyDictionary<string, double> logs) { }
    public virtual void OnPredictEnd(IReadOnlyDictionary<string, double> logs) { }
    public virtual void OnPredictBatchBegin(int batch, IReadOnlyDictionary<string, double> logs) { }
    public virtual void OnPredictBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) { }

    /// <summary>
    /// Fit found this batch's loss NaN or ∞, skipped its update and stops: <paramref name="report"/> says
    /// where and why. Called before that batch's OnTrainBatchEnd. <see cref="ProgbarLogger"/> prints
    /// the report; <see cref="History"/> keeps it.
    /// </summary>
    [Chapter(6)]
    public virtual void OnNonFiniteLoss(NonFiniteLossException report) { }

    /// <summary>The constructor's arguments under Keras' names (<see cref="KerasConfig"/>).</summary>
    [Chapter(9)]
    public virtual System.Text.Json.Nodes.JsonObject GetConfig() => KerasConfig.Of(this);
}
