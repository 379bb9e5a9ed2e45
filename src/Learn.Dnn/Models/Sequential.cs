using Learn.Dnn.Layers;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Models;

/// <summary>
/// A stack of layers, each feeding the next: Keras' Sequential.
/// <code>
/// var model = new Sequential([new Input(784), new Dense(300, "relu"), new Dense(100, "relu"), new Dense(10, "softmax")]);
/// model.Compile("sgd", "sparse_categorical_crossentropy", ["accuracy"]);
/// var history = model.Fit(xTrain, yTrain, epochs: 10, validationSplit: 0.1);
/// </code>
/// With an <see cref="Input"/> first, the weights are created at once (and <see cref="Model.Summary"/>
/// can show them before training); without one, on the first call, from the data's shape.
/// Unnamed layers are numbered within the model, per class, as a fresh Keras session numbers them:
/// dense, dense_1, dense_2. (Keras counts over the whole session, so a second model there gets
/// dense_3...; counting per model keeps a model's summary independent of what was built before it,
/// in a program as in a test.)
/// </summary>
[Chapter(5)]
[KerasModule("keras")]
public sealed class Sequential : Model
{
    private readonly List<Layer> layers = [];
    private readonly Dictionary<string, int> namesTaken = [];

    /// <param name="layers">The layers, in order; an <see cref="Input"/> may come first.</param>
    /// <param name="name">The model's name in its summary; "sequential" by default.</param>
    public Sequential(IEnumerable<Layer>? layers = null, string? name = null) : base(name ?? "sequential")
    {
        foreach (var layer in layers ?? []) Add(layer);
    }

    /// <summary>The declared input, or null when the model takes its shape from the first data.</summary>
    public Input? Input { get; private set; }

    public override IReadOnlyList<Layer> Layers => layers;

    /// <summary>Appends <paramref name="layer"/> to the stack (Keras' <c>model.add</c>).</summary>
    public void Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer is Input input)
        {
            if (layers.Count > 0 || Input is not null)
                throw new ArgumentException($"Sequential '{Name}': an Input must come first, before every layer; got Input {input.SampleShape} after {layers.Count} layers.");
            Input = input;
            BuildFromInput();
            return;
        }
        if (ReferenceEquals(layer, this) || layers.Contains(layer))
            throw new ArgumentException($"Sequential '{Name}': layer '{layer.Name}' is already in the model.");
        if (layer.HasAutomaticName) layer.Rename(AutomaticName(SnakeCase(layer.GetType().Name), namesTaken, name => layers.Any(l => l.Name == name)));
        else if (layers.Any(l => l.Name == layer.Name))
            throw new ArgumentException($"Sequential '{Name}': two layers are named \"{layer.Name}\"; names must be unique within a model.");
        layers.Add(layer);
        if (Input is not null) BuildFromInput();
    }

    /// <summary>Creates every layer's weights for samples of <paramref name="sampleShape"/> (without the batch axis), like Keras' <c>model.build((None, ...))</c>.</summary>
    public void Build(params int[] sampleShape) => Add(new Input(sampleShape));

    /// <summary>Runs one zero sample through the stack: every layer builds its weights and records its output shape.</summary>
    private void BuildFromInput()
    {
        using var _ = Tensor.NoGrad();
        Call(Tensor.Zeros(Input!.BatchShape(1)));
    }

    protected override void Build(Shape inputShape) { }

    #region forward
    protected override Tensor Forward(Tensor input, bool training)
    {
        Input?.Require(input.Shape);
        var x = input;
        foreach (var layer in layers) x = layer.Call(x, training);
        return x;
    }
    #endregion

    protected override void RequireInputShape(Shape xShape) => Input?.Require(xShape, "x");

    // Config: what GetConfig reads back (Serialization/KerasConfig.cs).
    /// <summary>The layers of the config, the <see cref="Input"/> first when there is one (as Keras writes its InputLayer).</summary>
    [KerasName("layers")]
    private IReadOnlyList<Layer> ConfigLayers => Input is null ? layers : [Input, .. layers];
}
