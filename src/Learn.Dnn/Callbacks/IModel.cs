using Learn.Dnn.Optimizers;

namespace Learn.Dnn.Callbacks;

/// <summary>
/// What a callback may see and do of the model it is attached to (Keras' <c>callback.model</c>): stop
/// the training, read and write the weights, save them, reach the optimizer's learning rate, and ask
/// whether a metric is better when higher. <c>Model</c> implements it; the callbacks know the model only
/// through it, so they sit on a floor below the models that call them.
/// </summary>
[Chapter(5)]
public interface IModel
{
    /// <summary>The extension a weights file must have (Keras: ".weights.h5"; the .h5 format comes later).</summary>
    [Chapter(6)]
    static string WeightsExtension => ".weights.bin";

    /// <summary>The model's name, for messages.</summary>
    string Name { get; }

    /// <summary>Set to end Fit after the current batch (Keras' <c>model.stop_training</c>).</summary>
    bool StopTraining { get; set; }

    /// <summary>The optimizer chosen by Compile, or null before it (its learning rate is what schedules change).</summary>
    Optimizer? Optimizer { get; }

    /// <summary>Copies of every weight, layer by layer (Keras' <c>get_weights()</c>).</summary>
    Tensor[] GetWeights();

    /// <summary>Overwrites every weight, in the order of <see cref="GetWeights"/>.</summary>
    void SetWeights(IReadOnlyList<Tensor> values);

    /// <summary>Writes every weight to <paramref name="path"/>, which must end in <see cref="WeightsExtension"/>.</summary>
    [Chapter(6)]
    void SaveWeights(string path);

    /// <summary>Whether the compiled metric called <paramref name="metric"/> is better when higher; null if unknown or absent.</summary>
    [Chapter(6)]
    bool? MetricHigherIsBetter(string metric);
}
