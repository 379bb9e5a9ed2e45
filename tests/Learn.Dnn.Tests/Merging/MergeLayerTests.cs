using Learn.Dnn.Autograd;
using Learn.Dnn.Devices;
using Learn.Dnn.Layers;
using Learn.Dnn.Merging;

namespace Learn.Dnn.Tests.Merging;

/// <summary>The merge layers (Keras' layers/merging/): values, Keras' names, gradient checks, shape errors, on every CPU device.</summary>
public sealed class MergeLayerTests
{
    public static TheoryData<string> Devices() => new("reference", "cpu");

    private static Tensor Random(ulong seed, IDevice on, params int[] shape) =>
        Tensor.FromArray(new Rng(seed).Uniform(new Shape(shape), -1f, 1f, Device.Reference).ToArray(), new Shape(shape), on);

    private static float[] Values(Layer layer, params Tensor[] inputs) => layer.Call(inputs)[0].ToArray();

    [Theory]
    [MemberData(nameof(Devices))]
    public void Each_merge_computes_Keras_formula_elementwise(string device)
    {
        var on = Device.Parse(device);
        var (a, b, c) = (Random(1, on, 2, 3), Random(2, on, 2, 3), Random(3, on, 2, 3));
        var (x, y, z) = (a.ToArray(), b.ToArray(), c.ToArray());
        var expected = new Dictionary<Layer, Func<int, float>>
        {
            [new Add()] = i => x[i] + y[i] + z[i],
            [new Multiply()] = i => x[i] * y[i] * z[i],
            [new Average()] = i => (x[i] + y[i] + z[i]) * (1f / 3),
            [new Maximum()] = i => Math.Max(Math.Max(x[i], y[i]), z[i]),
        };
        foreach (var (layer, formula) in expected)
        {
            var actual = Values(layer, a, b, c);
            for (int i = 0; i < actual.Length; i++)
                Assert.Equal(formula(i), actual[i], 1e-6f);
        }
        var difference = Values(new Subtract(), a, b);
        for (int i = 0; i < difference.Length; i++) Assert.Equal(x[i] - y[i], difference[i]);
    }

    [Fact]
    public void Concatenate_joins_along_the_last_axis_by_default_and_along_any_other()
    {
        var a = Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2);
        var b = Tensor.FromArray([5f, 6f], 2, 1);
        var last = new Concatenate().Call([a, b])[0];
        Assert.Equal(new Shape(2, 3), last.Shape);
        Assert.Equal([1f, 2f, 5f, 3f, 4f, 6f], last.ToArray());

