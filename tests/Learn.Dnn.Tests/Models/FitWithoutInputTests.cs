using Learn.Dnn.Layers;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;

namespace Learn.Dnn.Tests.Models;

public class FitWithoutInputTests
{
    /// <summary>A Sequential with no Input is built by its first batch; the optimizer must see the weights that batch created.</summary>
    [Fact]
    public void Adam_trains_a_model_built_by_its_first_batch()
    {
        var model = new Sequential([new Dense(4, activation: "tanh", seed: 1), new Dense(1, seed: 2)]);
        model.Compile(new Adam(0.05f), "mse");
        var x = Tensor.FromArray([0f, 0f, 0f, 1f, 1f, 0f, 1f, 1f], 4, 2);
        var y = Tensor.FromArray([0f, 1f, 1f, 0f], 4, 1);
        var history = model.Fit(x, y, batchSize: 4, epochs: 50, verbose: 0);
        Assert.Equal(2 * 4, model.Optimizer!.Slots.Count);   // m and v for each of the 4 weights (2 kernels, 2 biases)
        Assert.True(history["loss"][^1] < history["loss"][0], $"the loss went from {history["loss"][0]} to {history["loss"][^1]}");
    }
}
