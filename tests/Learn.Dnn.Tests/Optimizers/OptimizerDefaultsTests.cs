using Learn.Dnn.Layers;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;

namespace Learn.Dnn.Tests.Optimizers;

/// <summary>Keras 3's defaults, pinned (a peer library once shipped Adam with η = 0.01 by mistake).</summary>
public sealed class OptimizerDefaultsTests
{
    [Fact]
    public void Every_Keras_optimizer_string_resolves_to_its_type_and_name()
    {
        (string Name, Type Type)[] expected =
        [
            ("sgd", typeof(SGD)), ("rmsprop", typeof(RMSprop)), ("adagrad", typeof(Adagrad)), ("adadelta", typeof(Adadelta)),
            ("adam", typeof(Adam)), ("adamw", typeof(AdamW)), ("nadam", typeof(Nadam)),
        ];
        foreach (var (name, type) in expected)
        {
            var optimizer = Optimizer.Get(name);
            Assert.IsType(type, optimizer);
            Assert.Equal(name, optimizer.Name);
        }
        Assert.IsType<Adam>(Optimizer.Get(" Adam "));
    }

    [Fact]
    public void Compile_with_the_string_adam_uses_Adam_with_its_defaults()
    {
        var model = new Sequential([new Input(2), new Dense(1, seed: 1)]);
        model.Compile("adam", "mse");
        var adam = Assert.IsType<Adam>(model.Optimizer);
        Assert.Equal(1e-3f, adam.LearningRate);
    }

    [Fact]
    public void Adam_defaults_are_lr_1e_minus_3_betas_0_9_and_0_999_epsilon_1e_minus_7_no_amsgrad()
    {
        var adam = new Adam();
        Assert.Equal((1e-3f, 0.9f, 0.999f, 1e-7f, false), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.Amsgrad));
        Assert.Null(adam.WeightDecay);
        Assert.Null(adam.ClipNorm);
        Assert.Null(adam.ClipValue);
        Assert.Null(adam.GlobalClipNorm);
    }

    [Fact]
    public void AdamW_defaults_are_Adams_with_weight_decay_0_004()
    {
        var adamw = new AdamW();
        Assert.Equal((1e-3f, 0.004, 0.9f, 0.999f, 1e-7f), (adamw.LearningRate, adamw.WeightDecay, adamw.Beta1, adamw.Beta2, adamw.Epsilon));
    }

    [Fact]
    public void SGD_defaults_are_lr_0_01_without_momentum()
    {
        var sgd = new SGD();
        Assert.Equal((0.01f, 0f, false), (sgd.LearningRate, sgd.Momentum, sgd.Nesterov));
    }

    [Fact]
    public void RMSprop_defaults_are_lr_1e_minus_3_rho_0_9_no_momentum_not_centered()
    {
        var rmsprop = new RMSprop();
        Assert.Equal((1e-3f, 0.9f, 0f, 1e-7f, false), (rmsprop.LearningRate, rmsprop.Rho, rmsprop.Momentum, rmsprop.Epsilon, rmsprop.Centered));
    }

    [Fact]
    public void Adagrad_defaults_are_lr_1e_minus_3_and_an_accumulator_starting_at_0_1()
    {
        var adagrad = new Adagrad();
        Assert.Equal((1e-3f, 0.1f, 1e-7f), (adagrad.LearningRate, adagrad.InitialAccumulatorValue, adagrad.Epsilon));
    }

    [Fact]
    public void Adadelta_defaults_are_lr_1e_minus_3_not_the_papers_1_and_rho_0_95()
    {
        var adadelta = new Adadelta();
        Assert.Equal((1e-3f, 0.95f, 1e-7f), (adadelta.LearningRate, adadelta.Rho, adadelta.Epsilon));
    }

    [Fact]
    public void Nadam_defaults_are_Adams()
    {
        var nadam = new Nadam();
        Assert.Equal((1e-3f, 0.9f, 0.999f, 1e-7f), (nadam.LearningRate, nadam.Beta1, nadam.Beta2, nadam.Epsilon));
    }

    [Fact]
    public void Slots_are_created_once_per_weight_and_counted()
    {
        var w = Tensor.Zeros(3, 2);
        var b = Tensor.Zeros(2);
        foreach (var (optimizer, slotsPerWeight) in new (Optimizer, int)[]
                 { (new SGD(), 0), (new SGD(momentum: 0.9f), 1), (new Adam(), 2), (new Adam(amsgrad: true), 3),
                   (new RMSprop(momentum: 0.5f, centered: true), 3), (new Adagrad(), 1), (new Adadelta(), 2), (new Nadam(), 2) })
        {
            w.RequiresGrad = b.RequiresGrad = true;
            w.AccumulateGrad(Tensor.Ones(3, 2));
            b.AccumulateGrad(Tensor.Ones(2));
            optimizer.Apply([w, b]);
            optimizer.Apply([w, b]);
            Assert.Equal(2 * slotsPerWeight, optimizer.Slots.Count);
            Assert.Equal(2, optimizer.Iterations);
            w.ZeroGrad();
            b.ZeroGrad();
        }
    }

    [Fact]
    public void A_weight_without_a_gradient_is_left_alone()
    {
        var used = Tensor.FromArray([1f], 1);
        var unused = Tensor.FromArray([1f], 1);
        used.RequiresGrad = unused.RequiresGrad = true;
        used.AccumulateGrad(Tensor.FromArray([1f], 1));
        new AdamW(0.1f).Apply([used, unused]);
        Assert.NotEqual(1f, used.ToArray()[0]);
        Assert.Equal(1f, unused.ToArray()[0]);   // not even decayed
    }
}
