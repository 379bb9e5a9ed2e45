using Learn.Dnn.Callbacks;
using Learn.Dnn.Layers;
using Learn.Dnn.Losses;
using Learn.Dnn.Metrics;
using Learn.Dnn.Optimizers;

namespace Learn.Dnn.Models;

/// <summary>
/// A model is a layer made of layers that knows how to train itself, as in Keras:
/// <see cref="Compile(Optimizer, Loss, IEnumerable{string})"/> chooses the optimizer, the loss and the metrics; <see cref="Fit"/> trains;
/// <see cref="Evaluate"/> and <see cref="Predict"/> run it on new data; <see cref="Summary"/> prints
/// its table. <see cref="Sequential"/> is the model of a stack of layers. Its callbacks see it as an
/// <see cref="IModel"/>.
/// </summary>
[Chapter(5)]
public abstract partial class Model : Layer, IModel
{
    protected Model(string? name) : base(name) { }

    /// <summary>The layers, in order (an <see cref="Input"/> is not one of them, as in Keras).</summary>
    public abstract IReadOnlyList<Layer> Layers { get; }

    /// <summary>Freezing (or unfreezing) a model does the same to every one of its layers, as Keras' <c>model.trainable</c>.</summary>
    public override bool Trainable
    {
        get => base.Trainable;
        set
        {
            base.Trainable = value;
            foreach (var layer in Layers) layer.Trainable = value;
        }
    }

    /// <summary>The trainable weights of the trainable layers, layer by layer; none when the model itself is frozen.</summary>
    public override IReadOnlyList<Tensor> TrainableWeights =>
        Trainable ? Layers.Where(l => l.Built && l.Trainable).SelectMany(l => l.TrainableWeights).ToList() : [];

    /// <summary>The rest, layer by layer: each layer's non-trainable weights, and all the weights of a frozen layer (or of a frozen model).</summary>
    public override IReadOnlyList<Tensor> NonTrainableWeights =>
        Layers.Where(l => l.Built).SelectMany(l => Trainable && l.Trainable ? l.NonTrainableWeights : l.Weights).ToList();

    /// <summary>Every layer's penalties (weight and activity regularizers), which Fit and Evaluate add to the loss.</summary>
    [Chapter(6)]
    public override IReadOnlyList<Tensor> Losses => Layers.SelectMany(l => l.Losses).ToList();

    /// <summary>Layer by layer, each layer's weights (kernel, bias...): Keras' <c>model.weights</c> order.</summary>
    public override IReadOnlyList<Tensor> Weights => Layers.SelectMany(l => l.Weights).ToList();

    /// <summary>
    /// The nodes of the model's latest call: one per layer call made inside it, in the order the calls
    /// ran, so that each node comes after the nodes whose outputs it reads; a layer called twice has
    /// two. Each call replaces them, so eager training holds one step's graph, never a growing list.
    /// Their tensors are that call's: inside Fit, Evaluate and Predict they go back to the device's
    /// pool with the step's storage scope (chapter 10), so read them during the step, as the non-finite
    /// diagnosis does, or after a call of your own.
    /// </summary>
    [Chapter(9)]
    public IReadOnlyList<Node> Nodes { get; private set; } = [];

    private protected override void RecordInnerNodes(IReadOnlyList<Node> nodes) => Nodes = nodes;

    /// <summary>The layer called <paramref name="name"/> (Keras' <c>get_layer</c>).</summary>
    public Layer GetLayer(string name) => Layers.FirstOrDefault(l => l.Name == name)
        ?? throw new ArgumentException($"Model '{Name}': no layer named \"{name}\"; its layers are {string.Join(", ", Layers.Select(l => l.Name))}.");

    #region compile
    /// <summary>The optimizer set by <see cref="Compile(Optimizer, Loss, IEnumerable{string})"/>.</summary>
    public Optimizer? Optimizer { get; private set; }

    /// <summary>The loss set by <see cref="Compile(Optimizer, Loss, IEnumerable{string})"/>.</summary>
    public Loss? Loss { get; private set; }

    /// <summary>The metrics set by <see cref="Compile(Optimizer, Loss, IEnumerable{string})"/>, in the order given.</summary>
    public IReadOnlyList<string> MetricNames { get; private set; } = [];

    private List<Func<Metric>> metricFactories = [];
    private List<Metric> metricPrototypes = [];

