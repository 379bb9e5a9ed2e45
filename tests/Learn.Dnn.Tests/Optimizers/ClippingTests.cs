using Learn.Dnn.Optimizers;

namespace Learn.Dnn.Tests.Optimizers;

/// <summary>Keras' gradient clipping, applied before weight decay and the update: clipnorm, clipvalue, global_clipnorm.</summary>
public sealed class ClippingTests
{
    /// <summary>One SGD step with η = 1 on w = 0 leaves w = −(clipped g), which shows the clipped gradients.</summary>
    private static float[][] ClippedBySgd(Optimizer optimizer, params float[][] gradients)
    {
        var weights = gradients.Select(g => Tensor.Zeros(new Shape(g.Length))).ToArray();
        for (int k = 0; k < weights.Length; k++)
        {
            weights[k].RequiresGrad = true;
            weights[k].AccumulateGrad(Tensor.FromArray(gradients[k], gradients[k].Length));
        }
        optimizer.Apply(weights);
        return weights.Select(w => w.ToArray().Select(v => -v).ToArray()).ToArray();
    }

    private static void AssertClose(double[] expected, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6 * Math.Max(1, Math.Abs(expected[i])),
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}.");
    }

    [Fact]
    public void Clipnorm_rescales_each_gradient_to_norm_c_and_leaves_short_ones_alone()
    {
        // ‖(3, 4)‖ = 5 > 1: rescaled to (0.6, 0.8); ‖(0.3, 0.4)‖ = 0.5 ≤ 1: unchanged.
        var clipped = ClippedBySgd(new SGD(1f) { ClipNorm = 1f }, [3f, 4f], [0.3f, 0.4f]);
        AssertClose([0.6, 0.8], clipped[0], "clipnorm of (3, 4)");
        AssertClose([0.3, 0.4], clipped[1], "clipnorm of (0.3, 0.4)");
    }

    [Fact]
    public void Global_clipnorm_rescales_all_gradients_together()
    {
        // ‖G‖ = ‖(3, 4, 12)‖ = 13; c = 2.6: every gradient × 0.2.
        var clipped = ClippedBySgd(new SGD(1f) { GlobalClipNorm = 2.6f }, [3f, 4f], [12f]);
        AssertClose([0.6, 0.8], clipped[0], "global_clipnorm, first tensor");
        AssertClose([2.4], clipped[1], "global_clipnorm, second tensor");
        var unchanged = ClippedBySgd(new SGD(1f) { GlobalClipNorm = 20f }, [3f, 4f], [12f]);
        AssertClose([3, 4], unchanged[0], "global_clipnorm above the norm");
    }

    [Fact]
    public void Global_clipnorm_turns_an_infinite_norm_into_NaN_as_Keras()
    {
        var clipped = ClippedBySgd(new SGD(1f) { GlobalClipNorm = 1f }, [float.PositiveInfinity, 1f]);
        Assert.All(clipped[0], v => Assert.True(float.IsNaN(v), $"expected NaN, got {v}"));
    }

    [Fact]
    public void Clipvalue_clips_every_element_to_plus_or_minus_v()
    {
        var clipped = ClippedBySgd(new SGD(1f) { ClipValue = 0.5f }, [3f, -4f, 0.25f, -0.5f]);
        AssertClose([0.5, -0.5, 0.25, -0.5], clipped[0], "clipvalue 0.5");
    }

    [Fact]
    public void Clipping_comes_before_Adams_update()
    {
        // Adam's first step is ±α·|g|/(|g| + ε·…) ≈ ±η whatever |g|; clipnorm changes the direction's
        // mix only through v, so compare against Adam fed the already clipped gradient.
        var w1 = Tensor.Zeros(2);
        w1.RequiresGrad = true;
        w1.AccumulateGrad(Tensor.FromArray([30f, 40f], 2));
        new Adam(0.1f) { ClipNorm = 5f }.Apply([w1]);
        var w2 = Tensor.Zeros(2);
        w2.RequiresGrad = true;
        w2.AccumulateGrad(Tensor.FromArray([3f, 4f], 2));
        new Adam(0.1f).Apply([w2]);
        Assert.Equal(w2.ToArray(), w1.ToArray());
    }

    [Fact]
    public void Setting_more_than_one_kind_of_clipping_is_an_error_that_names_both()
    {
        var e = Assert.Throws<ArgumentException>(() => new Adam { ClipNorm = 1f, ClipValue = 0.5f });
        Assert.Contains("only one of ClipNorm, ClipValue and GlobalClipNorm", e.Message);
        Assert.Contains("ClipNorm = 1", e.Message);
        Assert.Contains("ClipValue = 0.5", e.Message);
        Assert.Throws<ArgumentException>(() => new SGD { GlobalClipNorm = 1f, ClipNorm = 1f });
        Assert.Throws<ArgumentException>(() => new RMSprop { ClipValue = 1f, GlobalClipNorm = 1f });
    }

    [Fact]
    public void The_gradients_on_the_weights_are_not_changed_by_clipping()
    {
        var w = Tensor.Zeros(2);
        w.RequiresGrad = true;
        w.AccumulateGrad(Tensor.FromArray([3f, 4f], 2));
        new SGD(1f) { ClipNorm = 1f }.Apply([w]);
        Assert.Equal([3f, 4f], w.Grad!.ToArray());
    }
}
