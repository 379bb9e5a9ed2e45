using Learn.Dnn.Activations;
using Learn.Dnn.Devices;
using Learn.Dnn.Layers;
using Learn.Dnn.Layers.Initializers;

namespace Learn.Dnn.Convolution;

/// <summary>
/// A 2-D convolution layer, channels-last as Keras: y = activation(conv2d(x, W) + b) with
/// x: [batch, height, width, channels], W: [kh, kw, channels, filters], b: [filters],
/// y: [batch, out height, out width, filters]. Every filter is one small set of weights slid over the
/// whole image (parameter sharing): kh·kw·channels·filters + filters parameters, whatever the image size.
/// Keras defaults: strides 1, padding "valid", no activation, a bias, W Glorot-uniform (fan_in = kh·kw·channels,
/// fan_out = kh·kw·filters), b zeros.
/// </summary>
[Chapter(7)]
public sealed class Conv2D : Layer
{
    private readonly Initializer kernelInitializer;
    private readonly Initializer biasInitializer;
    private readonly Rng rng;

    /// <param name="filters">Number of filters: the output's channels.</param>
    /// <param name="kernelSize">The window's height and width (3 for 3×3).</param>
    /// <param name="strides">How far the window moves, in both directions.</param>
    /// <param name="padding">"valid" (no padding: the output shrinks by kernelSize − 1) or "same" (output = ⌈input/strides⌉).</param>
    /// <param name="activation">Keras name ("relu", ...), or null/"linear" for none.</param>
    /// <param name="useBias">Whether to add b.</param>
    /// <param name="kernelInitializer">Defaults to Glorot uniform.</param>
    /// <param name="biasInitializer">Defaults to zeros.</param>
    /// <param name="seed">Seed of the initial weights; by default the layer's creation index.</param>
    /// <param name="name">The layer's name; by default "conv2d", "conv2d_1", ...</param>
    public Conv2D(int filters, int kernelSize, int strides = 1, string padding = "valid", string? activation = null,
                  bool useBias = true, Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
                  ulong? seed = null, string? name = null)
        : this(filters, (kernelSize, kernelSize), (strides, strides), padding, activation, useBias, kernelInitializer, biasInitializer, seed, name) { }

    /// <summary>A (height, width) kernel with strides in both directions: <c>new Conv2D(32, (3, 3), activation: "relu")</c>, as Keras writes it.</summary>
    public Conv2D(int filters, (int Height, int Width) kernelSize, int strides = 1, string padding = "valid", string? activation = null,
                  bool useBias = true, Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
                  ulong? seed = null, string? name = null)
        : this(filters, kernelSize, (strides, strides), padding, activation, useBias, kernelInitializer, biasInitializer, seed, name) { }

    /// <summary>A square kernel with different strides along the height and the width.</summary>
    public Conv2D(int filters, int kernelSize, (int Height, int Width) strides, string padding = "valid", string? activation = null,
                  bool useBias = true, Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
                  ulong? seed = null, string? name = null)
        : this(filters, (kernelSize, kernelSize), strides, padding, activation, useBias, kernelInitializer, biasInitializer, seed, name) { }

    /// <summary>A convolution with a non-square kernel and different strides along the height and the width.</summary>
    public Conv2D(int filters, (int Height, int Width) kernelSize, (int Height, int Width) strides, string padding = "valid",
                  string? activation = null, bool useBias = true, Initializer? kernelInitializer = null,
                  Initializer? biasInitializer = null, ulong? seed = null, string? name = null) : base(name)
    {
        if (filters <= 0) throw new ArgumentOutOfRangeException(nameof(filters), $"Conv2D: filters must be positive, got {filters}.");
        if (kernelSize.Height <= 0 || kernelSize.Width <= 0)
            throw new ArgumentOutOfRangeException(nameof(kernelSize), $"Conv2D: kernelSize must be positive, got {kernelSize.Height}×{kernelSize.Width}.");
        if (strides.Height <= 0 || strides.Width <= 0)
            throw new ArgumentOutOfRangeException(nameof(strides), $"Conv2D: strides must be positive, got {strides.Height}×{strides.Width}.");
        Filters = filters;
        KernelSize = kernelSize;
        Strides = strides;
        Padding = Window2D.ParsePadding(padding, "Conv2D");
        Activation = Activations.Activation.Get(activation);
        UseBias = useBias;
        this.kernelInitializer = kernelInitializer ?? new GlorotUniform();
        this.biasInitializer = biasInitializer ?? new Constant(0f);
        rng = new Rng(seed ?? (ulong)Index);
    }

    public int Filters { get; }
    public (int Height, int Width) KernelSize { get; }
    public (int Height, int Width) Strides { get; }
    public Padding Padding { get; }
    public Activations.Activation? Activation { get; }
    public bool UseBias { get; }

    /// <summary>W: [kh, kw, channels, filters].</summary>
    public Tensor Kernel { get; private set; } = null!;

    /// <summary>b: [filters], or null without a bias.</summary>
    public Tensor? Bias { get; private set; }

    public override IReadOnlyList<Tensor> TrainableWeights => Bias is null ? [Kernel] : [Kernel, Bias];

    private string Who => $"Conv2D '{Name}'";

    protected override void Build(Shape inputShape)
    {
        if (inputShape.Rank != 4)
            throw new ShapeMismatchException($"{Who} expects [batch, height, width, channels], got {inputShape}.");
        int channels = inputShape[3];
        int fanIn = KernelSize.Height * KernelSize.Width * channels, fanOut = KernelSize.Height * KernelSize.Width * Filters;
        Kernel = kernelInitializer.Create(new Shape(KernelSize.Height, KernelSize.Width, channels, Filters), fanIn, fanOut, rng);
        Kernel.RequiresGrad = true;
        if (UseBias)
        {
            Bias = biasInitializer.Create(new Shape(Filters), fanIn, fanOut, rng);
            Bias.RequiresGrad = true;
        }
    }

    #region forward
    protected override Tensor Forward(Tensor x, bool training)
    {
        Tensor.RequireImages(x, Who);
        if (x.Shape[3] != Kernel.Shape[2])
            throw new ShapeMismatchException(
                $"{Who} was built for inputs [batch, height, width, {Kernel.Shape[2]}] (kernel {Kernel.Shape}), " +
                $"got {x.Shape} with {x.Shape[3]} channels.");
        var z = Tensor.Conv2D(x, Kernel, Strides, Padding, Who);   // [N, H, W, C] ⊛ [kh, kw, C, F] → [N, OH, OW, F]
        if (Bias is not null) z += Bias;                           // b: [F] broadcast over batch, rows and columns
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
