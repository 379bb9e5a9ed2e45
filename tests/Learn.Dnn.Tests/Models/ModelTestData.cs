using Learn.Dnn.Callbacks;

namespace Learn.Dnn.Tests.Models;

/// <summary>Small, seeded data sets for the training-loop tests.</summary>
internal static class ModelTestData
{
    /// <summary>n points in [−1, 1]², labelled 1 when x₀ + x₁ &gt; 0 (linearly separable): x [n, 2], y [n, 1].</summary>
    public static (Tensor X, Tensor Y) TwoHalves(int n, ulong seed = 7)
    {
        var x = new float[n * 2];
        var y = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[2 * i] = CounterRandom.Uniform(seed, (ulong)(2 * i), -1f, 1f);
            x[2 * i + 1] = CounterRandom.Uniform(seed, (ulong)(2 * i + 1), -1f, 1f);
            y[i] = x[2 * i] + x[2 * i + 1] > 0 ? 1f : 0f;
        }
        return (Tensor.FromArray(x, n, 2), Tensor.FromArray(y, n, 1));
    }

    /// <summary>Records every hook as a line ("epoch_begin 0", "train_batch_end 1 loss=…").</summary>
    public sealed class Recorder : Callback
    {
        public List<string> Calls { get; } = [];
        public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs) => Calls.Add("train_begin");
        public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs) => Calls.Add("train_end");
        public override void OnEpochBegin(int epoch, IReadOnlyDictionary<string, double> logs) => Calls.Add($"epoch_begin {epoch}");
        public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) => Calls.Add($"epoch_end {epoch} [{string.Join(",", logs.Keys)}]");
        public override void OnTrainBatchBegin(int batch, IReadOnlyDictionary<string, double> logs) => Calls.Add($"train_batch_begin {batch}");
        public override void OnTrainBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) => Calls.Add($"train_batch_end {batch}");
        public override void OnTestBegin(IReadOnlyDictionary<string, double> logs) => Calls.Add("test_begin");
        public override void OnTestEnd(IReadOnlyDictionary<string, double> logs) => Calls.Add("test_end");
        public override void OnTestBatchBegin(int batch, IReadOnlyDictionary<string, double> logs) => Calls.Add($"test_batch_begin {batch}");
        public override void OnTestBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) => Calls.Add($"test_batch_end {batch}");
        public override void OnPredictBegin(IReadOnlyDictionary<string, double> logs) => Calls.Add("predict_begin");
        public override void OnPredictEnd(IReadOnlyDictionary<string, double> logs) => Calls.Add("predict_end");
        public override void OnPredictBatchBegin(int batch, IReadOnlyDictionary<string, double> logs) => Calls.Add($"predict_batch_begin {batch}");
        public override void OnPredictBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) => Calls.Add($"predict_batch_end {batch}");
    }
}
