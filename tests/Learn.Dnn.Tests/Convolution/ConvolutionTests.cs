using FsCheck;
using FsCheck.Fluent;
using Learn.Dnn.Devices;
using Learn.Dnn.Tests.Operations;

namespace Learn.Dnn.Tests.Convolution;

/// <summary>Properties of Conv2D: the identity kernel, the direct-loop definition on every CPU device, Keras' "same" rule.</summary>
public sealed class ConvolutionTests
{
    private static float[] Values(int seed, int count) =>
        new Rng((ulong)seed).Uniform(new Shape(count), -1f, 1f, Device.Reference).ToArray();

    [Theory]
    [InlineData("reference")]
    [InlineData("cpu")]
    public void Conv2D_with_a_1x1_identity_kernel_is_the_identity(string device)
    {
        var on = Device.Parse(device);
        foreach (var padding in new[] { "valid", "same" })
        {
            int channels = 3;
            var x = Tensor.FromArray(Values(1, 2 * 5 * 4 * channels), new Shape(2, 5, 4, channels), on);
            var identity = new float[channels * channels];
            for (int c = 0; c < channels; c++) identity[c * channels + c] = 1f;
            var y = Tensor.Conv2D(x, Tensor.FromArray(identity, new Shape(1, 1, channels, channels), on), padding: padding);
            Assert.Equal(x.Shape, y.Shape);
            Assert.Equal(x.ToArray(), y.ToArray());
        }
    }

    /// <summary>
    /// Random geometries: batch 1–3, images 1–9, kernels 1–4 (non-square), strides 1–3, both paddings; 1–8 or
    /// 16 filters over 1–4 or 8 channels, so that the fast device's narrow path (1–8 filters, widened to whole
    /// vectors of 4; its input gradient with channels in fours) and its im2col path all come up.
    /// </summary>
    private static Arbitrary<(int N, int H, int W, int C, int KH, int KW, int F, int SH, int SW, bool Same, int Seed)> Geometries() =>
        (from n in Gen.Choose(1, 3)
         from h in Gen.Choose(1, 9)
         from w in Gen.Choose(1, 9)
         from c in Gen.Elements(1, 2, 3, 4, 8)
         from kh in Gen.Choose(1, 4)
         from kw in Gen.Choose(1, 4)
         from f in Gen.Elements(1, 2, 3, 4, 5, 6, 7, 8, 16)
         from sh in Gen.Choose(1, 3)
         from sw in Gen.Choose(1, 3)
         from same in Gen.Elements(false, true)
         from seed in Gen.Choose(0, 100_000)
         where same || (kh <= h && kw <= w)
         select (n, h, w, c, kh, kw, f, sh, sw, same, seed)).ToArbitrary();

