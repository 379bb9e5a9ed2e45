using Learn.Dnn.Autograd;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;
using Learn.Dnn.Regularization;
using Learn.Dnn.Tests.Models;

namespace Learn.Dnn.Tests.Regularization;

/// <summary>L1, L2 and L1L2 as Keras defines them, their gradients, and their place in the loss Fit logs.</summary>
public sealed class RegularizationTests
{
    private static readonly Tensor W = Tensor.FromArray([0.5f, -1.5f, 2f, -0.25f, 3f, -2f], 2, 3);   // Σ|w| = 9.25, Σw² = 19.5625

    [Fact]
    public void L1_L2_and_L1L2_penalties_are_Keras_values_without_a_half()
    {
        Assert.Equal(0.01f * 9.25f, new L1().Call(W).Item(), 6);
        Assert.Equal(0.01f * 19.5625f, new L2().Call(W).Item(), 6);               // l2·Σw², not ½·l2·Σw²
        Assert.Equal(0.3f * 9.25f + 0.2f * 19.5625f, new L1L2(0.3f, 0.2f).Call(W).Item(), 4);
        Assert.Equal(0f, new L1L2().Call(W).Item());                             // Keras' L1L2() defaults are 0 and 0
    }

    [Theory]
    [InlineData("l1", typeof(L1))]
    [InlineData("l2", typeof(L2))]
    [InlineData("l1_l2", typeof(L1L2))]
    public void Keras_string_names_give_the_regularizer_with_Keras_defaults(string name, Type type)
    {
        var regularizer = Regularizer.Get(name);
        Assert.IsType(type, regularizer);
        Regularizer implicitly = name;
        Assert.IsType(type, implicitly);
        if (regularizer is L1 l1) Assert.Equal(0.01f, l1.Factor);
        if (regularizer is L2 l2) Assert.Equal(0.01f, l2.Factor);
        Assert.Throws<ArgumentException>(() => Regularizer.Get("l3"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new L2(-1f));
    }

    [Fact]
    public void Penalty_gradients_match_numerical_gradients()
    {
        var w = Tensor.FromArray([0.5f, -1.5f, 2f, -0.25f, 3f, -2f], 2, 3);      // away from L1's kink at 0
        foreach (var regularizer in new Regularizer[] { new L1(0.3f), new L2(0.2f), new L1L2(0.3f, 0.2f) })
            GradientCheck.Assert(regularizer.ToString()!, GradientCheck.Tensors(t => regularizer.Call(t[0]), [w], h: 1e-2), rtol: 1e-3, atol: 1e-4);
    }

    [Fact]
    public void L2_gradient_is_2_l2_w_and_L1_gradient_is_l1_sign_w()
    {
        var w = Tensor.FromArray([0.5f, -1.5f, 0f], 3);
        w.RequiresGrad = true;
        new L2(0.1f).Call(w).Backward();
        Assert.Equal([0.1f, -0.3f, 0f], w.Grad!.ToArray());
        w.ZeroGrad();
        new L1(0.1f).Call(w).Backward();
        Assert.Equal([0.1f, -0.1f, 0f], w.Grad!.ToArray());
    }

    [Fact]
    public void The_loss_Fit_logs_includes_the_kernel_bias_and_activity_penalties()
    {
        var (x, y) = ModelTestData.TwoHalves(16);
        var dense = new Dense(3, seed: 1, kernelRegularizer: new L2(0.5f), biasRegularizer: new L1(0.25f),
                              biasInitializer: new Layers.Initializers.Constant(0.5f), activityRegularizer: new L1(0.125f));
        var model = new Sequential([new Input(2), dense, new Dense(1, seed: 2)]);
        model.Compile(new SGD(learningRate: 0f), "mse");                          // lr 0: the weights stay, so the loss is known
        var output = model.Predict(x, verbose: 0);
        float mse = ((output - y) * (output - y)).Mean().Item();
        float kernel = 0.5f * (dense.Kernel * dense.Kernel).Sum().Item();
        float bias = 0.25f * dense.Bias!.Abs().Sum().Item();
        float activity = 0.125f * dense.Call(x).Abs().Sum().Item() / 16;           // Keras 3 divides by the batch size
        float expected = mse + kernel + bias + activity;

        var history = model.Fit(x, y, batchSize: 16, epochs: 1, verbose: 0, shuffle: false);
        Assert.Equal(expected, history["loss"][0], 4);
        Assert.Equal(expected, model.Evaluate(x, y, batchSize: 16, verbose: 0)["loss"], 4);   // Evaluate adds them too, as Keras
        Assert.Equal(3, model.Losses.Count);
    }

    [Fact]
    public void L2_shrinks_the_weights_of_a_model_that_has_nothing_else_to_learn()
    {
        var x = Tensor.Zeros(8, 2);
        var model = new Sequential([new Input(2), new Dense(2, seed: 1, kernelRegularizer: new L2(0.1f))]);
        model.Compile(new SGD(learningRate: 0.5f), "mse");
        float before = model.Layers[0].Weights[0].Abs().Sum().Item();
        model.Fit(x, Tensor.Zeros(8, 2), batchSize: 8, epochs: 1, verbose: 0);
        float after = model.Layers[0].Weights[0].Abs().Sum().Item();
        Assert.Equal(before * (1 - 2 * 0.5f * 0.1f), after, 4);                  // w ← w − η·2·l2·w: weight decay by (1 − 2η·l2)
    }
}
