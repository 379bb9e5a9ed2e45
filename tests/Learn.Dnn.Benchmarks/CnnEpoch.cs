using System.Diagnostics;
using System.Globalization;
using Learn.Dnn.Convolution;
using Learn.Dnn.Layers;
using Learn.Dnn.Losses;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;

namespace Learn.Dnn.Benchmarks;

/// <summary>
/// One MNIST-sized epoch (60,000 random 28×28×1 images, 10 classes) of chapter 7's two seed CNNs,
/// through <c>Fit</c> as the chapter trains them: seed 001 (Conv2D 4@5×5 → MaxPool → Conv2D 16@5×5 →
/// MaxPool → Dense 100 → Dropout 0.4 → Dense 10 softmax, Adagrad 0.01, batch 100) and seed 003
/// (Conv2D 32@3×3 → MaxPool → Conv2D 64@3×3 → MaxPool → Conv2D 128@3×3 → Dense 10 softmax, RMSprop,
/// batch 64), and LeNet-5 as Keras tutorials build it (Conv2D 6@5×5 "same" tanh → AveragePooling → Conv2D 16@5×5
/// tanh → AveragePooling → Dense 120 tanh → Dense 84 tanh → Dense 10 softmax, Adam, batch 128).
/// compare-cnn.sh runs it beside PyTorch on the same work.
/// <code>cnn-epoch 001|003|lenet [--samples N]</code> prints one CSV line: net,batch,samples,seconds,allocated_bytes_per_step.
/// </summary>
public static class CnnEpoch
{
    public static int Run(string[] args)
    {
        if (args.Length < 1 || args[0] is not ("001" or "003" or "lenet"))
        {
            Console.Error.WriteLine("usage: cnn-epoch 001|003|lenet [--samples N]");
            return 2;
        }
        string net = args[0];
        int samples = args.Length > 2 && args[1] == "--samples" ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60_000;
        int batch = BatchSize(net);

        var rng = new Rng(7);
        var x = rng.Uniform(new Shape(samples, 28, 28, 1));
        var labels = new float[samples];
        for (int i = 0; i < samples; i++) labels[i] = rng.NextInt(10);
        var y = Tensor.FromArray(labels, samples);

        var model = Model(net);
        model.Compile(NewOptimizer(net), new SparseCategoricalCrossentropy());
        (double Seconds, long Bytes) Epoch(int count)
        {
            var xs = count == samples ? x : x.Rows(0, count);
            var ys = count == samples ? y : y.Rows(0, count);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            model.Fit(xs, ys, batchSize: batch, epochs: 1, verbose: 0);
            return (clock.Elapsed.TotalSeconds, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Epoch(Math.Min(samples, 30 * batch));   // warm-up: JIT (to its optimised tier), the storage pool, the GEMM's buffers
        var (seconds, bytes) = Epoch(samples);
        int steps = (samples + batch - 1) / batch;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{net},{batch},{samples},{seconds:F3},{bytes / steps}"));
        return 0;
    }

    /// <summary>The chapter's batch size for each seed net; 128 for LeNet-5, as in Keras' tutorials.</summary>
    public static int BatchSize(string net) => net switch { "001" => 100, "lenet" => 128, _ => 64 };

    /// <summary>The seed's network, as chapter 7 builds it, or LeNet-5.</summary>
    public static Sequential Model(string net) => net == "lenet" ? LeNet5() : net == "001"
        ? new([
            new Input(28, 28, 1),
            new Conv2D(4, 5, activation: "relu", seed: 1), new MaxPooling2D(2),
            new Conv2D(16, 5, activation: "relu", seed: 2), new MaxPooling2D(2),
            new Flatten(),
            new Dense(100, "relu", seed: 3), new Dropout(0.4, seed: 4),
            new Dense(10, "softmax", seed: 5),
        ])
        : new([
            new Input(28, 28, 1),
            new Conv2D(32, 3, activation: "relu", seed: 1), new MaxPooling2D(2),
            new Conv2D(64, 3, activation: "relu", seed: 2), new MaxPooling2D(2),
            new Conv2D(128, 3, activation: "relu", seed: 3),
            new Flatten(), new Dense(10, "softmax", seed: 4),
        ]);

    /// <summary>LeNet-5 (LeCun et al., 1998) as Keras tutorials build it for MNIST: 6 and 16 filters, 120 and 84 units.</summary>
    private static Sequential LeNet5() => new([
        new Input(28, 28, 1),
        new Conv2D(6, 5, padding: "same", activation: "tanh", seed: 1), new AveragePooling2D(2),
        new Conv2D(16, 5, activation: "tanh", seed: 2), new AveragePooling2D(2),
        new Flatten(),
        new Dense(120, "tanh", seed: 3), new Dense(84, "tanh", seed: 4),
        new Dense(10, "softmax", seed: 5),
    ]);

    /// <summary>The seed's optimizer: Adagrad(0.01) for 001, RMSprop with Keras' defaults for 003; Adam's defaults for LeNet-5.</summary>
    public static Optimizer NewOptimizer(string net) => net switch
    {
        "001" => new Adagrad(learningRate: 0.01f),
        "lenet" => new Adam(),
        _ => new RMSprop(),
    };
}
