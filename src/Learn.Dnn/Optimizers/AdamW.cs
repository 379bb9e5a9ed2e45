using Learn.Dnn.Optimizers.Schedules;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Optimizers;

/// <summary>
/// AdamW (Loshchilov &amp; Hutter 2019; Keras' AdamW: Adam's defaults and weight_decay 0.004): Adam with
/// the weight decay decoupled from the gradient. Before each Adam step, w ← w − w·wd·η (the base
/// optimizer does it, for every optimizer given a <see cref="Optimizer.WeightDecay"/>), instead of
/// adding wd·w to g, where Adam's scaling would shrink the decay of weights with large gradients.
/// </summary>
[Chapter(5)]
[KerasName("adamw")]
public sealed class AdamW : Adam
{
    public AdamW(LearningRateSchedule? learningRate = null, double weightDecay = 0.004, double beta1 = 0.9, double beta2 = 0.999,
                 double epsilon = DefaultEpsilon, bool amsgrad = false)
        : base(learningRate, beta1, beta2, epsilon, amsgrad)
    {
        WeightDecay = weightDecay;
    }

}
