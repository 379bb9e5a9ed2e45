using Learn.Dnn.Convolution;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;

namespace Learn.Dnn.Tests.Convolution;

/// <summary>Conv2D, the pooling layers and Flatten as Keras users meet them: shapes, parameter counts, errors, learning.</summary>
public sealed class ConvolutionLayerTests
{
    /// <summary>Seed 003's net: Conv2D 32@3×3 → MaxPool 2 → Conv2D 64@3×3 → MaxPool 2 → Conv2D 128@3×3 → Flatten → Dense 10 softmax.</summary>
    public static Sequential Seed003() => new(
    [
        new Input(28, 28, 1),
        new Conv2D(32, 3, activation: "relu"), new MaxPooling2D(2),
        new Conv2D(64, 3, activation: "relu"), new MaxPooling2D(2),
        new Conv2D(128, 3, activation: "relu"),
        new Flatten(), new Dense(10, "softmax"),
    ]);

    [Fact]
    public void Summary_of_seed_003s_net_shows_Keras_param_counts_and_output_shapes()
    {
        string table = Seed003().Summary(TextWriter.Null);
        string[] expected =
        [
            "│ conv2d (Conv2D)                      │ (None, 26, 26, 32)          │             320 │",
            "│ max_pooling2d (MaxPooling2D)         │ (None, 13, 13, 32)          │               0 │",
            "│ conv2d_1 (Conv2D)                    │ (None, 11, 11, 64)          │          18,496 │",
            "│ max_pooling2d_1 (MaxPooling2D)       │ (None, 5, 5, 64)            │               0 │",
            "│ conv2d_2 (Conv2D)                    │ (None, 3, 3, 128)           │          73,856 │",
            "│ flatten (Flatten)                    │ (None, 1152)                │               0 │",
            "│ dense (Dense)                        │ (None, 10)                  │          11,530 │",
        ];
        foreach (string row in expected) Assert.Contains(row, table);
        Assert.Contains(" Total params: 104,202 (407.04 KB)", table);
    }

    [Fact]
    public void Same_padding_and_strides_give_Keras_output_shapes()
    {
        var model = new Sequential([new Input(28, 28, 1), new Conv2D(8, 3, strides: 2, padding: "same"), new MaxPooling2D(2, padding: "same"),
                                    new AveragePooling2D(3, strides: 2, padding: "same"), new Conv2D(4, (1, 3), (1, 1))]);
        Assert.Equal([new Shape(1, 14, 14, 8), new Shape(1, 7, 7, 8), new Shape(1, 4, 4, 8), new Shape(1, 4, 2, 4)],
                     model.Layers.Select(l => l.OutputShape!));
    }

    [Fact]
    public void Flatten_keeps_channels_last_order()
    {
        var x = Tensor.FromArray(Enumerable.Range(0, 2 * 2 * 3 * 4).Select(i => (float)i).ToArray(), new Shape(2, 3, 4, 2));
        var y = new Flatten().Call(x);
        Assert.Equal(new Shape(2, 24), y.Shape);
        Assert.Equal(x.ToArray(), y.ToArray());   // [n, h, w, c] → [n, (h, w, c)]: the channel varies fastest
    }

    [Fact]
    public void Conv2D_weights_have_Keras_shapes_and_glorot_limits()
    {
        var layer = new Conv2D(16, (5, 3), (1, 1), seed: 4);
        layer.Call(Tensor.Zeros(1, 8, 8, 4));
        Assert.Equal(new Shape(5, 3, 4, 16), layer.Kernel.Shape);
        Assert.Equal(new Shape(16), layer.Bias!.Shape);
        float limit = MathF.Sqrt(6f / (5 * 3 * 4 + 5 * 3 * 16));   // fan_in = kh·kw·C, fan_out = kh·kw·F
        Assert.All(layer.Kernel.ToArray(), v => Assert.InRange(v, -limit, limit));
        Assert.All(layer.Bias.ToArray(), v => Assert.Equal(0f, v));
        Assert.Single(new Conv2D(2, 3, useBias: false).Also(l => l.Call(Tensor.Zeros(1, 3, 3, 1))).TrainableWeights);
    }

