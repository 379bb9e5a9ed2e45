using Learn.Dnn.Devices;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;

namespace Learn.Dnn.Tests.Models;

/// <summary>
/// A NaN in the input goes through a ReLU layer as NaN on every device (relu(NaN) = NaN), so training reports it
/// instead of training on with a NaN weight, and Predict does not turn the NaN row into finite probabilities.
/// </summary>
public sealed class NaNThroughReluTests
{
    public static TheoryData<string> Devices() => new() { "reference", "cpu" };

    [Theory]
    [MemberData(nameof(Devices))]
    public void A_NaN_input_is_reported_by_Fit_and_stays_NaN_in_Predict(string device)
    {
        using var _ = Device.Use(device == "cpu" ? Device.Cpu : Device.Reference);
        float[] values = [0.5f, -1f, 0.25f, 2f, float.NaN, 1f, -0.5f, 0.75f, 1.5f];
        var x = Tensor.FromArray(values, 3, 3);
        var y = Tensor.FromArray([0f, 1f, 2f], 3);
        var model = new Sequential([new Input(3), new Dense(4, "relu", seed: 1), new Dense(3, "softmax", seed: 2)]);
        model.Compile("sgd", "sparse_categorical_crossentropy");

        var probabilities = model.Predict(x, verbose: 0).ToArray();
        Assert.All(probabilities[3..6], p => Assert.True(float.IsNaN(p), $"on {device}, the NaN row's probabilities are [{string.Join(", ", probabilities[3..6])}]"));

        var history = model.Fit(x, y, batchSize: 3, epochs: 3, verbose: 0);
        Assert.NotNull(history.NonFiniteLoss);
        Assert.Contains("input batch x itself contains NaN", history.NonFiniteLoss.Message);
    }
}
