using Learn.Dnn.Convolution;
using Learn.Dnn.Autograd;
using Learn.Dnn.Devices;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;

namespace Learn.Dnn.Tests.CoreLayers;

/// <summary>Activation, Reshape and the global pooling layers: values, gradients, Keras' shapes, names and summaries, errors.</summary>
public sealed class ShapeLayerTests
{
    private static Tensor Random(ulong seed, IDevice on, params int[] shape) =>
        Tensor.FromArray(new Rng(seed).Uniform(new Shape(shape), -1f, 1f, Device.Reference).ToArray(), new Shape(shape), on);

    [Fact]
    public void Activation_layer_computes_what_the_Dense_activation_computes()
    {
        var x = Random(1, Device.Cpu, 3, 4);
        Assert.Equal(x.Relu().ToArray(), new Activation("relu").Call(x).ToArray());
        Assert.Equal(x.ToArray(), new Activation("linear").Call(x).ToArray());
        var dense = new Dense(5, seed: 3);
        var relu = new Dense(5, "relu", seed: 3);
        Assert.Equal(relu.Call(x).ToArray(), new Activation("relu").Call(dense.Call(x)).ToArray());
        Assert.Equal("relu", (string)new Activation("relu").GetConfig()["activation"]!);
        Assert.Equal("linear", (string)new Activation("linear").GetConfig()["activation"]!);
    }

    public static TheoryData<string> Layers() => new("activation_tanh", "activation_softmax", "reshape", "global_average_pooling2d",
        "global_max_pooling2d", "global_average_pooling1d", "global_max_pooling1d", "global_max_pooling2d_keepdims");

