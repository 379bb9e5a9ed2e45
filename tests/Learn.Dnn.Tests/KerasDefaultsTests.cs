using Learn.Dnn.Activations;
using Activation = Learn.Dnn.Activations.Activation;
using Learn.Dnn.Layers;
using Learn.Dnn.Layers.Initializers;
using Learn.Dnn.Losses;

namespace Learn.Dnn.Tests;

/// <summary>Keras' defaults, pinned: readers compare our numbers with Keras'.</summary>
public sealed class KerasDefaultsTests
{
    [Fact]
    public void Dense_defaults_to_no_activation_a_zero_bias_and_glorot_uniform()
    {
        var dense = new Dense(50, seed: 1);
        dense.Call(Tensor.Zeros(1, 200));
        Assert.Null(dense.Activation);
        Assert.Equal(new float[50], dense.Bias!.ToArray());
        float limit = MathF.Sqrt(6f / (200 + 50));
        var w = dense.Kernel.ToArray();
        Assert.All(w, v => Assert.InRange(v, -limit, limit));
        Assert.True(w.Max() > 0.9f * limit && w.Min() < -0.9f * limit, "the kernel should fill U(±√(6/(fan_in+fan_out)))");
    }

    [Fact]
    public void He_normal_has_standard_deviation_sqrt_two_over_fan_in()
    {
        var w = new HeNormal().Create(new Shape(500, 400), 500, 400, new Rng(2)).ToArray();
        double std = Math.Sqrt(w.Select(v => (double)v * v).Average());
        Assert.InRange(std, 0.98 * Math.Sqrt(2.0 / 500), 1.02 * Math.Sqrt(2.0 / 500));
    }

    [Fact]
    public void Binary_accuracy_counts_p_above_one_half_as_class_one_and_one_half_itself_as_class_zero()
    {
        // Keras' binary_accuracy: y_pred > threshold (0.5), strictly.
        var yTrue = Tensor.FromArray([0f, 1f, 1f, 0f], new Shape(4, 1));
        var yPred = Tensor.FromArray([0.5f, 0.5f, 0.5001f, 0.4999f], new Shape(4, 1));
        Assert.Equal(0.75f, Learn.Dnn.Metrics.Accuracy.Compute(yTrue, yPred));
    }

    [Fact]
    public void Leaky_relu_layer_alpha_is_0_3_activation_string_0_2_and_epsilon_is_1e_minus_7()
    {
        Assert.Equal(0.3f, new LeakyRelu().Alpha);                              // keras.layers.LeakyReLU
        Assert.Equal(0.2f, ((LeakyRelu)Activation.Get("leaky_relu")!).Alpha);  // activation="leaky_relu"
        Assert.Equal(-0.2f, Tensor.FromArray([-1f], 1).LeakyRelu().ToArray()[0]);
        Assert.Equal(1f, new Elu().Alpha);
        Assert.Equal(1e-7f, Loss.Epsilon);
    }

    [Fact]
    public void Relu_derivative_at_zero_is_zero()
    {
        var x = Tensor.FromArray([0f], 1);
        x.RequiresGrad = true;
        x.Relu().Sum().Backward();
        Assert.Equal([0f], x.Grad!.ToArray());
    }
}

public class GeluTests
{
    [Fact]
    public void Gelu_string_is_the_exact_erf_form_and_the_tanh_form_is_an_option()
    {
        var exact = (Gelu)Activation.Get("gelu")!;
        Assert.False(exact.Approximate);
        var x = Tensor.FromArray([1f], 1);
        // gelu(1) = ½(1 + erf(1/√2)) = 0.841344746 exactly; the tanh form gives 0.841191990.
        Assert.Equal(0.841344746, exact.Call(x).ToArray()[0], 6);
        Assert.Equal(0.841191990, new Gelu(approximate: true).Call(x).ToArray()[0], 6);
    }

    [Fact]
    public void Erf_agrees_with_a_double_precision_series_to_2e_minus_7()
    {
        for (double v = -5; v <= 5; v += 0.01)
            Assert.True(Math.Abs(Gelu.Erf((float)v) - Learn.Dnn.Tests.Operations.OperationRegistry.Erf((float)v)) < 2e-7, $"erf({v})");
    }
}
