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
    // Default seeds, not names: an unseeded layer draws its initial weights (or its dropout masks)
    // from the number of layers created before it in this process, plus one. This is the engine's
    // form of Keras 3's global seed generator, which unseeded initializers draw from: reproducible
    // within one program run in order, not across programs that build other layers first. Every
    // chapter and test that compares numbers passes a seed, so none depends on this counter.
    private static int created;

    protected Layer(string? name)
    {
        Index = Interlocked.Increment(ref created);
        HasAutomaticName = name is null;
        Name = name ?? SnakeCase(GetType().Name);
    }

    /// <summary>How many layers were created before this one, plus one: the default seed of an unseeded layer.</summary>
    protected int Index { get; }

    /// <summary>
    /// The layer's name in messages and summaries. An unnamed layer is called as Keras calls it, the
    /// class in snake case ("dense"), until a model numbers it among its own layers: dense, dense_1,
    /// dense_2... (see <see cref="Models.Sequential"/>). Names are unique within a model, not across
    /// models, so a model's names never depend on what was built before it.
    /// </summary>
    public string Name { get; private set; }

    /// <summary>Whether <see cref="Name"/> was chosen automatically (a model may renumber it).</summary>
    internal bool HasAutomaticName { get; }

    internal void Rename(string name) => Name = name;

    /// <summary>
    /// Keras' rule within one model: "dense" the first time <paramref name="prefix"/> is asked for, then
    /// "dense_1", "dense_2"... skipping a name some layer of the model already has (<paramref name="inUse"/>).
    /// </summary>
    [Chapter(5)]
    internal static string AutomaticName(string prefix, Dictionary<string, int> taken, Func<string, bool> inUse)
    {
        string name;
        do
        {
            taken.TryGetValue(prefix, out int uses);
            taken[prefix] = uses + 1;
            name = uses == 0 ? prefix : $"{prefix}_{uses}";
        } while (inUse(name));
        return name;
    }

    /// <summary>Keras' to_snake_case: "Dense" → "dense", "MaxPooling2D" → "max_pooling2d", "SimpleRNN" → "simple_rnn".</summary>
    [Chapter(5)]
    internal static string SnakeCase(string name) => Serialization.KerasConfig.SnakeCase(name);

    /// <summary>Whether <see cref="Build"/> has created the weights.</summary>
    public bool Built { get; private set; }

    /// <summary>The trainable weights, in a fixed order (e.g. kernel, bias).</summary>
    public abstract IReadOnlyList<Tensor> TrainableWeights { get; }

    /// <summary>
    /// Whether training may change the layer (Keras' <c>layer.trainable</c>). False freezes it: a model
    /// moves its trainable weights to the non-trainable ones, so the optimizer leaves them alone, and a
    /// frozen <see cref="BatchNormalization"/> uses its moving statistics even in training and updates nothing.
    /// </summary>
    [Chapter(9)]
    public virtual bool Trainable { get; set; } = true;

    /// <summary>Weights that training does not change by gradient (BatchNormalization's moving statistics).</summary>
    [Chapter(5)]
    public virtual IReadOnlyList<Tensor> NonTrainableWeights => [];

    /// <summary>All weights in Keras' order: the trainable ones, then the non-trainable ones.</summary>
    [Chapter(5)]
    public virtual IReadOnlyList<Tensor> Weights => Built ? [.. TrainableWeights, .. NonTrainableWeights] : [];

    /// <summary>The shape of the latest call's (first) output, with the batch axis: what a summary shows as (None, ...).</summary>
    [Chapter(5)]
    public Shape? OutputShape { get; private set; }

    /// <summary>Creates the weights for inputs of <paramref name="inputShape"/> (batch axis first).</summary>
    protected abstract void Build(Shape inputShape);

    /// <summary>The forward pass on an already-built layer.</summary>
    protected abstract Tensor Forward(Tensor input, bool training);

    /// <summary>
    /// The forward pass on several tensors, giving several: by default the layer takes one tensor and
    /// returns one (<see cref="Forward(Tensor, bool)"/>). A layer with more inputs or outputs overrides
    /// it (a recurrent layer: [x, initial states...] → [output, final states...]).
    /// </summary>
    [Chapter(8)]
    protected virtual IReadOnlyList<Tensor> Forward(IReadOnlyList<Tensor> inputs, bool training)
    {
        if (inputs.Count != 1)
            throw new ArgumentException($"{GetType().Name} '{Name}' takes one input tensor, got {inputs.Count}.", nameof(inputs));
        return [Forward(inputs[0], training)];
    }

    /// <summary>
    /// Applies the layer: builds it on first use, checks the input, runs the forward pass
    /// (<paramref name="training"/>: true in <see cref="Models.Model.Fit"/>, where Dropout drops; false
    /// in Evaluate and Predict). The activity penalty of this call, if any, goes to <see cref="Losses"/>.
    /// </summary>
    public Tensor Call(Tensor input, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Call([input], inputs => [Forward(inputs[0], training)])[0];
    }

    /// <summary>
    /// Applies the layer to a list of tensors and returns a list, as Keras' <c>layer([a, b])</c>: a
    /// recurrent layer takes [x, h₀, (c₀)] and, with returnState, returns [output, h, (c)].
    /// </summary>
    [Chapter(8)]
    public IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Call(inputs, list => Forward(list, training));
    }

    // The calls made inside the model call that is running on this thread (null outside any): each
    // layer call adds its node to the innermost one, and opens its own for the calls it makes.
    [ThreadStatic] private static List<Node>? recording;

    /// <summary>
    /// One call with the given forward pass: builds the layer on first use, runs
    /// <paramref name="forward"/>, adds the activity penalties, and records the call as a
    /// <see cref="Node"/> (this layer, its inputs, its outputs) in the enclosing call, a model's.
    /// The calls made inside this one (a model's layers) are handed to <see cref="RecordInnerNodes"/>.
    /// </summary>
    protected IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, Func<IReadOnlyList<Tensor>, IReadOnlyList<Tensor>> forward)
    {
        ArgumentNullException.ThrowIfNull(forward);
        if (inputs.Count == 0 || inputs.Any(t => t is null))
            throw new ArgumentException($"{GetType().Name} '{Name}': expected one or more input tensors, got {inputs.Count}{(inputs.Count > 0 ? " with a null among them" : "")}.", nameof(inputs));
        #region build-outside-scope
        if (!Built)
        {
            using (Devices.StorageScope.Suspend()) Build(inputs[0].Shape);   // weights outlive any training step's scope
            Built = true;
        }
        #endregion
        activityLosses.Clear();
        var outer = recording;
        var inner = new List<Node>();
        IReadOnlyList<Tensor> outputs;
        recording = inner;
        try
        {
            outputs = forward(inputs);
        }
        finally
        {
            recording = outer;
        }
        RecordInnerNodes(inner);
        OutputShape = outputs[0].Shape;
        if (ActivityRegularizer is not null)
            foreach (var output in outputs)
            {
                // Keras 3 divides the activity penalty by the batch size, so its strength does not depend on it.
                var penalty = ActivityRegularizer.Call(output);
                AddLoss(output.Rank > 0 ? penalty * (1f / output.Shape[0]) : penalty);
            }
        outer?.Add(new Node(this, [.. inputs], outputs));
        return outputs;
    }

    /// <summary>Receives the nodes of the layer calls made inside this layer's latest call, in call order (a model keeps them).</summary>
    private protected virtual void RecordInnerNodes(IReadOnlyList<Node> nodes) { }

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

    /// <summary>
    /// A penalty found during the forward pass (an activity penalty); cleared at the next call. It
    /// outlives the training step's <see cref="Devices.StorageScope"/>, so <see cref="Losses"/> read
    /// after Fit still holds its value (the step's other intermediates go back to the pool).
    /// </summary>
    [Chapter(6)]
    protected void AddLoss(Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        loss.Storage.Owner?.Keep(loss.Storage);
        activityLosses.Add(loss);
    }

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
