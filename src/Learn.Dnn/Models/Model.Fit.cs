using Learn.Dnn.Devices;
using Learn.Dnn.Callbacks;
using Learn.Dnn.Metrics;

namespace Learn.Dnn.Models;

/// <summary>The training loop: Keras 3's <c>fit</c>, <c>evaluate</c> and <c>predict</c>.</summary>
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
        if (verbose is < 0 or > 2) throw new ArgumentOutOfRangeException(nameof(verbose), $"Fit: verbose must be 0, 1 or 2, got {verbose}.");
        if (validationFreq <= 0) throw new ArgumentOutOfRangeException(nameof(validationFreq), $"Fit: validationFreq must be positive, got {validationFreq}.");
        if (!(validationSplit >= 0 && validationSplit < 1))
            throw new ArgumentOutOfRangeException(nameof(validationSplit), $"Fit: validationSplit must be in [0, 1), got {validationSplit}.");

        #region validation-split
        (Tensor X, Tensor Y)? validation = validationData;
        if (validation is { } given) RequireData("Fit (validationData)", given.X, given.Y);
        else if (validationSplit > 0)
        {
            int n = x.Shape[0];
            int splitAt = (int)Math.Floor(n * (1.0 - validationSplit));   // the LAST samples validate, cut before shuffling
            if (splitAt == 0 || splitAt == n)
                throw new ArgumentException(
                    $"Fit: the training data has {n} samples, which is not enough to split into a training and a validation set " +
                    $"with validationSplit = {validationSplit} (the split point would be {splitAt}). Provide more data or another validationSplit.");
            validation = (x.Rows(splitAt, n - splitAt), y.Rows(splitAt, n - splitAt));
            (x, y) = (x.Rows(0, splitAt), y.Rows(0, splitAt));
        }
        #endregion

        int samples = x.Shape[0];
        int steps = (samples + batchSize - 1) / batchSize;   // ⌈n / batch⌉: the last partial batch is kept
        ulong shuffleSeed = seed ?? Seed;
        var parameters = new Dictionary<string, int> { ["verbose"] = verbose, ["epochs"] = epochs, ["steps"] = steps };
        var list = new CallbackList(callbacks, this, addHistory: true, addProgbar: verbose != 0, parameters);

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
                using (StorageScope.Begin())   // the step's intermediates go back to the device's pool when it ends (chapter 10)
                    nonFinite ??= TrainStep(Batch(x, rows), Batch(y, rows), tracker, epoch, epochs, step, steps);
                list.TrainBatchEnd(step, tracker.Logs());
                if (StopTraining) break;
            }
            var epochLogs = new SortedDictionary<string, double>(tracker.Logs(), StringComparer.Ordinal);
            if (validation is { } v && (epoch + 1) % validationFreq == 0)
            {
                var validationLogs = RunTest(v.X, v.Y, validationBatchSize ?? batchSize, list);
                foreach (var (key, value) in validationLogs) epochLogs["val_" + key] = value;
            }
            list.EpochEnd(epoch, epochLogs);
            trainingLogs = epochLogs;
            if (StopTraining) break;
        }
        list.TrainEnd(trainingLogs);
        list.History!.NonFiniteLoss = nonFinite;
        return list.History!;
    }
    #endregion

    #region train-step
    /// <summary>
    /// One step: forward (training: true, so Dropout drops), loss + penalties, backward, the optimizer's
    /// update, zeroed gradients; then the running means. A non-finite loss skips the update (the
    /// weights stay those before the batch), stops training and returns the diagnosis.
    /// </summary>
    private NonFiniteLossException? TrainStep(Tensor xBatch, Tensor yBatch, EpochTracker tracker, int epoch, int epochs, int step, int steps)
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
            Console.WriteLine(Environment.NewLine + report.Message);
            StopTraining = true;
            return report;
        }
        loss.Backward();
        Optimizer!.Apply(weights);
        foreach (var w in weights) w.ZeroGrad();
        return null;
    }

    /// <summary>The loss plus every layer's penalty (Keras' compute_loss adds <c>model.losses</c>): what is minimised and logged.</summary>
    private Tensor WithPenalties(Tensor loss)
    {
        foreach (var penalty in Losses) loss += penalty;
        return loss;
    }

    /// <summary>The loss of a batch; a shape mismatch between y and the output names the output layer.</summary>
    private Tensor ComputeLoss(Tensor yBatch, Tensor yPred, string operation)
    {
        try
        {
            return Loss!.Call(yBatch, yPred);
        }
        catch (ShapeMismatchException e)
        {
            var last = Layers.LastOrDefault();
            throw new ShapeMismatchException(
                $"{operation} on model '{Name}': the output layer '{last?.Name}' ({last?.GetType().Name}) gives y_pred of shape {yPred.Shape}, " +
                $"and the targets y of this batch have shape {yBatch.Shape}, which the loss {Loss!.Name} does not accept. {e.Message}");
        }
    }
    #endregion

    #region non-finite
    /// <summary>
    /// Why the loss of this batch is NaN or ∞: re-runs the batch with checks, layer by layer — the data,
    /// each layer's weights, each layer's output, the loss, then the gradients from the output back —
    /// and names the first place a non-finite number appears, with what usually causes it.
    /// </summary>
    private NonFiniteLossException DiagnoseNonFinite(float value, Tensor xBatch, Tensor yBatch, int epoch, int epochs, int step, int steps)
    {
        string? culprit = null;
        string? finding = null;
        if (!AllFinite(xBatch)) finding = "the input batch x itself contains NaN or ∞: check the data";
        else if (!AllFinite(yBatch)) finding = "the targets y of this batch contain NaN or ∞: check the data";
        else
        {
            foreach (var w in TrainableWeights) w.ZeroGrad();
            var outputs = new List<(Layers.Layer Layer, Tensor Output)>();
            var h = xBatch;
            foreach (var layer in Layers)
            {
                if (layer.Weights.Any(w => !AllFinite(w)))
                {
                    (culprit, finding) = (layer.Name, $"layer '{layer.Name}' ({layer.GetType().Name}) has NaN or ∞ in its weights (an earlier update put them there)");
                    break;
                }
                h = layer.Call(h, training: true);
                outputs.Add((layer, h));
                if (!AllFinite(h))
                {
                    (culprit, finding) = (layer.Name, $"layer '{layer.Name}' ({layer.GetType().Name}) is the first whose output is NaN or ∞; its input was finite");
                    break;
                }
            }
            if (finding is null)
            {
                var loss = WithPenalties(ComputeLoss(yBatch, h, "Fit"));
                float again = loss.Item();
                if (!float.IsFinite(again))
                {
                    var (largestLayer, largest) = outputs.Select(o => (o.Layer.Name, Max: o.Output.ToArray().Max(MathF.Abs))).MaxBy(o => o.Max);
                    finding = $"every layer's output is finite, but the loss {Loss!.Name} of them (with the penalties) is {PythonFormat.Repr(again)}; " +
                              $"the largest |output| is {largest.ToString("0.00e+00", System.Globalization.CultureInfo.InvariantCulture)}, in layer '{largestLayer}'" +
                              (largest > 1e15f ? ", so large that the loss overflows float32 (the weights have grown too much)" : ": a log(0)? targets outside the loss's range?");
                }
                else
                {
                    loss.Backward();
                    // The gradient flows from the output back: the first non-finite one in that order is where it starts.
                    for (int i = outputs.Count - 1; i >= 0 && finding is null; i--)
                    {
                        var (layer, output) = outputs[i];
                        bool outputGradient = output.Grad is { } g && !AllFinite(g);
                        bool weightGradient = layer.TrainableWeights.Any(w => w.Grad is { } gw && !AllFinite(gw));
                        if (outputGradient || weightGradient)
                            (culprit, finding) = (layer.Name, $"layer '{layer.Name}' ({layer.GetType().Name}) is the first, from the output back, whose gradient is NaN or ∞");
                    }
                    finding ??= $"re-run, this batch gives a finite loss ({PythonFormat.Repr(again)}) and finite gradients (a dropout mask drawn differently?)";
                }
            }
            foreach (var w in TrainableWeights) w.ZeroGrad();
        }
        string message =
            $"Fit on model '{Name}': the loss became {PythonFormat.Repr(value)} at epoch {epoch + 1}/{epochs}, batch {step + 1}/{steps}; training stopped " +
            $"(this batch's update was not applied, and History keeps the epochs so far).{Environment.NewLine}" +
            $"  Where: {finding} (found by re-running that batch with checks).{Environment.NewLine}" +
            $"  Usual causes: a learning rate too large (the weights grow step after step until they overflow: try one 10 times smaller); " +
            $"inputs that are not scaled (standardize them, e.g. with StandardScaler); log(0) in the loss (a probability of exactly 0 or 1).";
        return new NonFiniteLossException(message, epoch + 1, step + 1, culprit);
    }

    private static bool AllFinite(Tensor t) => t.ToArray().All(float.IsFinite);
    #endregion

    #region evaluate
    /// <summary>
    /// The loss and metrics on x and y, as running means over batches of <paramref name="batchSize"/>
    /// weighted by batch size (Keras' <c>evaluate(..., return_dict=True)</c>): {"accuracy": …, "loss": …}.
    /// </summary>
    public IReadOnlyDictionary<string, double> Evaluate(Tensor x, Tensor y, int batchSize = 32, int verbose = 1,
                                                        IEnumerable<Callback>? callbacks = null)
    {
        RequireCompiled("Evaluate");
        RequireData("Evaluate", x, y);
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), $"Evaluate: batchSize must be positive, got {batchSize}.");
        int steps = (x.Shape[0] + batchSize - 1) / batchSize;
        var parameters = new Dictionary<string, int> { ["verbose"] = verbose, ["epochs"] = 1, ["steps"] = steps };
        var list = new CallbackList(callbacks, this, addHistory: false, addProgbar: verbose != 0, parameters);
        return RunTest(x, y, batchSize, list);
    }

    /// <summary>Evaluation with the test hooks (also Fit's validation, with Fit's callbacks).</summary>
    private SortedDictionary<string, double> RunTest(Tensor x, Tensor y, int batchSize, CallbackList list)
    {
        int samples = x.Shape[0], steps = (samples + batchSize - 1) / batchSize;
        var tracker = new EpochTracker(metricFactories);
        list.TestBegin();
        for (int step = 0; step < steps; step++)
        {
            list.TestBatchBegin(step);
            int start = step * batchSize, count = Math.Min(batchSize, samples - start);
            using (StorageScope.Begin())
            using (Tensor.NoGrad())
            {
                var xBatch = Batch(x, start, count);
                var yBatch = Batch(y, start, count);
                var yPred = Call(xBatch, training: false);
                tracker.Add(WithPenalties(ComputeLoss(yBatch, yPred, "Evaluate")).Item(), yBatch, yPred);
            }
            list.TestBatchEnd(step, tracker.Logs());
        }
        var logs = tracker.Logs();
        list.TestEnd(logs);
        return logs;
    }
    #endregion

    #region predict
    /// <summary>The model's outputs for x: [n, ...], computed in batches of <paramref name="batchSize"/>, without training behaviour (no dropout).</summary>
    public Tensor Predict(Tensor x, int batchSize = 32, int verbose = 1, IEnumerable<Callback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 0 || x.Shape[0] == 0) throw new ArgumentException($"Predict on model '{Name}': x must hold at least one sample, got shape {x.Shape}.");
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), $"Predict: batchSize must be positive, got {batchSize}.");
        int samples = x.Shape[0], steps = (samples + batchSize - 1) / batchSize;
        var parameters = new Dictionary<string, int> { ["verbose"] = verbose, ["epochs"] = 1, ["steps"] = steps };
        var list = new CallbackList(callbacks, this, addHistory: false, addProgbar: verbose != 0, parameters);
        list.PredictBegin();
        float[]? result = null;
        int[]? outputShape = null;
        int rowLength = 0;
        for (int step = 0; step < steps; step++)
        {
            list.PredictBatchBegin(step);
            int start = step * batchSize, count = Math.Min(batchSize, samples - start);
            using (StorageScope.Begin())
            using (Tensor.NoGrad())
            {
                var yPred = Call(Batch(x, start, count), training: false);
                if (result is null)
                {
                    outputShape = yPred.Shape.ToArray();
                    outputShape[0] = samples;
                    rowLength = yPred.Size / Math.Max(count, 1);
                    result = new float[samples * rowLength];
                }
                yPred.ToArray().CopyTo(result, start * rowLength);
            }
            list.PredictBatchEnd(step);
        }
        list.PredictEnd();
        return Tensor.FromArray(result!, new Shape(outputShape!), x.Device);
    }
    #endregion

    #region data
    /// <summary>Checks x and y before a loop starts, so that the error names them and not a batch.</summary>
    private void RequireData(string operation, Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rank == 0 || y.Rank == 0)
            throw new ShapeMismatchException($"{operation} on model '{Name}': x and y need a batch axis (samples first); got x {x.Shape} and y {y.Shape}.");
        if (x.Shape[0] != y.Shape[0])
            throw new ShapeMismatchException(
                $"{operation} on model '{Name}': x has {x.Shape[0]} samples (shape {x.Shape}) but y has {y.Shape[0]} (shape {y.Shape}); " +
                "they must have the same number of rows, one target per sample.");
        if (x.Shape[0] == 0)
            throw new ArgumentException($"{operation} on model '{Name}': x holds no samples (shape {x.Shape}).");
        RequireInputShape(x.Shape);
    }

    /// <summary>Checks x's sample shape against the model's declared input, if it has one.</summary>
    protected virtual void RequireInputShape(Shape xShape) { }

    private Tensor Batch(Tensor data, int[] rows) => Place(data.Rows(rows));

    private Tensor Batch(Tensor data, int start, int count) =>
        Place(start == 0 && count == data.Shape[0] ? data : data.Rows(start, count));

    private Tensor Place(Tensor batch) => WeightDevice is { } device ? batch.To(device) : batch;

    /// <summary>
    /// A permutation of 0..n−1 for <paramref name="epoch"/>: Fisher–Yates, where draw i is the
    /// counter-based random number (seed, epoch·n + i), so every epoch has its own order and the same
    /// seed always gives the same orders.
    /// </summary>
    internal static int[] Permutation(int n, ulong seed, int epoch)
    {
        var order = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--)
        {
            ulong bits = CounterRandom.Bits(seed, (ulong)epoch * (ulong)n + (ulong)i);
            int j = (int)(((UInt128)bits * (ulong)(i + 1)) >> 64);   // uniform in [0, i] (Lemire's multiply-shift)
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
    #endregion

    /// <summary>An epoch's running means: Σ(loss·batch)/Σbatch and each metric's Σ values/Σ samples.</summary>
    private sealed class EpochTracker(List<Func<Metric>> factories)
    {
        private readonly List<Metric> metrics = factories.Select(f => f()).ToList();
        private double lossSum;
        private long samples;

        public void Add(float loss, Tensor yTrue, Tensor yPred)
        {
            int n = yTrue.Shape[0];
            lossSum += (double)loss * n;
            samples += n;
            foreach (var metric in metrics) metric.Update(yTrue, yPred);
        }

        public SortedDictionary<string, double> Logs()
        {
            var logs = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["loss"] = samples == 0 ? 0 : lossSum / samples };
            foreach (var metric in metrics) logs[metric.Name] = metric.Result();
            return logs;
        }
    }
}