    private static (Layer Layer, int[] Shape) Case(string name) => name switch
    {
        "activation_tanh" => (new Activation("tanh"), [2, 3, 2]),
        "activation_softmax" => (new Activation("softmax"), [2, 5]),
        "reshape" => (new Reshape([3, -1]), [2, 6]),
        "global_average_pooling2d" => (new GlobalAveragePooling2D(), [2, 3, 2, 2]),
        "global_max_pooling2d" => (new GlobalMaxPooling2D(), [2, 3, 2, 2]),
        "global_average_pooling1d" => (new GlobalAveragePooling1D(), [2, 4, 3]),
        "global_max_pooling1d" => (new GlobalMaxPooling1D(), [2, 4, 3]),
        _ => (new GlobalMaxPooling2D(keepDims: true), [2, 3, 2, 2]),
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void Backward_matches_the_numerical_gradient(string name)
    {
        foreach (var device in new[] { Device.Reference, Device.Cpu })
        {
            var (layer, shape) = Case(name);
            var gradients = GradientCheck.Tensors(t => layer.Call(t[0]), [Random(4, device, shape)], h: 1e-3);
            GradientCheck.Assert($"{name} on {device.Name}", gradients, rtol: 1e-2, atol: 1e-3);
        }
    }

    [Fact]
    public void Reshape_infers_minus_one_and_keeps_the_batch_axis()
    {
        var x = Tensor.FromArray(Enumerable.Range(0, 24).Select(i => (float)i).ToArray(), 2, 12);
        var y = new Reshape([-1, 4]).Call(x);
        Assert.Equal(new Shape(2, 3, 4), y.Shape);
        Assert.Equal(x.ToArray(), y.ToArray());
        Assert.Equal(new Shape(2, 2, 3, 2), new Reshape([2, 3, 2]).Call(x).Shape);
        Assert.Equal([3, -1], new Reshape([3, -1]).GetConfig()["target_shape"]!.AsArray().Select(n => (int)n!));
    }

    [Fact]
    public void Global_pooling_reduces_every_position_per_channel()
    {
        // [1, 2, 2, 2]: channel 0 holds 1, 2, 3, 4; channel 1 holds −1, −2, −3, −4
        var images = Tensor.FromArray([1f, -1f, 2f, -2f, 3f, -3f, 4f, -4f], 1, 2, 2, 2);
        Assert.Equal([2.5f, -2.5f], new GlobalAveragePooling2D().Call(images).ToArray());
        Assert.Equal([4f, -1f], new GlobalMaxPooling2D().Call(images).ToArray());
        Assert.Equal(new Shape(1, 2), new GlobalMaxPooling2D().Call(images).Shape);
        Assert.Equal(new Shape(1, 1, 1, 2), new GlobalAveragePooling2D(keepDims: true).Call(images).Shape);
        var sequence = images.Reshape(1, 4, 2);
        Assert.Equal([2.5f, -2.5f], new GlobalAveragePooling1D().Call(sequence).ToArray());
        Assert.Equal([4f, -1f], new GlobalMaxPooling1D().Call(sequence).ToArray());
        Assert.Equal(new Shape(1, 1, 2), new GlobalMaxPooling1D(keepDims: true).Call(sequence).Shape);
        Assert.False((bool)new GlobalMaxPooling1D().GetConfig()["keepdims"]!);
    }

    [Fact]
    public void Names_and_the_summary_follow_Keras()
    {
        var model = new Sequential([new Input(4, 4, 3), new Conv2D(8, 3), new Activation("relu"), new GlobalAveragePooling2D(),
                                    new Reshape([2, 4]), new GlobalMaxPooling1D(), new Dense(2)]);
        string table = model.Summary(TextWriter.Null);
        Assert.Contains("│ conv2d (Conv2D)", table);
        Assert.Contains("│ activation (Activation)", table);
        Assert.Contains("│ reshape (Reshape)", table);
        // rich wraps a name too long for its 36 columns at the space, as Keras prints it
        Assert.Contains("""
            │ global_average_pooling2d             │ (None, 8)                   │               0 │
            │ (GlobalAveragePooling2D)             │                             │                 │
            """.ReplaceLineEndings("\n"), table);
        Assert.Contains("│ global_max_pooling1d                 │ (None, 4)", table);
        Assert.Contains("(None, 2, 2, 8)", table);   // the Activation keeps the Conv2D's shape
        Assert.Contains("(None, 8)", table);
        Assert.Contains("(None, 2, 4)", table);
        Assert.Contains(" Total params: 234 ", table);   // Conv2D 3·3·3·8 + 8 = 224, Dense 4·2 + 2 = 10, the others 0
        Assert.Equal(0, model.Layers.Where(l => l is not (Conv2D or Dense)).Sum(l => l.CountParams()));
        Assert.Equal("global_max_pooling2d", new GlobalMaxPooling2D().Name);
        Assert.Equal("global_average_pooling1d", new GlobalAveragePooling1D().Name);
    }

    [Fact]
    public void Shape_errors_name_the_layer_the_expected_and_the_actual_shape()
    {
        var pooling = Assert.Throws<ShapeMismatchException>(() => new GlobalAveragePooling2D().Call(Tensor.Zeros(2, 5, 3)));
        Assert.Contains("GlobalAveragePooling2D 'global_average_pooling2d' expects [batch, height, width, channels]", pooling.Message);
        Assert.Contains("got [2, 5, 3]", pooling.Message);
        var pooling1D = Assert.Throws<ShapeMismatchException>(() => new GlobalMaxPooling1D().Call(Tensor.Zeros(2, 5)));
        Assert.Contains("GlobalMaxPooling1D 'global_max_pooling1d' expects [batch, steps, channels]", pooling1D.Message);
        var reshape = Assert.Throws<ShapeMismatchException>(() => new Reshape([4, 2]).Call(Tensor.Zeros(2, 6)));
        Assert.Contains("Reshape 'reshape': an input of shape [2, 6] has 6 values per sample", reshape.Message);
        Assert.Contains("expected 8 values per sample", reshape.Message);
        var inferred = Assert.Throws<ShapeMismatchException>(() => new Reshape([4, -1]).Call(Tensor.Zeros(2, 6)));
        Assert.Contains("expected a multiple of 4", inferred.Message);
        Assert.Throws<ArgumentException>(() => new Reshape([-1, -1]));
        Assert.Throws<ArgumentException>(() => new Reshape([0, 2]));
    }
}