    [Fact]
    public void Conv2D_equals_its_direct_loop_definition_on_the_reference_and_the_fast_CPU_device()
    {
        Prop.ForAll(Geometries(), g =>
        {
            var xShape = new Shape(g.N, g.H, g.W, g.C);
            var kShape = new Shape(g.KH, g.KW, g.C, g.F);
            float[] x = Values(g.Seed, xShape.Size), k = Values(g.Seed + 1, kShape.Size);
            var expected = ConvolutionOperations.Conv2D(x.Select(v => (double)v).ToArray(), xShape, k.Select(v => (double)v).ToArray(), kShape, (g.SH, g.SW), g.Same);
            foreach (var device in new[] { Device.Reference, Device.Cpu })
            {
                var y = Tensor.Conv2D(Tensor.FromArray(x, xShape, device), Tensor.FromArray(k, kShape, device), (g.SH, g.SW), g.Same ? "same" : "valid");
                var actual = y.ToArray();
                Assert.True(expected.Length == actual.Length, $"{device}: {actual.Length} outputs, the definition {expected.Length} ({g}).");
                for (int i = 0; i < expected.Length; i++)
                    Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-4 * (1 + g.KH * g.KW * g.C),
                        $"{device}: Conv2D output {i} is {actual[i]}, the direct loop gives {expected[i]} ({g}).");
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Fast_CPU_backward_equals_the_reference_backward()
    {
        Prop.ForAll(Geometries(), g =>
        {
            var xShape = new Shape(g.N, g.H, g.W, g.C);
            var kShape = new Shape(g.KH, g.KW, g.C, g.F);
            float[] x = Values(g.Seed, xShape.Size), k = Values(g.Seed + 1, kShape.Size);
            (float[] Dx, float[] Dk) Gradients(IDevice device)
            {
                var xt = Tensor.FromArray(x, xShape, device);
                var kt = Tensor.FromArray(k, kShape, device);
                xt.RequiresGrad = kt.RequiresGrad = true;
                var y = Tensor.Conv2D(xt, kt, (g.SH, g.SW), g.Same ? "same" : "valid");
                (y * Tensor.FromArray(Values(g.Seed + 2, y.Size), y.Shape, device)).Sum().Backward();
                return (xt.Grad!.ToArray(), kt.Grad!.ToArray());
            }
            var (dxRef, dkRef) = Gradients(Device.Reference);
            var (dxCpu, dkCpu) = Gradients(Device.Cpu);
            for (int i = 0; i < dxRef.Length; i++)
                Assert.True(Math.Abs(dxRef[i] - dxCpu[i]) <= 1e-4 * (1 + g.KH * g.KW * g.F), $"dx[{i}]: reference {dxRef[i]}, cpu {dxCpu[i]} ({g}).");
            for (int i = 0; i < dkRef.Length; i++)
                Assert.True(Math.Abs(dkRef[i] - dkCpu[i]) <= 1e-4 * (1 + g.N * g.H * g.W), $"dKernel[{i}]: reference {dkRef[i]}, cpu {dkCpu[i]} ({g}).");
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>
    /// Many images, so the fast device shares them among its cores: its narrow path (4 and 8 filters; 3, 5 and 6
    /// widened to whole vectors) and its im2col path (12) against the reference, forward and both gradients, with
    /// padding and strides.
    /// </summary>
    [Theory]
    [InlineData(4, 4, "valid", 1)]
    [InlineData(1, 6, "same", 1)]
    [InlineData(4, 3, "valid", 2)]
    [InlineData(8, 5, "same", 2)]
    [InlineData(4, 8, "same", 1)]
    [InlineData(8, 8, "same", 2)]
    [InlineData(1, 4, "same", 1)]
    [InlineData(3, 12, "valid", 2)]
    public void Convolution_of_a_large_batch_on_the_fast_device_equals_the_reference(int channels, int filters, string padding, int stride)
    {
        var xShape = new Shape(9, 13, 11, channels);
        var kShape = new Shape(5, 3, channels, filters);
        float[] x = Values(5, xShape.Size), k = Values(6, kShape.Size);
        (float[] Y, float[] Dx, float[] Dk) Run(IDevice device)
        {
            var xt = Tensor.FromArray(x, xShape, device);
            var kt = Tensor.FromArray(k, kShape, device);
            xt.RequiresGrad = kt.RequiresGrad = true;
            var y = Tensor.Conv2D(xt, kt, stride, padding);
            (y * Tensor.FromArray(Values(7, y.Size), y.Shape, device)).Sum().Backward();
            return (y.ToArray(), xt.Grad!.ToArray(), kt.Grad!.ToArray());
        }
        var reference = Run(Device.Reference);
        var fast = Run(Device.Cpu);
        AssertClose("y", reference.Y, fast.Y, 1e-5f * 15 * channels);
        AssertClose("dx", reference.Dx, fast.Dx, 1e-5f * 15 * filters);
        AssertClose("dKernel", reference.Dk, fast.Dk, 1e-5f * 9 * 13 * 11);
    }

    private static void AssertClose(string what, float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}[{i}]: reference {expected[i]}, fast CPU {actual[i]}.");
    }

    [Theory]
    [InlineData(5, 2, 2, 3, 0)]   // ⌈5/2⌉ = 3; total pad (3−1)·2 + 2 − 5 = 1: none before, the odd pixel after
    [InlineData(5, 3, 2, 3, 1)]   // total 2: one before, one after
    [InlineData(6, 3, 2, 3, 0)]   // total (3−1)·2 + 3 − 6 = 1: the odd pixel after
    [InlineData(4, 4, 1, 4, 1)]   // total 3: one before, two after
    [InlineData(28, 3, 1, 28, 1)]
    public void Same_padding_follows_Keras(int size, int kernel, int stride, int output, int before)
    {
        Assert.Equal((output, before), Window2D.Axis(size, kernel, stride, Padding.Same));
        Assert.Equal(ConvolutionOperations.KerasAxis(size, kernel, stride, same: true), Window2D.Axis(size, kernel, stride, Padding.Same));
    }

    [Fact]
    public void Same_convolution_equals_valid_convolution_of_the_zero_padded_input_with_the_odd_pixel_bottom_right()
    {
        // 5×5 input, 2×2 kernel, stride 2: out 3×3, total padding 1 per axis, all of it bottom/right.
        var x = Tensor.FromArray(Values(3, 25), new Shape(1, 5, 5, 1), Device.Reference);
        var k = Tensor.FromArray(Values(4, 4), new Shape(2, 2, 1, 1), Device.Reference);
        var padded = new float[36];
        var xs = x.ToArray();
        for (int r = 0; r < 5; r++) for (int c = 0; c < 5; c++) padded[r * 6 + c] = xs[r * 5 + c];
        var same = Tensor.Conv2D(x, k, 2, "same");
        var valid = Tensor.Conv2D(Tensor.FromArray(padded, new Shape(1, 6, 6, 1), Device.Reference), k, 2, "valid");
        Assert.Equal(new Shape(1, 3, 3, 1), same.Shape);
        Assert.Equal(valid.ToArray(), same.ToArray());
    }
}
