using Learn.Dnn.Devices;
using Learn.Dnn.Layers.Initializers;

namespace Learn.Dnn.Layers;

/// <summary>
/// Batch normalization (Ioffe and Szegedy, 2015), as Keras 3: each channel (the entries along
/// <see cref="Axis"/>) is normalized over every other axis, then scaled and shifted,
/// y = γ·(x − μ)/√(σ² + ε) + β, with γ [C] and β [C] trainable.
/// <list type="bullet">
/// <item>Training (Fit, <c>training: true</c>): μ and σ² are the batch's mean and <b>biased</b>
/// variance (÷ n, the count of entries per channel), and the forward pass moves the running
/// statistics: moving_mean ← momentum·moving_mean + (1 − momentum)·μ, the same for moving_variance.</item>
/// <item>Inference (Evaluate, Predict, a plain call), or a frozen layer (<see cref="Layer.Trainable"/>
/// false): μ and σ² are moving_mean and moving_variance, and nothing is updated.</item>
/// </list>
/// Weights, in Keras' order: gamma, beta (trainable), moving_mean, moving_variance (non-trainable,
/// never touched by the optimizer); 4C numbers, 2C of them non-trainable.
/// </summary>
[Chapter(9)]
public sealed class BatchNormalization : Layer
{
    private readonly Initializer betaInitializer;
    private readonly Initializer gammaInitializer;
    private readonly Initializer movingMeanInitializer;
    private readonly Initializer movingVarianceInitializer;
    private int channelAxis;   // Axis resolved against the built input's rank
    private int inputRank;

    /// <param name="axis">The channel axis (−1: the last, the features after Dense, the channels after Conv2D).</param>
    /// <param name="momentum">How much of the moving statistics each training batch keeps, in [0, 1].</param>
    /// <param name="epsilon">Added to the variance before the square root, so a constant channel does not divide by 0.</param>
    /// <param name="center">Whether to add β (false: no beta weight).</param>
    /// <param name="scale">Whether to multiply by γ (false: no gamma weight).</param>
    /// <param name="betaInitializer">β's initial value; zeros by default.</param>
    /// <param name="gammaInitializer">γ's initial value; ones by default.</param>
    /// <param name="movingMeanInitializer">moving_mean's initial value; zeros by default.</param>
    /// <param name="movingVarianceInitializer">moving_variance's initial value; ones by default.</param>
    /// <param name="name">The layer's name; "batch_normalization", "batch_normalization_1"... by default.</param>
    public BatchNormalization(int axis = -1, double momentum = 0.99, double epsilon = 1e-3, bool center = true, bool scale = true,
                              Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
                              Initializer? movingMeanInitializer = null, Initializer? movingVarianceInitializer = null,
                              string? name = null) : base(name)
    {
        if (!(momentum >= 0 && momentum <= 1))
            throw new ArgumentOutOfRangeException(nameof(momentum), $"BatchNormalization: momentum must be in [0, 1], got {momentum}.");
        if (!(epsilon >= 0 && double.IsFinite(epsilon)))
            throw new ArgumentOutOfRangeException(nameof(epsilon), $"BatchNormalization: epsilon must be a finite number ≥ 0, got {epsilon}.");
        Axis = axis;
        Momentum = momentum;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        this.betaInitializer = betaInitializer ?? new Constant(0f);
        this.gammaInitializer = gammaInitializer ?? new Constant(1f);
        this.movingMeanInitializer = movingMeanInitializer ?? new Constant(0f);
        this.movingVarianceInitializer = movingVarianceInitializer ?? new Constant(1f);
    }

    public int Axis { get; }
    public double Momentum { get; }
    public double Epsilon { get; }
    public bool Center { get; }
    public bool Scale { get; }
    public Initializer BetaInitializer => betaInitializer;
    public Initializer GammaInitializer => gammaInitializer;
    public Initializer MovingMeanInitializer => movingMeanInitializer;
    public Initializer MovingVarianceInitializer => movingVarianceInitializer;

    /// <summary>γ: [C], or null when <see cref="Scale"/> is false.</summary>
    public Tensor? Gamma { get; private set; }

    /// <summary>β: [C], or null when <see cref="Center"/> is false.</summary>
    public Tensor? Beta { get; private set; }

    /// <summary>The running mean: [C].</summary>
    public Tensor MovingMean { get; private set; } = null!;

    /// <summary>The running (biased) variance: [C].</summary>
    public Tensor MovingVariance { get; private set; } = null!;

