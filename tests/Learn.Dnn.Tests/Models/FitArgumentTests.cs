using Learn.Dnn.Layers;
using Learn.Dnn.Models;

namespace Learn.Dnn.Tests.Models;

/// <summary>Fit's arguments out of their range are refused, naming the argument and the value.</summary>
public sealed class FitArgumentTests
{
    [Fact]
    public void A_negative_initialEpoch_is_refused()
    {
        var (x, y) = ModelTestData.TwoHalves(8);
        var model = new Sequential([new Input(2), new Dense(1, seed: 1)]);
        model.Compile("sgd", "mse");
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Fit(x, y, epochs: 2, initialEpoch: -1, verbose: 0));
        Assert.Equal("initialEpoch", error.ParamName);
        Assert.Contains("got -1", error.Message);
    }
}
