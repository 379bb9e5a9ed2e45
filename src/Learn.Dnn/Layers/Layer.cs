using Learn.Dnn.Serialization;
namespace Learn.Dnn.Layers;

/// <summary>
/// A layer maps an input tensor to an output tensor and owns its trainable weights. As in Keras,
/// the weights are created on the first call, when the input's shape is known (<see cref="Build"/>).
/// </summary>
[Chapter(3)]
[KerasModule("keras.layers")]
public abstract class Layer : IConfigurable
{
    private static int counter;
    private static readonly Dictionary<string, int> namesTaken = [];

    protected Layer(string? name)
    {
        Index = Interlocked.Increment(ref counter);
        HasAutomaticName = name is null;
        Name = name ?? AutomaticName(SnakeCase(GetType().Name), namesTaken);
    }

    /// <summary>How many layers were created before this one, plus one (names and default seeds).</summary>
    protected int Index { get; }

    /// <summary>
    /// The layer's name in messages and summaries. Unnamed layers are named as Keras names them: the
    /// class in snake case, then _1, _2... ("dense", "dense_1"); a model renumbers its unnamed layers
    /// from its own first one (see <see cref="Models.Sequential"/>).
    /// </summary>
    public string Name { get; private set; }

    /// <summary>Whether <see cref="Name"/> was chosen automatically (a model may renumber it).</summary>
    internal bool HasAutomaticName { get; }

    internal void Rename(string name) => Name = name;

    /// <summary>"dense" the first time <paramref name="prefix"/> is asked for, then "dense_1", "dense_2"...</summary>
    [Chapter(5)]
    internal static string AutomaticName(string prefix, Dictionary<string, int> taken)
    {
        lock (taken)
        {
            taken.TryGetValue(prefix, out int uses);
            taken[prefix] = uses + 1;
            return uses == 0 ? prefix : $"{prefix}_{uses}";
        }
    }

    /// <summary>Keras' to_snake_case: "Dense" → "dense", "MaxPooling2D" → "max_pooling2d", "SimpleRNN" → "simple_rnn".</summary>
    [Chapter(5)]
    internal static string SnakeCase(string name)
    {
        name = System.Text.RegularExpressions.Regex.Replace(name, @"\W+", "");
        name = System.Text.RegularExpressions.Regex.Replace(name, "(.)([A-Z][a-z]+)", "$1_$2");
        name = System.Text.RegularExpressions.Regex.Replace(name, "([a-z])([A-Z])", "$1_$2");
        return name.ToLowerInvariant();
    }

    /// <summary>Whether <see cref="Build"/> has created the weights.</summary>
    public bool Built { get; private set; }

    /// <summary>The trainable weights, in a fixed order (e.g. kernel, bias).</summary>
    public abstract IReadOnlyList<Tensor> TrainableWeights { get; }

    /// <summary>Weights that training does not change by gradient (BatchNormalization's moving statistics).</summary>
    [Chapter(5)]
    public virtual IReadOnlyList<Tensor> NonTrainableWeights => [];

    /// <summary>All weights in Keras' order: the trainable ones, then the non-trainable ones.</summary>
    [Chapter(5)]
    public virtual IReadOnlyList<Tensor> Weights => Built ? [.. TrainableWeights, .. NonTrainableWeights] : [];

    /// <summary>The shape of the last output, with the batch axis: what a summary shows as (None, ...).</summary>
    [Chapter(5)]
    public Shape? OutputShape { get; private set; }

    /// <summary>Creates the weights for inputs of <paramref name="inputShape"/> (batch axis first).</summary>
    protected abstract void Build(Shape inputShape);

    /// <summary>The forward pass on an already-built layer.</summary>
    protected abstract Tensor Forward(Tensor input, bool training);

