using Learn.Dnn.Layers;
using Learn.Dnn.Losses;

namespace Learn.Dnn.Tests;

/// <summary>The README's example, verbatim in spirit: two Dense layers learn XOR by gradient descent.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void Two_dense_layers_learn_xor_by_gradient_descent()
    {
        var hidden = new Dense(8, activation: "tanh", seed: 1);
        var output = new Dense(1, activation: "sigmoid", seed: 2);
        var x = Tensor.FromArray(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
        var y = Tensor.FromArray(new float[,] { { 0 }, { 1 }, { 1 }, { 0 } });
        for (int step = 0; step < 2000; step++)
        {
            var loss = new BinaryCrossentropy().Call(y, output.Call(hidden.Call(x)));
            loss.Backward();
            foreach (var w in hidden.TrainableWeights.Concat(output.TrainableWeights))
            {
                w.GradientDescentStep(0.5f);
                w.ZeroGrad();
            }
        }
        var p = output.Call(hidden.Call(x)).ToArray();
        Assert.True(p[0] < 0.5f && p[1] > 0.5f && p[2] > 0.5f && p[3] < 0.5f, $"XOR outputs: {string.Join(", ", p)}");
    }
}
