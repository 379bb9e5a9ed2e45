using Learn.Dnn.Devices;
using Learn.Dnn.Metrics;

namespace Learn.Dnn.Models;

/// <summary>The data side of the loops: checking x and y, cutting and placing batches, shuffling, and the epoch's running means.</summary>
public abstract partial class Model
{
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

    /// <summary>
    /// Checks every target of y against the loss once, before a loop runs its first batch (a class label out of
    /// range, a binary target outside [0, 1]): the error names y, the sample and the valid range, and no weight
    /// has changed. A loss that needs the number of classes gets the model's output width, from one sample of x
    /// run through the model (which builds it, as the first batch would).
    /// </summary>
    private void RequireTargets(string operation, Tensor x, Tensor y) =>
        Loss!.RequireTargets(y, () => OutputWidth(x), operation);

    private int OutputWidth(Tensor x)
    {
        using var scope = StorageScope.Begin();
        using var noGrad = Tensor.NoGrad();
        var output = Call(Batch(x, 0, 1), training: false);
        return output.Rank > 1 ? output.Shape[output.Rank - 1] : 1;
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
