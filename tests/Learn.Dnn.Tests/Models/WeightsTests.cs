using Learn.Dnn.Layers;
using Learn.Dnn.Models;

namespace Learn.Dnn.Tests.Models;

/// <summary>GetWeights/SetWeights in Keras' order: kernel, then bias, layer by layer.</summary>
public sealed class WeightsTests
{
    [Fact]
    public void Dense_weights_come_as_kernel_then_bias_copies()
    {
        var dense = new Dense(3, seed: 1);
        dense.Call(Tensor.Zeros(1, 2));
        var weights = dense.GetWeights();
        Assert.Equal([new Shape(2, 3), new Shape(3)], weights.Select(w => w.Shape));
        Assert.Equal(dense.Kernel.ToArray(), weights[0].ToArray());
        Assert.NotSame(dense.Kernel, weights[0]);
    }

    [Fact]
    public void Model_weights_round_trip_through_another_model()
    {
        var a = new Sequential([new Input(4), new Dense(3, "relu", seed: 1), new Dense(2, seed: 2)]);
        var b = new Sequential([new Input(4), new Dense(3, "relu", seed: 7), new Dense(2, seed: 8)]);
        var x = Tensor.FromArray(Enumerable.Range(0, 8).Select(i => i * 0.1f).ToArray(), 2, 4);
        Assert.NotEqual(a.Predict(x, verbose: 0).ToArray(), b.Predict(x, verbose: 0).ToArray());
        b.SetWeights(a.GetWeights());
        Assert.Equal(a.Predict(x, verbose: 0).ToArray(), b.Predict(x, verbose: 0).ToArray());
        Assert.Equal([new Shape(4, 3), new Shape(3), new Shape(3, 2), new Shape(2)], a.GetWeights().Select(w => w.Shape));
    }

    [Fact]
    public void A_wrong_shape_names_the_layer_the_index_and_both_shapes()
    {
        var model = new Sequential([new Input(4), new Dense(3), new Dense(2)]);
        var weights = model.GetWeights();
        weights[2] = Tensor.Zeros(2, 3);   // dense_1's kernel should be [3, 2]
        var error = Assert.Throws<ShapeMismatchException>(() => model.SetWeights(weights));
        Assert.Contains("array 2 is weight 0 of layer 'dense_1' (Dense), which has shape [3, 2], but the array has shape [2, 3]", error.Message);
    }

    [Fact]
    public void A_failed_SetWeights_or_LoadWeights_leaves_every_weight_as_it_was()
    {
        // Dense(16), Dense(5)'s weights into Dense(16), Dense(3): the first layer fits, the second does not.
        var model = new Sequential([new Input(4), new Dense(16, seed: 1), new Dense(3, seed: 2)]);
        var other = new Sequential([new Input(4), new Dense(16, seed: 3), new Dense(5, seed: 4)]);
        var before = model.GetWeights().Select(w => w.ToArray()).ToArray();
        Assert.Throws<ShapeMismatchException>(() => model.SetWeights(other.GetWeights()));
        Assert.Equal(before, model.GetWeights().Select(w => w.ToArray()).ToArray());

        var path = Path.Combine(Directory.CreateTempSubdirectory("learn-dnn-weights-").FullName, "other.weights.bin");
        other.SaveWeights(path);
        Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));
        Assert.Equal(before, model.GetWeights().Select(w => w.ToArray()).ToArray());
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public void A_wrong_count_lists_the_expected_shapes()
    {
        var dense = new Dense(3, name: "hidden");
        dense.Call(Tensor.Zeros(1, 2));
        var error = Assert.Throws<ArgumentException>(() => dense.SetWeights([Tensor.Zeros(2, 3)]));
        Assert.Contains("layer 'hidden' (Dense): expected 2 arrays ([2, 3], [3]), got 1", error.Message);
        var modelError = Assert.Throws<ArgumentException>(() => new Sequential([new Input(2), new Dense(3)]).SetWeights([]));
        Assert.Contains("expected 2 arrays (dense: [2, 3], [3]), got 0", modelError.Message);
    }

    [Fact]
    public void Setting_weights_on_an_unbuilt_layer_says_to_build_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Dense(3).SetWeights([Tensor.Zeros(2, 3), Tensor.Zeros(3)]));
        Assert.Contains("not built", error.Message);
    }
}
