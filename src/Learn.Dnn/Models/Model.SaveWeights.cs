namespace Learn.Dnn.Models;

/// <summary>Saving and loading the weights (Keras' <c>save_weights</c>, <c>load_weights</c>).</summary>
public abstract partial class Model
{
    /// <summary>The extension a weights file must have (Keras: ".weights.h5"; the .h5 format comes later).</summary>
    [Chapter(6)]
    public static string WeightsExtension => Callbacks.IModel.WeightsExtension;

    /// <summary>
    /// Writes every weight (<see cref="Weights"/>, layer by layer) to <paramref name="path"/>, which must end
    /// in ".weights.bin", atomically: a crash leaves the previous file whole. The format is described on WeightsFile.
    /// </summary>
    [Chapter(6)]
    public void SaveWeights(string path)
    {
        RequireWeightsPath("SaveWeights", path);
        if (Weights.Count == 0)
            throw new InvalidOperationException($"SaveWeights on model '{Name}': the model has no weights yet; build it (an Input first, or call it once) before saving.");
        WeightsFile.Write(path, GetWeights());
    }

    /// <summary>
    /// Reads the weights saved by <see cref="SaveWeights"/> into this model, which must have the same
    /// layers (count and shapes are checked, naming the layer). A truncated or corrupt file is an
    /// <see cref="InvalidDataException"/> naming the file and the problem.
    /// </summary>
    [Chapter(6)]
    public void LoadWeights(string path)
    {
        RequireWeightsPath("LoadWeights", path);
        if (Weights.Count == 0)
            throw new InvalidOperationException($"LoadWeights on model '{Name}': the model has no weights yet; build it (an Input first, or call it once) before loading \"{path}\".");
        var values = WeightsFile.Read(path);
        try
        {
            SetWeights(values);
        }
        catch (ArgumentException e)   // a count or a shape that does not match (ShapeMismatchException is one)
        {
            throw new InvalidDataException($"LoadWeights: \"{path}\" holds weights for another model: {e.Message}", e);
        }
    }

    private void RequireWeightsPath(string operation, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.EndsWith(WeightsExtension, StringComparison.Ordinal))
            throw new ArgumentException($"{operation} on model '{Name}': the filepath must end in `{WeightsExtension}`; received \"{path}\".", nameof(path));
    }
}
