using Learn.Dnn.Activations;
using Learn.Dnn.Layers;
using Learn.Dnn.Layers.Initializers;
using Learn.Dnn.Metrics;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;
using Learn.Dnn.Optimizers.Schedules;
using Learn.Dnn.Regularization;

namespace Learn.Dnn.Tests.Keras;

/// <summary>
/// A Keras program writes its hyper-parameters as double literals (<c>Adagrad(learning_rate=0.01)</c>,
/// <c>Dropout(0.4)</c>); translated line by line they compile, and give the same float as the
/// <c>f</c>-suffixed literal.
/// </summary>
public sealed class DoubleLiteralTests
{
    [Fact]
    public void Optimizers_take_double_literals_and_store_the_same_floats()
    {
        Assert.Equal(0.01f, new Adagrad(learningRate: 0.01).LearningRate);
        Assert.Equal(0.5f, new Adagrad(0.01, initialAccumulatorValue: 0.5, epsilon: 1e-6).InitialAccumulatorValue);
        Assert.Equal(0.9f, new SGD(0.1, momentum: 0.9).Momentum);
        var adam = new Adam(0.001, beta1: 0.8, beta2: 0.99, epsilon: 1e-8);
        Assert.Equal((0.001f, 0.8f, 0.99f, 1e-8f), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon));
        Assert.Equal(0.01, new AdamW(0.001, weightDecay: 0.01).WeightDecay);
        Assert.Equal(0.95f, new RMSprop(0.001, rho: 0.95, momentum: 0.1).Rho);
        Assert.Equal(0.9f, new Nadam(0.002, beta1: 0.9).Beta1);
        Assert.Equal(0.9f, new Adadelta(1.0, rho: 0.9).Rho);
        // a float literal still picks the float conversion; an int literal converts too
        Assert.Equal(0.01f, new Adam(0.01f).LearningRate);
        Assert.Equal(1f, new SGD(1).LearningRate);
    }

    [Fact]
    public void Clipping_and_weight_decay_take_double_literals_and_clip_as_the_float_ones()
    {
        // Keras' Adam(clipnorm=1.0, weight_decay=0.01), translated line by line
        var adam = new Adam(0.001) { ClipNorm = 1.0, WeightDecay = 0.01 };
        Assert.Equal((1.0, 0.01), (adam.ClipNorm, adam.WeightDecay));
        Assert.Equal(0.5, new SGD { ClipValue = 0.5 }.ClipValue);
        Assert.Equal(2.6, new SGD { GlobalClipNorm = 2.6 }.GlobalClipNorm);
        Assert.Equal("1", adam.GetConfig()["clipnorm"]!.ToJsonString());
        Assert.Equal(Step(new SGD(1f) { GlobalClipNorm = 2.6f }), Step(new SGD(1.0) { GlobalClipNorm = 2.6 }));
        Assert.Equal(Step(new SGD(1f) { ClipValue = 0.3f }), Step(new SGD(1.0) { ClipValue = 0.3 }));

        static float[] Step(Optimizer optimizer)
        {
            var w = Tensor.FromArray([1f, 2f], 2);
            w.RequiresGrad = true;
            w.AccumulateGrad(Tensor.FromArray([3f, -4f], 2));
            optimizer.Apply([w]);
            return w.ToArray();
        }
    }

    [Fact]
    public void Schedules_regularizers_layers_and_metrics_take_double_literals()
    {
        var exponential = new ExponentialDecay(0.1, 1000, 0.96);
        Assert.Equal((0.1f, 0.96f), (exponential.InitialLearningRate, exponential.DecayRate));
        Assert.Equal(0.01f, new CosineDecay(0.1, 1000, alpha: 0.01).Alpha);
        Assert.Equal(0.001f, new L2(0.001).Factor);
        Assert.Equal(0.001f, new L1(0.001).Factor);
        Assert.Equal((0.01f, 0.02f), (new L1L2(l1: 0.01, l2: 0.02).L1Factor, new L1L2(l1: 0.01, l2: 0.02).L2Factor));
        Assert.Equal(0.4f, new Dropout(0.4).Rate);
        Assert.Equal(0.1f, new LeakyRelu(0.1).Alpha);
        Assert.Equal(0.5f, new Elu(0.5).Alpha);
        Assert.Equal(0.3f, new Constant(0.3).Value);
        Assert.Equal(1.5f, new Orthogonal(gain: 1.5).Gain);
        Assert.Equal(0.7f, new BinaryAccuracy(threshold: 0.7).Threshold);
    }

    [Fact]
    public void A_double_learning_rate_trains_exactly_as_the_float_one()
    {
        var x = Tensor.FromArray([1f, 2f, 3f, 4f], new Shape(4, 1));
        var y = Tensor.FromArray([2f, 4f, 6f, 8f], new Shape(4, 1));
        float[] Train(Optimizer optimizer)
        {
            var model = new Sequential([new Input(1), new Dense(1, seed: 3)]);
            model.Compile(optimizer, "mse");
            model.Fit(x, y, epochs: 3, batchSize: 2, shuffle: false, verbose: 0);
            return model.GetWeights().SelectMany(w => w.ToArray()).ToArray();
        }
        Assert.Equal(Train(new Adagrad(0.01f, 0.1f)), Train(new Adagrad(0.01, 0.1)));
    }
}
