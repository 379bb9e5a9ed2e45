using Learn.Dnn.Callbacks;

namespace Learn.Dnn.Models;

/// <summary>The diagnosis of a NaN or infinite loss: where in the model's graph it began, and the usual causes.</summary>
public abstract partial class Model
{
    #region non-finite
    /// <summary>
    /// Why the loss of this batch is NaN or ∞: re-runs the batch with checks, node by node in the order
    /// the layers were called (the model's graph: a layer fed by two others, or called twice, is
    /// checked where it ran) — the data, each called layer's weights, each call's outputs, the loss,
    /// then the gradients from the output back — and names the first place a non-finite number
    /// appears, with what usually causes it.
    /// </summary>
    private NonFiniteLossException DiagnoseNonFinite(float value, Tensor xBatch, Tensor yBatch, int epoch, int epochs, int step, int steps)
    {
        string? culprit = null;
        string? finding = null;
        if (!AllFinite(xBatch)) finding = "the input batch x itself contains NaN or ∞: check the data";
        else if (!AllFinite(yBatch)) finding = "the targets y of this batch contain NaN or ∞: check the data";
        else
        {
            foreach (var w in TrainableWeights) w.ZeroGrad();
            var yPred = Call(xBatch, training: true);
            var nodes = Nodes;   // in call order: each node after the nodes whose outputs it reads
            foreach (var node in nodes)
            {
                var layer = node.Layer;
                if (layer.Weights.Any(w => !AllFinite(w)))
                {
                    (culprit, finding) = (layer.Name, $"layer '{layer.Name}' ({layer.GetType().Name}) has NaN or ∞ in its weights (an earlier update put them there)");
                    break;
                }
                if (!node.Outputs.All(AllFinite))
                {
                    (culprit, finding) = (layer.Name, $"layer '{layer.Name}' ({layer.GetType().Name}) is the first whose output is NaN or ∞; its input was finite");
                    break;
                }
            }
            if (finding is null)
            {
                var loss = WithPenalties(ComputeLoss(yBatch, yPred, "Fit"));
                float again = loss.Item();
                if (!float.IsFinite(again))
                {
                    var (largestLayer, largest) = nodes.Select(n => (n.Layer.Name, Max: n.Outputs.Max(o => o.ToArray().Max(MathF.Abs)))).MaxBy(o => o.Max);
                    finding = $"every layer's output is finite, but the loss {Loss!.Name} of them (with the penalties) is {PythonFormat.Repr(again)}; " +
                              $"the largest |output| is {largest.ToString("0.00e+00", System.Globalization.CultureInfo.InvariantCulture)}, in layer '{largestLayer}'" +
                              (largest > 1e15f ? ", so large that the loss overflows float32 (the weights have grown too much)" : ": a log(0)? targets outside the loss's range?");
                }
                else
                {
                    loss.Backward();
                    // The gradient flows from the output back: the first non-finite one in that order is where it starts.
                    for (int i = nodes.Count - 1; i >= 0 && finding is null; i--)
                    {
                        var layer = nodes[i].Layer;
                        bool outputGradient = nodes[i].Outputs.Any(o => o.Grad is { } g && !AllFinite(g));
                        bool weightGradient = layer.TrainableWeights.Any(w => w.Grad is { } gw && !AllFinite(gw));
                        if (outputGradient || weightGradient)
                            (culprit, finding) = (layer.Name, $"layer '{layer.Name}' ({layer.GetType().Name}) is the first, from the output back, whose gradient is NaN or ∞");
                    }
                    finding ??= $"re-run, this batch gives a finite loss ({PythonFormat.Repr(again)}) and finite gradients (a dropout mask drawn differently?)";
                }
            }
            foreach (var w in TrainableWeights) w.ZeroGrad();
        }
        string message =
            $"Fit on model '{Name}': the loss became {PythonFormat.Repr(value)} at epoch {epoch + 1}/{epochs}, batch {step + 1}/{steps}; training stopped " +
            $"(this batch's update was not applied, and History keeps the epochs so far).{Environment.NewLine}" +
            $"  Where: {finding} (found by re-running that batch with checks).{Environment.NewLine}" +
            $"  Usual causes: a learning rate too large (the weights grow step after step until they overflow: try one 10 times smaller); " +
            $"inputs that are not scaled (standardize them, e.g. with StandardScaler); log(0) in the loss (a probability of exactly 0 or 1).";
        return new NonFiniteLossException(message, epoch + 1, step + 1, culprit);
    }

    /// <summary>
    /// Why the validation loss of an epoch is NaN or ∞: the first sample of the validation x or y holding a NaN
    /// or ∞ (numbered as in <paramref name="source"/>), or else the loss of finite data.
    /// </summary>
    private NonFiniteLossException DiagnoseNonFiniteValidation(double value, Tensor x, Tensor y, (string Name, int First) source, int epoch, int epochs)
    {
        string finding = FirstNonFiniteSample(x) is >= 0 and var badX
            ? $"the validation inputs contain NaN or ∞, first in sample {source.First + badX} of {source.Name}: check the data"
            : FirstNonFiniteSample(y) is >= 0 and var badY
            ? $"the validation targets contain NaN or ∞, first in sample {source.First + badY} of {source.Name}: check the data"
            : $"the validation data are finite, but the loss {Loss!.Name} of the model's outputs for them is not (outputs that overflow?)";
        string message =
            $"Fit on model '{Name}': the validation loss val_loss became {PythonFormat.Repr(value)} at epoch {epoch + 1}/{epochs}; training stopped " +
            $"after this epoch (validation does not change the weights: they are this epoch's, and History keeps the epochs so far).{Environment.NewLine}" +
            $"  Where: {finding}.{Environment.NewLine}" +
            "  A value that is not finite is never the best for ModelCheckpoint, EarlyStopping or ReduceLROnPlateau.";
        return new NonFiniteLossException(message, epoch + 1, 0, null);
    }

    /// <summary>The first sample (row) of <paramref name="t"/> holding a NaN or ∞, or −1.</summary>
    private static int FirstNonFiniteSample(Tensor t)
    {
        var values = t.ToArray();
        int flat = Array.FindIndex(values, v => !float.IsFinite(v));
        return flat < 0 ? -1 : flat / Math.Max(1, values.Length / t.Shape[0]);
    }

    private static bool AllFinite(Tensor t) => t.ToArray().All(float.IsFinite);
    #endregion
}