    /// <summary>
    /// Applies the layer: builds it on first use, checks the input, runs the forward pass
    /// (<paramref name="training"/>: true in <see cref="Models.Model.Fit"/>, where Dropout drops; false
    /// in Evaluate and Predict). The activity penalty of this call, if any, goes to <see cref="Losses"/>.
    /// </summary>
    public Tensor Call(Tensor input, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        #region build-outside-scope
        if (!Built)
        {
            using (Devices.StorageScope.Suspend()) Build(input.Shape);   // weights outlive any training step's scope
            Built = true;
        }
        #endregion
        activityLosses.Clear();
        var output = Forward(input, training);
        OutputShape = output.Shape;
        if (ActivityRegularizer is not null)
        {
            // Keras 3 divides the activity penalty by the batch size, so its strength does not depend on it.
            var penalty = ActivityRegularizer.Call(output);
            AddLoss(output.Rank > 0 ? penalty * (1f / output.Shape[0]) : penalty);
        }
        return output;
    }

    #region losses
    private readonly List<Tensor> activityLosses = [];

    /// <summary>The penalty on this layer's output (Keras' <c>activity_regularizer</c>), or null.</summary>
    [Chapter(6)]
    public Regularization.Regularizer? ActivityRegularizer { get; set; }

    /// <summary>
    /// The penalties to add to the loss (Keras' <c>layer.losses</c>): the weight penalties
    /// (<see cref="WeightPenalties"/>, computed now from the current weights) and those the last
    /// call added (<see cref="AddLoss"/>). Each is a scalar that carries its gradient.
    /// </summary>
    [Chapter(6)]
    public virtual IReadOnlyList<Tensor> Losses => Built ? [.. WeightPenalties(), .. activityLosses] : [.. activityLosses];

    /// <summary>A penalty found during the forward pass (an activity penalty); cleared at the next call.</summary>
    [Chapter(6)]
    protected void AddLoss(Tensor loss) => activityLosses.Add(loss);

    /// <summary>The penalties of the weights (Dense: kernelRegularizer(W), biasRegularizer(b)).</summary>
    [Chapter(6)]
    protected virtual IEnumerable<Tensor> WeightPenalties() => [];
    #endregion

    /// <summary>The total number of trainable numbers.</summary>
    public int CountParams() => TrainableWeights.Sum(w => w.Size);

    #region weights
    /// <summary>
    /// Copies of the weights (<see cref="Weights"/>: kernel then bias for Dense), as Keras'
    /// <c>get_weights()</c>. Changing a copy does not change the layer.
    /// </summary>
    [Chapter(5)]
    public Tensor[] GetWeights()
    {
        using var _ = Tensor.NoGrad();
        return Weights.Select(w => w.Clone()).ToArray();
    }

    /// <summary>
    /// Overwrites the weights with <paramref name="values"/>, in the order of <see cref="GetWeights"/>.
    /// Their count and shapes must match; the layer must be built (called once, or in a built model).
    /// </summary>
    [Chapter(5)]
    public virtual void SetWeights(IReadOnlyList<Tensor> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var weights = Weights;
        if (!Built)
            throw new InvalidOperationException(
                $"SetWeights on layer '{Name}' ({GetType().Name}): the layer is not built yet, so it has no weights; " +
                "call it once on an input (or build its model) first.");
        if (values.Count != weights.Count)
            throw new ArgumentException(
                $"SetWeights on layer '{Name}' ({GetType().Name}): expected {weights.Count} arrays " +
                $"({string.Join(", ", weights.Select(w => w.Shape))}), got {values.Count}" +
                (values.Count > 0 ? $" ({string.Join(", ", values.Select(v => v?.Shape))})." : "."));
        for (int i = 0; i < weights.Count; i++)
            if (values[i] is null || values[i].Shape != weights[i].Shape)
                throw new ShapeMismatchException(
                    $"SetWeights on layer '{Name}' ({GetType().Name}): weight {i} has shape {weights[i].Shape}, " +
                    $"but the array given for it has shape {values[i]?.Shape.ToString() ?? "null"}.");
        for (int i = 0; i < weights.Count; i++)
        {
            var source = values[i].To(weights[i].Device);
            weights[i].Device.Copy(source.Storage, weights[i].Storage);
        }
    }
    #endregion

    public override string ToString() => $"{Name} ({GetType().Name})";

    // Config (Serialization/KerasConfig.cs).
    /// <summary>Keras' get_config(): the constructor's arguments (<see cref="KerasConfig"/>).</summary>
    [Chapter(9)]
    public virtual System.Text.Json.Nodes.JsonObject GetConfig() => KerasConfig.Of(this);
}
