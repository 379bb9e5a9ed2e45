using Learn.Dnn.Callbacks;
using Learn.Dnn.Devices;

namespace Learn.Dnn.Models;

/// <summary>The training loop: Keras 3's <c>fit</c>, and the step it repeats.</summary>
public abstract partial class Model
{
    #region fit
    /// <summary>
    /// Trains the model on x: [n, ...] and y: [n, ...] for <paramref name="epochs"/> passes over the data,
    /// in mini-batches of <paramref name="batchSize"/> (the last one may be smaller: ⌈n/batch⌉ steps).
    /// Each epoch reshuffles the samples (from <paramref name="seed"/>, or <see cref="Seed"/>: the same seed
    /// gives the same order). The loss and metrics of an epoch are running means weighted by batch size.
    /// <paramref name="validationSplit"/> keeps the last fraction of the samples out of training, cut
    /// before any shuffling, and reports it as val_loss, val_accuracy...; <paramref name="validationData"/>
    /// replaces it; it runs after every <paramref name="validationFreq"/>-th epoch. <paramref name="verbose"/>: 0 silent, 1 a progress bar, 2 one line per epoch.
    /// Returns the <see cref="History"/> of the epochs' logs.
    /// </summary>
    public History Fit(Tensor x, Tensor y, int batchSize = 32, int epochs = 1, int verbose = 1,
                       double validationSplit = 0, (Tensor X, Tensor Y)? validationData = null, bool shuffle = true,
                       IEnumerable<Callback>? callbacks = null, int initialEpoch = 0, ulong? seed = null,
                       int? validationBatchSize = null, int validationFreq = 1)
    {
        RequireCompiled("Fit");
        RequireData("Fit", x, y);
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), $"Fit: batchSize must be positive, got {batchSize}.");
        if (epochs < 0) throw new ArgumentOutOfRangeException(nameof(epochs), $"Fit: epochs must be ≥ 0, got {epochs}.");
        if (initialEpoch < 0)
            throw new ArgumentOutOfRangeException(nameof(initialEpoch), $"Fit: initialEpoch is the epoch to resume from, counted from 0, so it must be ≥ 0; got {initialEpoch}.");
        if (verbose is < 0 or > 2) throw new ArgumentOutOfRangeException(nameof(verbose), $"Fit: verbose must be 0, 1 or 2, got {verbose}.");
        if (validationFreq <= 0) throw new ArgumentOutOfRangeException(nameof(validationFreq), $"Fit: validationFreq must be positive, got {validationFreq}.");
        if (!(validationSplit >= 0 && validationSplit < 1))
            throw new ArgumentOutOfRangeException(nameof(validationSplit), $"Fit: validationSplit must be in [0, 1), got {validationSplit}.");

        RequireTargets("Fit", x, y);

        #region validation-split
        (Tensor X, Tensor Y)? validation = validationData;
        (string Name, int First) validationSource = ("validationData", 0);   // where sample 0 of the validation data is, for reports
        if (validation is { } given)
        {
            RequireData("Fit (validationData)", given.X, given.Y);
            RequireTargets("Fit (validationData)", given.X, given.Y);
        }
        else if (validationSplit > 0)
        {
            int n = x.Shape[0];
            int splitAt = (int)Math.Floor(n * (1.0 - validationSplit));   // the LAST samples validate, cut before shuffling
            if (splitAt == 0 || splitAt == n)
                throw new ArgumentException(
                    $"Fit: the training data has {n} samples, which is not enough to split into a training and a validation set " +
                    $"with validationSplit = {validationSplit} (the split point would be {splitAt}). Provide more data or another validationSplit.");
            validation = (x.Rows(splitAt, n - splitAt), y.Rows(splitAt, n - splitAt));
            validationSource = ("x and y (their validationSplit part)", splitAt);
            (x, y) = (x.Rows(0, splitAt), y.Rows(0, splitAt));
        }
        #endregion

        int samples = x.Shape[0];
        int steps = (samples + batchSize - 1) / batchSize;   // ⌈n / batch⌉: the last partial batch is kept
        ulong shuffleSeed = seed ?? Seed;
        var parameters = new Dictionary<string, int> { ["verbose"] = verbose, ["epochs"] = epochs, ["steps"] = steps };
        var list = new CallbackList(callbacks, this, addHistory: true, addProgbar: true, parameters);   // silent at verbose 0, but it prints a non-finite loss's report

        StopTraining = false;
        NonFiniteLossException? nonFinite = null;
        list.TrainBegin();
        IReadOnlyDictionary<string, double>? trainingLogs = null;
        for (int epoch = initialEpoch; epoch < epochs; epoch++)
        {
            var tracker = new EpochTracker(metricFactories);
            list.EpochBegin(epoch);
            int[] order = shuffle ? Permutation(samples, shuffleSeed, epoch) : Enumerable.Range(0, samples).ToArray();
            for (int step = 0; step < steps; step++)
            {
                list.TrainBatchBegin(step);
                int start = step * batchSize, count = Math.Min(batchSize, samples - start);
                int[] rows = order.AsSpan(start, count).ToArray();
                #region scope-per-step
                using (StorageScope.Begin())   // the step's intermediates go back to the device's pool when it ends (chapter 10)
                    nonFinite ??= TrainStep(Batch(x, rows), Batch(y, rows), tracker, list, epoch, epochs, step, steps);
                #endregion
                list.TrainBatchEnd(step, tracker.Logs());
                if (StopTraining) break;
            }
            var epochLogs = new SortedDictionary<string, double>(tracker.Logs(), StringComparer.Ordinal);
            if (validation is { } v && (epoch + 1) % validationFreq == 0)
            {
                var validationLogs = RunTest(v.X, v.Y, validationBatchSize ?? batchSize, list);
                foreach (var (key, value) in validationLogs) epochLogs["val_" + key] = value;
                if (!double.IsFinite(validationLogs["loss"]) && nonFinite is null)   // reported and stopped, as a training loss would be
                {
                    nonFinite = DiagnoseNonFiniteValidation(validationLogs["loss"], v.X, v.Y, validationSource, epoch, epochs);
                    list.NonFiniteLoss(nonFinite);
                    StopTraining = true;
                }
            }
            list.EpochEnd(epoch, epochLogs);
            trainingLogs = epochLogs;
            if (StopTraining) break;
        }
        list.TrainEnd(trainingLogs);
        return list.History!;
    }
    #endregion

    #region train-step
    /// <summary>
    /// One step: forward (training: true, so Dropout drops), loss + penalties, backward, the optimizer's
    /// update, zeroed gradients; then the running means. A non-finite loss skips the update (the
    /// weights stay those before the batch), stops training, and hands the diagnosis to the callbacks
    /// (the progress bar prints it, History keeps it) before returning it.
    /// </summary>
    private NonFiniteLossException? TrainStep(Tensor xBatch, Tensor yBatch, EpochTracker tracker, CallbackList callbacks,
                                              int epoch, int epochs, int step, int steps)
    {
        var yPred = Call(xBatch, training: true);   // the first call builds the layers, so read their weights after it
        var weights = TrainableWeights;
        foreach (var w in weights) w.ZeroGrad();
        var loss = WithPenalties(ComputeLoss(yBatch, yPred, "Fit"));
        float value = loss.Item();
        tracker.Add(value, yBatch, yPred.Detach());
        if (!float.IsFinite(value))
        {
            var report = DiagnoseNonFinite(value, xBatch, yBatch, epoch, epochs, step, steps);
            callbacks.NonFiniteLoss(report);
            StopTraining = true;
            return report;
        }
        loss.Backward();
        Optimizer!.Apply(weights);
        foreach (var w in Weights) w.ZeroGrad();   // a frozen layer's weights too: a gradient may reach them, and is dropped
        return null;
    }

    /// <summary>The loss plus every layer's penalty (Keras' compute_loss adds <c>model.losses</c>): what is minimised and logged.</summary>
    private Tensor WithPenalties(Tensor loss)
    {
        foreach (var penalty in Losses) loss += penalty;
        return loss;
    }

    /// <summary>
    /// The loss of a batch; a shape mismatch between y and the output names the output layer: the
    /// layer whose call, among the model's nodes, returned y_pred.
    /// </summary>
    private Tensor ComputeLoss(Tensor yBatch, Tensor yPred, string operation)
    {
        try
        {
            return Loss!.Call(yBatch, yPred);
        }
        catch (ShapeMismatchException e)
        {
            var output = Nodes.LastOrDefault(node => node.Produced(yPred))?.Layer;
            throw new ShapeMismatchException(
                $"{operation} on model '{Name}': the output layer '{output?.Name}' ({output?.GetType().Name}) gives y_pred of shape {yPred.Shape}, " +
                $"and the targets y of this batch have shape {yBatch.Shape}, which the loss {Loss!.Name} does not accept. {e.Message}");
        }
    }
    #endregion
}