    /// <summary>Whether the compiled metric called <paramref name="metric"/> is better when higher; null if unknown or absent.</summary>
    [Chapter(6)]
    public bool? MetricHigherIsBetter(string metric) => metricPrototypes.FirstOrDefault(m => m.Name == metric)?.HigherIsBetter;

    /// <summary>
    /// Chooses how to train: <c>model.Compile("sgd", "sparse_categorical_crossentropy", ["accuracy"])</c>,
    /// or objects: <c>model.Compile(new SGD(learningRate: 0.1f), new MeanSquaredError())</c>.
    /// A string is a Keras name (<see cref="Optimizers.Optimizer.Get"/>, <see cref="Learn.Dnn.Losses.Loss.Get"/>,
    /// <see cref="Metric.Get"/>); "accuracy" becomes binary, sparse categorical or categorical accuracy
    /// from the shapes of the data, as in Keras.
    /// </summary>
    public void Compile(Optimizer optimizer, Loss loss, IEnumerable<string>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        var names = metrics?.ToList() ?? [];
        foreach (var name in names) Metric.Get(name);   // unknown names fail here, not in Fit
        Optimizer = optimizer;
        Loss = loss;
        MetricNames = names;
        metricFactories = names.Select(name => (Func<Metric>)(() => Metric.Get(name))).ToList();
        metricPrototypes = names.Select(Metric.Get).ToList();
    }

    /// <summary>Compile with metric objects (a fresh state is taken with each Fit: pass new instances per model).</summary>
    public void Compile(Optimizer optimizer, Loss loss, IEnumerable<Metric> metrics)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(metrics);
        var list = metrics.ToList();
        Optimizer = optimizer;
        Loss = loss;
        MetricNames = list.Select(m => m.Name).ToList();
        metricFactories = list.Select(m => (Func<Metric>)(() => { m.Reset(); return m; })).ToList();
        metricPrototypes = list;
    }

    private (Optimizer Optimizer, Loss Loss) RequireCompiled(string operation) =>
        Optimizer is null || Loss is null
            ? throw new InvalidOperationException($"{operation} on model '{Name}': the model is not compiled; call model.Compile(optimizer, loss, metrics) first.")
            : (Optimizer, Loss);
    #endregion

    /// <summary>Set by a callback to end <see cref="Fit"/> after the current batch (Keras' <c>model.stop_training</c>).</summary>
    public bool StopTraining { get; set; }

    /// <summary>The seed of the per-epoch shuffle when <see cref="Fit"/> is given none.</summary>
    public ulong Seed { get; set; }

    #region weights
    /// <summary>
    /// Overwrites every weight, in the order of <see cref="Layer.GetWeights"/>: layer by layer, kernel
    /// then bias. A wrong count or shape names the layer, the index and both shapes. Every shape is checked
    /// before anything is copied, so a failure leaves the model as it was, never half-set.
    /// </summary>
    public override void SetWeights(IReadOnlyList<Tensor> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var expected = Weights;
        if (values.Count != expected.Count)
            throw new ArgumentException(
                $"SetWeights on model '{Name}': expected {expected.Count} arrays " +
                $"({string.Join("; ", Layers.Where(l => l.Weights.Count > 0).Select(l => $"{l.Name}: {string.Join(", ", l.Weights.Select(w => w.Shape))}"))}), " +
                $"got {values.Count}.");
        int offset = 0;
        foreach (var layer in Layers)   // first check every layer...
        {
            var weights = layer.Weights;
            for (int i = 0; i < weights.Count; i++)
                if (values[offset + i] is null || values[offset + i].Shape != weights[i].Shape)
                    throw new ShapeMismatchException(
                        $"SetWeights on model '{Name}': array {offset + i} is weight {i} of layer '{layer.Name}' ({layer.GetType().Name}), " +
                        $"which has shape {weights[i].Shape}, but the array has shape {values[offset + i]?.Shape.ToString() ?? "null"}.");
            offset += weights.Count;
        }
        offset = 0;
        foreach (var layer in Layers)   // ...then copy
        {
            layer.SetWeights(values.Skip(offset).Take(layer.Weights.Count).ToList());
            offset += layer.Weights.Count;
        }
    }
    #endregion

    /// <summary>The device the weights live on (batches are moved there).</summary>
    private Devices.IDevice? WeightDevice => Weights.FirstOrDefault()?.Device;   // a frozen model's weights too

    public override string ToString() => $"{Name} ({GetType().Name}, {Layers.Count} layers)";
}