    private IReadOnlyList<Tensor> ScaleAndShift => [.. Gamma is null ? [] : new[] { Gamma }, .. Beta is null ? [] : new[] { Beta }];

    /// <summary>γ and β; none when the layer is frozen (Keras 3: they move to the non-trainable weights).</summary>
    public override IReadOnlyList<Tensor> TrainableWeights => MovingMean is null || !Trainable ? [] : ScaleAndShift;

    /// <summary>moving_mean and moving_variance, preceded by γ and β when the layer is frozen.</summary>
    public override IReadOnlyList<Tensor> NonTrainableWeights =>
        MovingMean is null ? [] : Trainable ? [MovingMean, MovingVariance] : [.. ScaleAndShift, MovingMean, MovingVariance];

    protected override void Build(Shape inputShape)
    {
        inputRank = inputShape.Rank;
        channelAxis = Axis < 0 ? Axis + inputShape.Rank : Axis;
        if (channelAxis < 0 || channelAxis >= inputShape.Rank)
            throw new ShapeMismatchException(
                $"BatchNormalization '{Name}': axis {Axis} does not exist in an input of shape {inputShape} ({inputShape.Rank} axes).");
        int channels = inputShape[channelAxis];
        var shape = new Shape(channels);
        var rng = new Rng(0);   // Keras' BatchNormalization takes no seed; its default initializers are constants
        if (Scale)
        {
            Gamma = gammaInitializer.Create(shape, channels, channels, rng);
            Gamma.RequiresGrad = true;
        }
        if (Center)
        {
            Beta = betaInitializer.Create(shape, channels, channels, rng);
            Beta.RequiresGrad = true;
        }
        MovingMean = movingMeanInitializer.Create(shape, channels, channels, rng);
        MovingVariance = movingVarianceInitializer.Create(shape, channels, channels, rng);
    }

    /// <summary>
    /// x seen as [outer, C, inner] around the channel axis ([N, C, 1] after Dense, [N·H·W, C, 1] after
    /// Conv2D), so a channel's statistics are one sum over axes 0 and 2, and γ, β, μ, σ² broadcast as [1, C, 1].
    /// </summary>
    protected override Tensor Forward(Tensor x, bool training)
    {
        int channels = MovingMean.Shape[0];
        if (x.Rank != inputRank || x.Shape[channelAxis] != channels)
            throw new ShapeMismatchException(
                $"BatchNormalization '{Name}': expected an input of rank {inputRank} with {channels} entries on axis {Axis}, got {x.Shape}.");
        int outer = 1, inner = 1;
        for (int i = 0; i < channelAxis; i++) outer *= x.Shape[i];
        for (int i = channelAxis + 1; i < x.Rank; i++) inner *= x.Shape[i];
        var x3 = x.Reshape(outer, channels, inner);
        var gamma = Gamma is null ? null : Trainable ? Gamma : Gamma.Detach();   // a frozen γ, β get no gradient
        var beta = Beta is null ? null : Trainable ? Beta : Beta.Detach();
        var gamma3 = gamma?.Reshape(1, channels, 1);
        var beta3 = beta?.Reshape(1, channels, 1);
        Tensor y3;
        if (training && Trainable)
        {
            // The reference device computes the textbook composition; the others run the fused backward.
            var (y, mean, variance) = ReferenceEquals(x.Device, Device.Reference)
                ? NormalizeComposed(x3, gamma3, beta3, (float)Epsilon)
                : NormalizeFused(x3, gamma3, beta3, (float)Epsilon);
            UpdateMovingStatistics(mean, variance);
            y3 = y;
        }
        else
        {
            y3 = NormalizeWithMovingStatistics(x3, gamma3, beta3, channels);
        }
        return y3.Reshape(x.Shape.ToArray());
    }

    /// <summary>
    /// moving ← momentum·moving + (1 − momentum)·batch, for the mean and the biased variance, with no
    /// gradient: the moving statistics are assigned, never trained.
    /// </summary>
    private void UpdateMovingStatistics(Tensor batchMean, Tensor batchVariance)
    {
        using var _ = Tensor.NoGrad();
        float m = (float)Momentum;
        var mean = MovingMean * m + batchMean.Reshape(MovingMean.Shape[0]) * (1f - m);
        var variance = MovingVariance * m + batchVariance.Reshape(MovingVariance.Shape[0]) * (1f - m);
        MovingMean.Device.Copy(mean.Storage, MovingMean.Storage);
        MovingVariance.Device.Copy(variance.Storage, MovingVariance.Storage);
    }

