using Learn.Dnn.Callbacks;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;

namespace Learn.Dnn.Tests.Callbacks;

/// <summary>
/// Drives a callback's hooks directly, as Fit would, with scripted logged values: the model is a real,
/// tiny one whose single weight is set to the epoch number at each epoch end, so a restored weight
/// tells which epoch's weights came back.
/// </summary>
internal sealed class CallbackScript
{
    public Sequential Model { get; } = new([new Input(1), new Dense(1, useBias: false, seed: 1)]);

    public CallbackScript(float learningRate = 0.1f, IEnumerable<string>? metrics = null)
    {
        Model.Compile(new SGD(learningRate), "mse", metrics ?? ["accuracy"]);
    }

    /// <summary>The weight as it stands: the epoch whose end last set it.</summary>
    public float Weight => Model.Layers[0].Weights[0].Item();

    /// <summary>
    /// Runs epochs 0, 1, ... with <paramref name="key"/> = values[epoch] until the callback stops training;
    /// returns the number of epochs run. Calls train begin and end around them.
    /// </summary>
    public int Run(Callback callback, string key, params double[] values) =>
        Run(callback, values.Select(v => new Dictionary<string, double> { [key] = v }).ToArray());

    public int Run(Callback callback, Dictionary<string, double>[] logs)
    {
        callback.SetModel(Model);
        callback.SetParams(new Dictionary<string, int> { ["epochs"] = logs.Length, ["steps"] = 1, ["verbose"] = 0 });
        Model.StopTraining = false;
        callback.OnTrainBegin(new Dictionary<string, double>());
        int epochs = 0;
        for (int epoch = 0; epoch < logs.Length; epoch++)
        {
            callback.OnEpochBegin(epoch, new Dictionary<string, double>());
            Model.SetWeights([Tensor.FromArray([(float)epoch], 1, 1)]);   // "training" this epoch: the weight becomes its number
            var sorted = new SortedDictionary<string, double>(logs[epoch], StringComparer.Ordinal);
            callback.OnEpochEnd(epoch, sorted);
            logs[epoch] = new Dictionary<string, double>(sorted);
            epochs++;
            if (Model.StopTraining) break;
        }
        callback.OnTrainEnd(new Dictionary<string, double>());
        return epochs;
    }
}
