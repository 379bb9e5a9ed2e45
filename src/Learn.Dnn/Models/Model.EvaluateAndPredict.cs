using Learn.Dnn.Callbacks;
using Learn.Dnn.Devices;

namespace Learn.Dnn.Models;

/// <summary>The model on new data, without training: Keras 3's <c>evaluate</c> and <c>predict</c>.</summary>
public abstract partial class Model
{
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
        RequireTargets("Evaluate", x, y);
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
}
