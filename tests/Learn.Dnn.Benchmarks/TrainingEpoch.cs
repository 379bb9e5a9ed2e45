using System.Diagnostics;
using System.Globalization;
using Learn.Dnn.Devices;
using Learn.Dnn.Layers;
using Learn.Dnn.Losses;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;
using Learn.Dnn.Recurrent;

namespace Learn.Dnn.Benchmarks;

/// <summary>
/// One MNIST-sized epoch (60,000 samples of random pixels, 10 classes) through <c>Fit</c> and through
/// a hand-written loop, with SGD or Adam, of one of three models: the MLP 784-300-100-10 on [N, 784]
/// (chapter 10's training benchmark, the default), or LSTM(128) → Dense(10) or GRU(128) → Dense(10)
/// on MNIST rows [N, 28, 28] (chapter 8's). compare-training.sh and compare-recurrent.sh run it
/// beside PyTorch on the same work.
/// <code>train-epoch fit|loop sgd|adam BATCH [--samples N] [--model mlp|lstm|gru]</code> prints one CSV line:
/// way,optimizer,batch,samples,seconds,allocated_bytes_per_step.
/// </summary>
public static class TrainingEpoch
{
    public static int Run(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: train-epoch fit|loop sgd|adam BATCH [--samples N]");
            return 2;
        }
        string way = args[0], optimizer = args[1];
        int batch = int.Parse(args[2], CultureInfo.InvariantCulture);
        int samples = Option(args, "--samples") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 60_000;
        string model = Option(args, "--model") ?? "mlp";
        Func<Sequential> create = model switch
        {
            "mlp" => Mlp,
            "lstm" => () => RowReader(new LSTM(128, seed: 1)),
            "gru" => () => RowReader(new GRU(128, seed: 1)),
            _ => throw new ArgumentException($"train-epoch: model must be mlp, lstm or gru, got \"{model}\"."),
        };
        var sampleShape = model == "mlp" ? new Shape(784) : new Shape(28, 28);

        var rng = new Rng(7);
        var x = rng.Uniform(new Shape([samples, .. sampleShape.Dimensions]));
        var labels = new float[samples];
        for (int i = 0; i < samples; i++) labels[i] = rng.NextInt(10);
        var y = Tensor.FromArray(labels, samples);

        Func<int, (double Seconds, long Bytes, int Steps)> epoch = way switch
        {
            "fit" => FitEpoch(create(), x, y, optimizer, batch),
            "loop" => LoopEpoch(create(), x, y, optimizer, batch),
            _ => throw new ArgumentException($"train-epoch: way must be fit or loop, got \"{way}\"."),
        };
        epoch(Math.Min(samples, 20 * batch));          // warm-up: JIT, the storage pool, the GEMM's buffers
        var (seconds, bytes, steps) = epoch(samples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{way},{optimizer},{batch},{samples},{seconds:F3},{bytes / Math.Max(steps, 1)}"));
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static Sequential Mlp() => new([
        new Input(784),
        new Dense(300, activation: "relu", seed: 1),
        new Dense(100, activation: "relu", seed: 2),
        new Dense(10, seed: 3),
    ]);

    /// <summary>Chapter 8's MNIST-rows model: 28 time steps of 28 pixels, a recurrent layer, 10 logits.</summary>
    private static Sequential RowReader(Layer recurrent) => new([
        new Input(28, 28),
        recurrent,
        new Dense(10, seed: 3),
    ]);

    private static Optimizer NewOptimizer(string name) => name switch
    {
        "sgd" => new SGD(),
        "adam" => new Adam(),
        _ => throw new ArgumentException($"train-epoch: optimizer must be sgd or adam, got \"{name}\"."),
    };

    /// <summary>Model.Fit, as a Keras user writes it; logits and a from-logits loss, as the PyTorch peer.</summary>
    private static Func<int, (double, long, int)> FitEpoch(Sequential model, Tensor x, Tensor y, string optimizer, int batch)
    {
        model.Compile(NewOptimizer(optimizer), new SparseCategoricalCrossentropy(fromLogits: true));
        return samples =>
        {
            var xs = samples == x.Shape[0] ? x : x.Rows(0, samples);
            var ys = samples == y.Shape[0] ? y : y.Rows(0, samples);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            model.Fit(xs, ys, batchSize: batch, epochs: 1, verbose: 0);
            return (clock.Elapsed.TotalSeconds, GC.GetAllocatedBytesForCurrentThread() - before, (samples + batch - 1) / batch);
        };
    }

    /// <summary>The loop of chapter 2 with a chapter-5 optimizer and a chapter-10 scope per step.</summary>
    private static Func<int, (double, long, int)> LoopEpoch(Sequential model, Tensor x, Tensor y, string optimizer, int batch)
    {
        var sampleShape = x.Shape.Dimensions[1..].ToArray();   // [784] or [28, 28]
        int sampleSize = x.Size / x.Shape[0];
        var opt = NewOptimizer(optimizer);
        var loss = new SparseCategoricalCrossentropy(fromLogits: true);
        var order = new Rng(11);
        return samples =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            int[] permutation = order.Permutation(samples);
            int steps = 0;
            for (int start = 0; start < samples; start += batch, steps++)
            {
                int count = Math.Min(batch, samples - start);
                using var scope = StorageScope.Begin();
                var rows = permutation.AsSpan(start, count);
                var xb = Tensor.Zeros(new Shape([count, .. sampleShape]));
                x.Device.GatherRows(x.Storage, sampleSize, rows, xb.Storage);
                var yb = Tensor.Zeros(new Shape(count));
                y.Device.GatherRows(y.Storage, 1, rows, yb.Storage);
                var l = loss.Call(yb, model.Call(xb, training: true));
                l.Backward();
                opt.Apply(model.TrainableWeights);
                foreach (var w in model.TrainableWeights) w.ZeroGrad();
            }
            return (clock.Elapsed.TotalSeconds, GC.GetAllocatedBytesForCurrentThread() - before, steps);
        };
    }
}
