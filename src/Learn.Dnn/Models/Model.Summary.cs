using System.Globalization;
using System.Text;
using Learn.Dnn.Layers;

namespace Learn.Dnn.Models;

/// <summary>Keras 3's <c>model.summary()</c> table.</summary>
public abstract partial class Model
{
    #region summary
    /// <summary>
    /// Writes the model's table, as Keras 3 prints it, to <paramref name="output"/> (Console.Out by
    /// default) and returns it:
    /// <code>
    /// Model: "sequential"
    /// ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
    /// ┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
    /// ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
    /// │ dense (Dense)                        │ (None, 300)                 │         235,500 │
    /// ...
    ///  Total params: 266,610 (1.02 MB)
    /// </code>
    /// Columns end at 45 %, 80 % and 100 % of <paramref name="lineLength"/> (88, Keras' width when the
    /// terminal is wide enough); Param # counts with thousands separators; sizes are 4 bytes per
    /// float32 in 1024-based units. Once the optimizer has taken a step, its variables are counted too.
    /// </summary>
    public string Summary(TextWriter? output = null, int lineLength = 88)
    {
        var text = new StringBuilder();
        text.Append($"Model: \"{Name}\"\n");
        var rows = Layers.Select(layer => new[] { $"{layer.Name} ({layer.GetType().Name})", FormatOutputShape(layer), FormatParams(layer) });
        text.Append(SummaryTable.Render(["Layer (type)", "Output Shape", "Param #"], [false, false, true], [0.45, 0.80, 1.0], lineLength, rows));

        long trainable = TrainableWeights.Sum(w => (long)w.Size);
        long nonTrainable = NonTrainableWeights.Sum(w => (long)w.Size);
        bool optimizerBuilt = Optimizer is { Built: true };
        // Keras' optimizer variables: the step counter (int64, 8 bytes) and the learning rate (4 bytes), then the slots
        long optimizerCount = optimizerBuilt ? 2 + Optimizer!.Slots.Sum(v => (long)v.Size) : 0;
        long optimizerBytes = optimizerBuilt ? 12 + 4 * (optimizerCount - 2) : 0;
        text.Append($" Total params: {Count(trainable + nonTrainable + optimizerCount)} ({MemorySize(4 * (trainable + nonTrainable) + optimizerBytes)})\n");
        text.Append($" Trainable params: {Count(trainable)} ({MemorySize(4 * trainable)})\n");
        text.Append($" Non-trainable params: {Count(nonTrainable)} ({MemorySize(4 * nonTrainable)})\n");
        if (optimizerBuilt) text.Append($" Optimizer params: {Count(optimizerCount)} ({MemorySize(optimizerBytes)})\n");

        string result = text.ToString();
        (output ?? Console.Out).Write(result);
        return result;
    }

    /// <summary>"(None, 300)": the batch axis is None; "?" for a layer that has not run yet.</summary>
    private static string FormatOutputShape(Layer layer) =>
        layer.OutputShape is { } shape ? "(" + string.Join(", ", shape.Select((d, i) => i == 0 ? "None" : d.ToString(CultureInfo.InvariantCulture))) + ")" : "?";

    private static string FormatParams(Layer layer) =>
        layer.Built ? Count(layer.Weights.Sum(w => (long)w.Size)) : "0 (unbuilt)";

    private static string Count(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>Keras' readable_memory_size: "64.00 B", "1.02 MB" (divide by 1024 while the value is ≥ 1024).</summary>
    internal static string MemorySize(double bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB", "PB"];
        foreach (string unit in units)
        {
            if (bytes / 1024 < 1) return $"{Callbacks.PythonFormat.Fixed(bytes, 2)} {unit}";
            bytes /= 1024;
        }
        return $"{Callbacks.PythonFormat.Fixed(bytes, 2)} {units[^1]}";
    }
    #endregion
}
