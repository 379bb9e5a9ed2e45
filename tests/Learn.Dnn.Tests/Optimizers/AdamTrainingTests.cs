using Learn.Dnn.Layers;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;

namespace Learn.Dnn.Tests.Optimizers;

/// <summary>The optimizers in a real training loop: Sequential, Compile, Fit.</summary>
public sealed class AdamTrainingTests
{
    /// <summary>n points in [−1, 1]², labelled 1 inside the circle of radius 0.7 (not linearly separable).</summary>
    private static (Tensor X, Tensor Y) Circle(int n)
    {
        var x = new float[2 * n];
        var y = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[2 * i] = CounterRandom.Uniform(11, (ulong)(2 * i), -1f, 1f);
            x[2 * i + 1] = CounterRandom.Uniform(11, (ulong)(2 * i + 1), -1f, 1f);
            y[i] = x[2 * i] * x[2 * i] + x[2 * i + 1] * x[2 * i + 1] < 0.49f ? 1f : 0f;
        }
        return (Tensor.FromArray(x, n, 2), Tensor.FromArray(y, n, 1));
    }

    [Fact]
    public void An_MLP_trained_with_Adam_learns_a_circle()
    {
        var (x, y) = Circle(400);
        var model = new Sequential([new Input(2), new Dense(16, "relu", seed: 1), new Dense(16, "relu", seed: 2), new Dense(1, "sigmoid", seed: 3)]);
        model.Compile(new Adam(0.01f), "binary_crossentropy", ["accuracy"]);
        var history = model.Fit(x, y, batchSize: 32, epochs: 40, verbose: 0, seed: 4);
        var loss = history["loss"];
        Assert.True(loss[^1] < 0.4 * loss[0], $"Adam should cut the loss well below its start: first {loss[0]:F4}, last {loss[^1]:F4}.");
        Assert.True(history["accuracy"][^1] >= 0.9, $"training accuracy after 40 epochs with Adam: {history["accuracy"][^1]:F4}, expected ≥ 0.9.");
        Assert.Equal(40 * 13, model.Optimizer!.Iterations);   // 400/32 → 13 steps per epoch, the last one partial
    }

    [Theory]
    [InlineData("sgd"), InlineData("rmsprop"), InlineData("adagrad"), InlineData("adadelta"), InlineData("adam"), InlineData("adamw"), InlineData("nadam")]
    public void Every_optimizer_string_lowers_the_loss_in_Fit(string name)
    {
        var (x, y) = Circle(128);
        var model = new Sequential([new Input(2), new Dense(8, "tanh", seed: 1), new Dense(1, "sigmoid", seed: 2)]);
        model.Compile(name, "binary_crossentropy");
        var history = model.Fit(x, y, batchSize: 16, epochs: 5, verbose: 0, seed: 4);
        Assert.True(history["loss"][^1] < history["loss"][0], $"{name}: the loss should fall over 5 epochs; it went {history["loss"][0]:F5} → {history["loss"][^1]:F5}.");
    }
}
