using Learn.Dnn.Convolution;
using Learn.Dnn.Devices;

namespace Learn.Dnn.Tests.Convolution;

/// <summary>Properties of max and average pooling, on the reference and the fast CPU device.</summary>
public sealed class PoolingTests
{
    public static TheoryData<string> Devices() => new("reference", "cpu");

    private static float[] GradientOf(Tensor x, Func<Tensor, Tensor> f, float[]? upstream = null)
    {
        x.RequiresGrad = true;
        var y = f(x);
        y.Backward(upstream is null ? Tensor.Full(y.Shape, 1f, x.Device) : Tensor.FromArray(upstream, y.Shape, x.Device));
        return x.Grad!.ToArray();
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Max_pooling_gradient_goes_only_to_the_argmax(string device)
    {
        var on = Device.Parse(device);
        var values = new Rng(5).Uniform(new Shape(2, 6, 4, 3), -1f, 1f, Device.Reference).ToArray();
        var x = Tensor.FromArray(values, new Shape(2, 6, 4, 3), on);
        var upstream = Enumerable.Range(1, 2 * 3 * 2 * 3).Select(i => (float)i).ToArray();   // a distinct gradient per window
        var dx = GradientOf(x, t => t.MaxPool2D(2), upstream);
        // every window: its argmax receives that window's gradient, its other three cells 0
        for (int n = 0; n < 2; n++)
            for (int oy = 0; oy < 3; oy++)
                for (int ox = 0; ox < 2; ox++)
                    for (int c = 0; c < 3; c++)
                    {
                        var cells = (from ky in new[] { 0, 1 } from kx in new[] { 0, 1 }
                                     select ((n * 6 + 2 * oy + ky) * 4 + 2 * ox + kx) * 3 + c).ToArray();
                        int argmax = cells.MaxBy(i => values[i]);
                        float g = upstream[((n * 3 + oy) * 2 + ox) * 3 + c];
                        foreach (int i in cells)
                            Assert.True(dx[i] == (i == argmax ? g : 0f), $"{device}: cell {i} got gradient {dx[i]}; the window's argmax is {argmax} with gradient {g}.");
                    }
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Max_pooling_sends_a_tie_to_the_first_maximum_in_row_major_window_order(string device)
    {
        var on = Device.Parse(device);
        // one 2×2 window [[1, 3], [3, 3]]: three cells tie for the maximum; the first in row-major order, (0, 1), gets it all
        var x = Tensor.FromArray([1f, 3f, 3f, 3f], new Shape(1, 2, 2, 1), on);
        Assert.Equal([0f, 1f, 0f, 0f], GradientOf(x, t => t.MaxPool2D(2)));
        // an all-equal window: the top-left cell
        var flat = Tensor.FromArray([2f, 2f, 2f, 2f], new Shape(1, 2, 2, 1), on);
        Assert.Equal([1f, 0f, 0f, 0f], GradientOf(flat, t => t.MaxPool2D(2)));
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Average_pooling_gradient_is_uniform_over_the_window(string device)
    {
        var on = Device.Parse(device);
        var x = Tensor.FromArray(new Rng(6).Uniform(new Shape(1, 4, 6, 2), -1f, 1f, Device.Reference).ToArray(), new Shape(1, 4, 6, 2), on);
        var upstream = Enumerable.Range(1, 2 * 2 * 2).Select(i => (float)i).ToArray();   // y: [1, 2, 2, 2], one gradient per 2×3 window
        var dx = GradientOf(x, t => new AveragePooling2D((2, 3)).Call(t), upstream);
        for (int iy = 0; iy < 4; iy++)
            for (int ix = 0; ix < 6; ix++)
                for (int c = 0; c < 2; c++)
                {
                    float g = upstream[((iy / 2) * 2 + ix / 3) * 2 + c];
                    Assert.Equal(g / 6f, dx[(iy * 6 + ix) * 2 + c], 6);
                }
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Same_max_pooling_pads_with_minus_infinity(string device)
    {
        var on = Device.Parse(device);
        // 3×3 of negative numbers, pool 2, "same": the bottom/right windows hang over the edge; padding 0 would win there
        var x = Tensor.FromArray(Enumerable.Range(1, 9).Select(i => -(float)i).ToArray(), new Shape(1, 3, 3, 1), on);
        var y = x.MaxPool2D(2, padding: "same");
        Assert.Equal(new Shape(1, 2, 2, 1), y.Shape);
        Assert.Equal([-1f, -3f, -7f, -9f], y.ToArray());
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Same_average_pooling_divides_by_the_count_of_non_padded_cells(string device)
    {
        var on = Device.Parse(device);
        var y = Tensor.Full(new Shape(1, 5, 5, 2), 1f, on).AveragePool2D(2, padding: "same");   // a mean of ones is one, even at the edge
        Assert.Equal(new Shape(1, 3, 3, 2), y.Shape);
        Assert.All(y.ToArray(), v => Assert.Equal(1f, v));
        var x = Tensor.FromArray(Enumerable.Range(1, 9).Select(i => (float)i).ToArray(), new Shape(1, 3, 3, 1), on);
        Assert.Equal([3f, 4.5f, 7.5f, 9f], x.AveragePool2D(2, padding: "same").ToArray());   // (1+2+4+5)/4, (3+6)/2, (7+8)/2, 9/1
    }
    /// <summary>
    /// The fast device pools 8 channels at a time (Vector&lt;float&gt;), then 4 (Vector128), then one by one: every
    /// mix of those, on a batch large enough to be shared among the cores, gives the reference's numbers exactly.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(12)]
    [InlineData(13)]
    public void Fast_CPU_pooling_is_bit_for_bit_the_reference(int channels)
    {
        var shape = new Shape(9, 13, 11, channels);
        var values = new Rng(8).Uniform(shape, -1f, 1f, Device.Reference).ToArray();
        foreach (bool max in new[] { true, false })
            foreach (var (size, stride, padding) in new[] { (2, 2, "valid"), (3, 2, "same"), (2, 1, "same") })
            {
                (float[] Y, float[] Dx) Run(IDevice device)
                {
                    var x = Tensor.FromArray(values, shape, device);
                    x.RequiresGrad = true;
                    var y = max ? x.MaxPool2D(size, stride, padding) : x.AveragePool2D(size, stride, padding);
                    (y * Tensor.FromArray(new Rng(9).Uniform(y.Shape, -1f, 1f, Device.Reference).ToArray(), y.Shape, device)).Sum().Backward();
                    return (y.ToArray(), x.Grad!.ToArray());
                }
                var (reference, fast) = (Run(Device.Reference), Run(Device.Cpu));
                string what = $"{(max ? "max" : "average")} pooling {size}×{size}, stride {stride}, {padding}, {channels} channels";
                Assert.True(reference.Y.SequenceEqual(fast.Y), $"{what}: the fast CPU output differs from the reference.");
                Assert.True(reference.Dx.SequenceEqual(fast.Dx), $"{what}: the fast CPU gradient differs from the reference.");
            }
    }
}