        // (2, 2, 2) and (2, 1, 2) along axis 1: each sample's rows, then the other's
        var p = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], 2, 2, 2);
        var q = Tensor.FromArray([9f, 10f, 11f, 12f], 2, 1, 2);
        var middle = new Concatenate(axis: 1).Call([p, q])[0];
        Assert.Equal(new Shape(2, 3, 2), middle.Shape);
        Assert.Equal([1f, 2f, 3f, 4f, 9f, 10f, 5f, 6f, 7f, 8f, 11f, 12f], middle.ToArray());
        Assert.Equal(middle.ToArray(), new Concatenate(axis: -2).Call([p, q])[0].ToArray());

        var batch = new Concatenate(axis: 0).Call([a, a])[0];
        Assert.Equal(new Shape(4, 2), batch.Shape);
        Assert.Equal([1f, 2f, 3f, 4f, 1f, 2f, 3f, 4f], batch.ToArray());
    }

    [Fact]
    public void Inputs_of_lower_rank_get_axes_after_the_batch_axis_as_Keras()
    {
        // (2, 3) + (2, 4, 3): the first is seen as (2, 1, 3) and broadcast along the 4
        var small = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        var large = Tensor.Zeros(2, 4, 3);
        var sum = new Add().Call([small, large])[0];
        Assert.Equal(new Shape(2, 4, 3), sum.Shape);
        Assert.Equal([1f, 2f, 3f], sum.ToArray()[9..12]);
        Assert.Equal([4f, 5f, 6f], sum.ToArray()[12..15]);
        var broadcast = new Multiply().Call([Tensor.Full(new Shape(2, 1), 2f), Tensor.Full(new Shape(2, 3), 3f)])[0];
        Assert.Equal(new Shape(2, 3), broadcast.Shape);
        Assert.All(broadcast.ToArray(), v => Assert.Equal(6f, v));
    }

    public static TheoryData<string> MergeNames() => new("add", "subtract", "multiply", "average", "maximum", "concatenate", "concatenate_axis1");

    private static Layer Named(string name) => name switch
    {
        "add" => new Add(), "subtract" => new Subtract(), "multiply" => new Multiply(),
        "average" => new Average(), "maximum" => new Maximum(), "concatenate" => new Concatenate(),
        _ => new Concatenate(axis: 1),
    };

    [Theory]
    [MemberData(nameof(MergeNames))]
    public void Backward_matches_the_numerical_gradient(string name)
    {
        foreach (var device in new[] { Device.Reference, Device.Cpu })
        {
            var layer = Named(name);
            int count = name == "subtract" ? 2 : 3;
            // distinct values, well apart, so that Maximum's choice does not flip under the ±h probes
            var inputs = Enumerable.Range(0, count).Select(i => Random((ulong)(10 + i), device, 2, 3, 2) + 3f * i * (i % 2 == 0 ? 1 : -1)).ToArray();
            var gradients = GradientCheck.Tensors(t => layer.Call(t)[0], inputs, h: 1e-2);
            GradientCheck.Assert($"{name} on {device.Name}", gradients, rtol: 5e-3, atol: 5e-4);
        }
    }

    [Fact]
    public void Maximum_sends_a_tie_to_the_earliest_input_as_TensorFlow()
    {
        var inputs = new[] { Tensor.FromArray([1f, 0f], 1, 2), Tensor.FromArray([1f, 2f], 1, 2), Tensor.FromArray([1f, 2f], 1, 2) };
        foreach (var x in inputs) x.RequiresGrad = true;
        new Maximum().Call(inputs)[0].Sum().Backward();
        Assert.Equal([1f, 0f], inputs[0].Grad!.ToArray());   // all three tie at 1: the first gets it
        Assert.Equal([0f, 1f], inputs[1].Grad!.ToArray());   // inputs 1 and 2 tie at 2: input 1 gets it
        Assert.Equal([0f, 0f], inputs[2].Grad!.ToArray());
    }

    [Fact]
    public void Names_and_summaries_are_Keras()
    {
        Assert.Equal("concatenate", new Concatenate().Name);
        Assert.Equal("add", new Add().Name);
        Assert.Equal("subtract", new Subtract().Name);
        Assert.Equal("multiply", new Multiply().Name);
        Assert.Equal("average", new Average().Name);
        Assert.Equal("maximum", new Maximum().Name);
        var concatenate = new Concatenate();
        concatenate.Call([Tensor.Zeros(4, 5), Tensor.Zeros(4, 30)]);
        Assert.Equal(0, concatenate.CountParams());
        Assert.Equal(new Shape(4, 35), concatenate.OutputShape);
        Assert.Empty(concatenate.GetWeights());
        Assert.Equal(-1, (int)concatenate.GetConfig()["axis"]!);
    }

    [Fact]
    public void Shape_errors_name_the_layer_the_expected_and_the_actual_shape()
    {
        var add = Assert.Throws<ShapeMismatchException>(() => new Add(name: "sum").Call([Tensor.Zeros(2, 3), Tensor.Zeros(2, 5)]));
        Assert.Contains("Add 'sum'", add.Message);
        Assert.Contains("expected 3 or 1 in axis 1", add.Message);
        Assert.Contains("[2, 5]", add.Message);

        var batch = Assert.Throws<ShapeMismatchException>(() => new Multiply().Call([Tensor.Zeros(2, 3), Tensor.Zeros(4, 3)]));
        Assert.Contains("Multiply 'multiply'", batch.Message);
        Assert.Contains("expected a batch of 2", batch.Message);

        var concatenate = Assert.Throws<ShapeMismatchException>(() => new Concatenate().Call([Tensor.Zeros(2, 4, 3), Tensor.Zeros(2, 5, 3)]));
        Assert.Contains("Concatenate 'concatenate'", concatenate.Message);
        Assert.Contains("input 1 has shape [2, 5, 3], expected [2, 4, *]", concatenate.Message);

        var axis = Assert.Throws<ShapeMismatchException>(() => new Concatenate(axis: 2).Call([Tensor.Zeros(2, 4), Tensor.Zeros(2, 4)]));
        Assert.Contains("axis 2 is out of range", axis.Message);

        var subtract = Assert.Throws<ArgumentException>(() => new Subtract().Call([Tensor.Zeros(2, 3), Tensor.Zeros(2, 3), Tensor.Zeros(2, 3)]));
        Assert.Contains("Subtract 'subtract' takes exactly 2 inputs, got 3", subtract.Message);
    }
}