    /// <summary>
    /// Inference: y = γ·(x − moving_mean)/√(moving_variance + ε) + β, composed of tensor operations;
    /// its backward is ∂L/∂x = γ·∂L/∂y/√(moving_variance + ε) (the statistics are constants).
    /// </summary>
    private Tensor NormalizeWithMovingStatistics(Tensor x3, Tensor? gamma3, Tensor? beta3, int channels)
    {
        var mean3 = MovingMean.Reshape(1, channels, 1);
        var inverse = 1f / (MovingVariance.Reshape(1, channels, 1) + (float)Epsilon).Sqrt();   // 1/√(σ̄² + ε): [1, C, 1]
        var y = (x3 - mean3) * (gamma3 is null ? inverse : gamma3 * inverse);
        return beta3 is null ? y : y + beta3;
    }

    /// <summary>
    /// Training mode, the textbook form: every step a tensor operation, so autograd derives the
    /// backward through μ and σ² by itself. x3: [outer, C, inner]; γ, β: [1, C, 1] or null.
    /// Returns y and the batch's μ and biased σ² ([1, C, 1], detached).
    /// </summary>
    internal static (Tensor Y, Tensor Mean, Tensor Variance) NormalizeComposed(Tensor x3, Tensor? gamma3, Tensor? beta3, float epsilon)
    {
        var channel = new Shape(1, x3.Shape[1], 1);
        float n = x3.Shape[0] * x3.Shape[2];                          // entries per channel
        var mean = x3.SumTo(channel) * (1f / n);                      // μ = Σ x / n
        var centered = x3 - mean;
        var variance = (centered * centered).SumTo(channel) * (1f / n);   // σ² = Σ (x − μ)² / n, biased
        var xHat = centered * (1f / (variance + epsilon).Sqrt());     // x̂ = (x − μ)/√(σ² + ε)
        var y = gamma3 is null ? xHat : gamma3 * xHat;
        if (beta3 is not null) y += beta3;
        return (y, mean.Detach(), variance.Detach());
    }

    /// <summary>
    /// Training mode with the backward derived by hand (per channel, n entries, s = 1/√(σ² + ε),
    /// x̂ = (x − μ)·s, g = ∂L/∂y):
    /// ∂L/∂β = Σ g,  ∂L/∂γ = Σ g·x̂,  ∂L/∂x = (γ·s/n)·(n·g − Σ g − x̂·Σ g·x̂),
    /// the gradient through μ and σ² included. Forward and backward are each a handful of broadcast
    /// zips and per-channel sums (the device's Binary and SumToShape): no graph of the intermediate steps.
    /// </summary>
    internal static (Tensor Y, Tensor Mean, Tensor Variance) NormalizeFused(Tensor x3, Tensor? gamma3, Tensor? beta3, float epsilon)
    {
        var channel = new Shape(1, x3.Shape[1], 1);
        float n = x3.Shape[0] * x3.Shape[2];
        Tensor mean, variance, s, xHat, y;
        using (Tensor.NoGrad())
        {
            var x = x3.Detach();
            mean = x.SumTo(channel) * (1f / n);
            var centered = x - mean;
            variance = (centered * centered).SumTo(channel) * (1f / n);
            s = 1f / (variance + epsilon).Sqrt();
            xHat = centered * s;
            y = gamma3 is null ? xHat : gamma3.Detach() * xHat;
            if (beta3 is not null) y += beta3.Detach();
        }
        Tensor[] inputs = [x3, .. gamma3 is null ? [] : new[] { gamma3 }, .. beta3 is null ? [] : new[] { beta3 }];
        y.WithGradient("batch_normalization", inputs, g =>
        {
            using var _ = Tensor.NoGrad();
            var sumG = g.SumTo(channel);                               // Σ g: [1, C, 1]
            var sumGxHat = (g * xHat).SumTo(channel);                  // Σ g·x̂
            beta3?.AccumulateGrad(sumG);
            gamma3?.AccumulateGrad(sumGxHat);
            var factor = (gamma3 is null ? s : gamma3.Detach() * s) * (1f / n);   // γ·s/n
            x3.AccumulateGrad(factor * (g * n - sumG - xHat * sumGxHat));
        });
        return (y, mean, variance);
    }
}