    [Fact]
    public void Wrong_rank_is_rejected_with_the_layer_and_the_shape()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => new Conv2D(4, 3, name: "conv").Call(Tensor.Zeros(784)));
        Assert.Equal("Conv2D 'conv' expects [batch, height, width, channels], got [784].", e.Message);
        e = Assert.Throws<ShapeMismatchException>(() => new MaxPooling2D(name: "pool").Call(Tensor.Zeros(2, 28, 28)));
        Assert.Equal("MaxPooling2D 'pool' expects [batch, height, width, channels], got [2, 28, 28].", e.Message);
        e = Assert.Throws<ShapeMismatchException>(() => Tensor.Conv2D(Tensor.Zeros(784), Tensor.Zeros(3, 3, 1, 1)));
        Assert.Equal("Conv2D expects [batch, height, width, channels], got [784].", e.Message);
    }

    [Fact]
    public void A_kernel_larger_than_the_padded_input_is_rejected_with_both_shapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => new Conv2D(4, 5, name: "conv").Call(Tensor.Zeros(1, 4, 6, 1)));
        Assert.Contains("Conv2D 'conv'", e.Message);
        Assert.Contains("5×5", e.Message);
        Assert.Contains("[1, 4, 6, 1]", e.Message);
        Assert.Contains("\"valid\"", e.Message);
        e = Assert.Throws<ShapeMismatchException>(() => new MaxPooling2D(3, name: "pool").Call(Tensor.Zeros(1, 2, 2, 1)));
        Assert.Contains("MaxPooling2D 'pool'", e.Message);
        Assert.Contains("[1, 2, 2, 1]", e.Message);
        // "same" pads the input up to the kernel: no error
        Assert.Equal(new Shape(1, 4, 6, 4), new Conv2D(4, 5, padding: "same").Call(Tensor.Zeros(1, 4, 6, 1)).Shape);
    }

    [Fact]
    public void A_channel_count_other_than_the_built_one_is_rejected_with_both_shapes()
    {
        var layer = new Conv2D(4, 3, name: "conv");
        layer.Call(Tensor.Zeros(1, 8, 8, 3));
        var e = Assert.Throws<ShapeMismatchException>(() => layer.Call(Tensor.Zeros(1, 8, 8, 1)));
        Assert.Equal("Conv2D 'conv' was built for inputs [batch, height, width, 3] (kernel [3, 3, 3, 4]), got [1, 8, 8, 1] with 1 channels.", e.Message);
    }

    [Fact]
    public void Bad_padding_names_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new Conv2D(4, 3, padding: "full"));
        Assert.Contains("\"valid\" or \"same\"", e.Message);
    }

    /// <summary>8×8 images of one bright bar, horizontal (class 0) or vertical (class 1), at a random place, with noise.</summary>
    private static (Tensor X, Tensor Y) Bars(int count, int seed)
    {
        var random = new Random(seed);
        var x = new float[count * 64];
        var y = new float[count];
        for (int i = 0; i < count; i++)
        {
            int label = i % 2, at = random.Next(8), from = random.Next(4);
            y[i] = label;
            for (int p = 0; p < 64; p++) x[i * 64 + p] = 0.2f * (float)random.NextDouble();
            for (int j = from; j < from + 4; j++) x[i * 64 + (label == 0 ? at * 8 + j : j * 8 + at)] += 1f;
        }
        return (Tensor.FromArray(x, new Shape(count, 8, 8, 1)), Tensor.FromArray(y, new Shape(count)));
    }

    [Fact]
    public void A_small_CNN_learns_to_tell_horizontal_from_vertical_bars()
    {
        var (x, y) = Bars(256, seed: 1);
        var (xTest, yTest) = Bars(128, seed: 2);
        var model = new Sequential([new Input(8, 8, 1), new Conv2D(4, 3, activation: "relu", seed: 1), new MaxPooling2D(2),
                                    new Conv2D(8, (2, 2), (1, 1), padding: "same", activation: "relu", seed: 2), new AveragePooling2D(2),
                                    new Flatten(), new Dense(2, "softmax", seed: 3)]);
        model.Compile(new Adam(learningRate: 0.01f), "sparse_categorical_crossentropy", ["accuracy"]);
        var history = model.Fit(x, y, batchSize: 32, epochs: 15, verbose: 0, seed: 3);
        Assert.True(history["loss"][^1] < 0.5 * history["loss"][0], $"the loss should at least halve: {history["loss"][0]:F4} → {history["loss"][^1]:F4}.");
        double accuracy = model.Evaluate(xTest, yTest, verbose: 0)["accuracy"];
        Assert.True(accuracy >= 0.95, $"test accuracy {accuracy:F4}, expected ≥ 0.95.");
    }
}

internal static class LayerTestExtensions
{
    public static T Also<T>(this T value, Action<T> action) { action(value); return value; }
}
