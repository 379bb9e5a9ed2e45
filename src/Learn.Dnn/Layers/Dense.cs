using Learn.Dnn.Activations;
using Learn.Dnn.Layers.Initializers;
using Learn.Dnn.Regularization;

namespace Learn.Dnn.Layers;

/// <summary>
/// A fully connected layer: y = activation(x·W + b), x: [batch, in], W: [in, units], b: [units],
/// y: [batch, units]. Keras defaults: no activation, a bias, W Glorot-uniform, b zeros.
/// </summary>
[Chapter(3)]
public sealed class Dense : Layer
{
    private readonly Initializer kernelInitializer;
    private readonly Initializer biasInitializer;
    private readonly Rng rng;

    /// <param name="units">Number of outputs (neurons).</param>
    /// <param name="activation">Keras name ("relu", "sigmoid", ...), or null/"linear" for none.</param>
    /// <param name="useBias">Whether to add b.</param>
    /// <param name="kernelInitializer">Defaults to Glorot uniform.</param>
    /// <param name="biasInitializer">Defaults to zeros.</param>
    /// <param name="kernelRegularizer">A penalty on W added to the loss (<see cref="L2"/>, "l2"...), or null.</param>
    /// <param name="biasRegularizer">A penalty on b, or null.</param>
    /// <param name="activityRegularizer">A penalty on the layer's output, divided by the batch size (as Keras 3), or null.</param>
    /// <param name="name">The layer's name in messages and summaries; by default "dense", then "dense_1", ... as Keras names them.</param>
    /// <param name="seed">Seed of the initial weights (the same seed gives the same weights on every device); by default the layer's creation index.</param>
    public Dense(int units, string? activation = null, bool useBias = true,
                 Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
                 Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
                 ulong? seed = null, string? name = null)
        : this(units, Activations.Activation.Get(activation), useBias, kernelInitializer, biasInitializer,
               kernelRegularizer, biasRegularizer, activityRegularizer, seed, name) { }

    public Dense(int units, Activations.Activation? activation, bool useBias = true,
                 Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
                 Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
                 ulong? seed = null, string? name = null) : base(name)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), $"Dense: units must be positive, got {units}.");
        Units = units;
        Activation = activation;
        UseBias = useBias;
        this.kernelInitializer = kernelInitializer ?? new GlorotUniform();
        this.biasInitializer = biasInitializer ?? new Constant(0f);
        rng = new Rng(seed ?? (ulong)Index);   // unseeded layers differ by their creation order
        KernelRegularizer = kernelRegularizer;
        BiasRegularizer = biasRegularizer;
        ActivityRegularizer = activityRegularizer;
    }

    /// <summary>The penalty on W, or null.</summary>
    [Chapter(6)]
    public Regularizer? KernelRegularizer { get; }

    /// <summary>The penalty on b, or null.</summary>
    [Chapter(6)]
    public Regularizer? BiasRegularizer { get; }

    #region penalties
    /// <summary>kernelRegularizer(W) and biasRegularizer(b), from the current weights.</summary>
    protected override IEnumerable<Tensor> WeightPenalties()
    {
        if (KernelRegularizer is not null) yield return KernelRegularizer.Call(Kernel);
        if (BiasRegularizer is not null && Bias is not null) yield return BiasRegularizer.Call(Bias);
    }
    #endregion

    public int Units { get; }
    public Activations.Activation? Activation { get; }
    public bool UseBias { get; }

    /// <summary>W: [in, units].</summary>
    public Tensor Kernel { get; private set; } = null!;

    /// <summary>b: [units], or null without a bias.</summary>
    public Tensor? Bias { get; private set; }

    public override IReadOnlyList<Tensor> TrainableWeights => Bias is null ? [Kernel] : [Kernel, Bias];

    protected override void Build(Shape inputShape)
    {
        if (inputShape.Rank != 2)
            throw new ShapeMismatchException($"Dense '{Name}': expected input [batch, features], got {inputShape}.");
        int inputs = inputShape[1];
        Kernel = kernelInitializer.Create(new Shape(inputs, Units), inputs, Units, rng);
        Kernel.RequiresGrad = true;
        if (UseBias)
        {
            Bias = biasInitializer.Create(new Shape(Units), inputs, Units, rng);
            Bias.RequiresGrad = true;
        }
    }

    #region forward
    protected override Tensor Forward(Tensor x, bool training)
    {
        if (x.Rank != 2 || x.Shape[1] != Kernel.Shape[0])
            throw new ShapeMismatchException(
                $"Dense '{Name}': expected input [batch, {Kernel.Shape[0]}], got {x.Shape}.");
        var z = x.MatMul(Kernel);                      // [batch, in]·[in, units] → [batch, units]
        if (Bias is not null) z += Bias;               // b broadcast over the batch rows
        return Activation?.Call(z) ?? z;
    }
    #endregion

    // Config: what GetConfig reads back (Serialization/KerasConfig.cs).
    /// <summary>W's initializer (Glorot uniform unless given).</summary>
    public Initializer KernelInitializer => kernelInitializer;

    /// <summary>b's initializer (zeros unless given).</summary>
    public Initializer BiasInitializer => biasInitializer;

    /// <summary>The seed of the initial weights (the layer's creation index unless given).</summary>
    public ulong Seed => rng.Seed;
}
