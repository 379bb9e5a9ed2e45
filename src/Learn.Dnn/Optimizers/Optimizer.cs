using System.Text.Json.Nodes;
using Learn.Dnn.Optimizers.Schedules;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Optimizers;

/// <summary>
/// An optimizer turns the gradients a backward pass left on the weights into a step on the weights.
/// The model's training step is: forward, loss, <c>loss.Backward()</c>, <see cref="Apply"/>, then the
/// model zeroes the gradients.
/// <para>
/// <b>The contract for every optimizer</b> (SGD with momentum, Adam, RMSprop... are written on it):
/// </para>
/// <list type="number">
/// <item>Constructor: Keras 3's defaults and argument names (<c>learningRate</c>, <c>momentum</c>,
/// <c>beta1</c>...); <c>learningRate</c> is a <see cref="LearningRateSchedule"/>, to which a plain
/// number converts; clipping and weight decay are the base's init properties
/// (<c>new Adam { ClipNorm = 1f }</c>); Keras' string is declared on the class, <c>[KerasName("adam")]</c>,
/// so that <c>Compile("adam", ...)</c> finds it and <see cref="Name"/> gives it.</item>
/// <item><see cref="Build"/> runs once, on the first <see cref="Apply"/>, with the weights in the
/// model's fixed order: create each slot (momentum, m, v...) with <see cref="AddSlot"/>, on the weight's
/// device, so that slot i of weight j is always the same tensor.</item>
/// <item><see cref="Update"/> is the update rule of one weight, and nothing else: it reads the
/// gradient and writes the weight and its slots in place, on the weight's device, through device
/// primitives: one <see cref="Devices.IDevice.Update"/> with the optimizer's own
/// <see cref="Devices.UpdateRule"/>, defined in its file (C# step and OpenCL twin side by side), so
/// that it runs on every device in one pass. It must not keep the
/// gradient, which the model drops after the step, nor record a graph (it runs inside
/// <see cref="Tensor.NoGrad"/>).</item>
/// <item>The step number t of Keras' formulas is <see cref="Iterations"/> + 1 inside <see cref="Update"/>;
/// <see cref="Apply"/> increments <see cref="Iterations"/> after all weights are updated.</item>
/// <item>Order within a step, as Keras' base optimizer: clip the gradients (clipnorm, clipvalue or
/// global_clipnorm), then decoupled weight decay (w −= w·wd·lr), then <see cref="PrepareStep"/> once
/// (a state shared by all weights, like Nadam's product of momentum factors), then <see cref="Update"/>
/// for each weight. Clipping, weight decay and learning-rate schedules belong in <see cref="Apply"/>
/// and <see cref="CurrentLearningRate"/>, here, once for all optimizers; a rule never reimplements them.</item>
/// <item>A weight without a gradient (not used by this loss) is skipped, as Keras does.</item>
/// </list>
/// </summary>
[Chapter(5)]
[KerasModule("keras.optimizers")]
public abstract class Optimizer : IConfigurable
{
    private readonly List<Tensor> slots = [];
    private LearningRateSchedule learningRate;
    private double? clipNorm, clipValue, globalClipNorm;   // as given: a double literal (1.0) or a float (1f); used as float32

    /// <param name="learningRate">η: a number, or a <see cref="LearningRateSchedule"/> evaluated at every step</param>
    protected Optimizer(LearningRateSchedule learningRate)
    {
        ArgumentNullException.ThrowIfNull(learningRate);
        this.learningRate = learningRate;
    }

    /// <summary>Keras' name: "sgd", "adam"... (declared on the class).</summary>
    public virtual string Name => KerasRegistry.NameOf(GetType());

    /// <summary>ε, added to a denominator so that it is never 0: Keras' backend epsilon 1e-7 unless set.</summary>
    public const float DefaultEpsilon = 1e-7f;

    #region learning-rate
    /// <summary>
    /// η of the next step. With a number, callbacks (ReduceLROnPlateau, LearningRateScheduler) may
    /// change it between steps; with a schedule it is the schedule's value at <see cref="Iterations"/>
    /// and cannot be set, as in Keras.
    /// </summary>
    public float LearningRate
    {
        get => learningRate[Iterations];
        set
        {
            if (learningRate is not ConstantLearningRate)
                throw new InvalidOperationException($"{GetType().Name}: the learning rate is the schedule {learningRate.GetType().Name}, so it cannot be set; create the optimizer with a number to set it.");
            learningRate = value;
        }
    }

    /// <summary>The schedule behind <see cref="LearningRate"/> (a constant one for a plain number).</summary>
    public LearningRateSchedule Schedule => learningRate;

    /// <summary>The learning rate of the step about to be taken: the schedule at <see cref="Iterations"/>.</summary>
    protected virtual float CurrentLearningRate => learningRate[Iterations];
    #endregion

    #region options
    /// <summary>Keras' <c>clipnorm</c>: each gradient g is rescaled to g·c/max(‖g‖, c), so its norm is at most c.</summary>
    [KerasName("clipnorm")]
    public double? ClipNorm { get => clipNorm; init => clipNorm = OnlyClipping(nameof(ClipNorm), value); }

    /// <summary>Keras' <c>clipvalue</c>: each element of each gradient is clipped to [−v, v].</summary>
    [KerasName("clipvalue")]
    public double? ClipValue { get => clipValue; init => clipValue = OnlyClipping(nameof(ClipValue), value); }

    /// <summary>
    /// Keras' <c>global_clipnorm</c>: all gradients are rescaled together by c/max(‖G‖, c), where ‖G‖ is the
    /// norm of all of them as one vector (NaN when ‖G‖ is not finite, so a bad step is visible).
    /// </summary>
    [KerasName("global_clipnorm")]
    public double? GlobalClipNorm { get => globalClipNorm; init => globalClipNorm = OnlyClipping(nameof(GlobalClipNorm), value); }

    /// <summary>Keras' <c>weight_decay</c>, decoupled (Loshchilov &amp; Hutter): w −= w·wd·η before each update.</summary>
    [KerasName("weight_decay")]
    public double? WeightDecay { get; init; }

    /// <summary>Keras allows one kind of clipping: a second one is an error, at construction.</summary>
    private double? OnlyClipping(string name, double? value)
    {
        var set = new[] { (nameof(ClipNorm), clipNorm), (nameof(ClipValue), clipValue), (nameof(GlobalClipNorm), globalClipNorm) }
            .Where(c => c.Item2 is not null && c.Item1 != name).Select(c => $"{c.Item1} = {c.Item2}").ToList();
        if (value is not null && set.Count > 0)
            throw new ArgumentException($"{GetType().Name}: set only one of ClipNorm, ClipValue and GlobalClipNorm (Keras' clipnorm, clipvalue, global_clipnorm); got {set[0]} and {name} = {value}.", name);
        if (value is not null && !(value > 0))
            throw new ArgumentOutOfRangeException(name, $"{GetType().Name}: {name} must be > 0, got {value}.");
        return value;
    }
    #endregion

    /// <summary>How many steps <see cref="Apply"/> has taken (Keras' <c>optimizer.iterations</c>).</summary>
    public long Iterations { get; private set; }

    /// <summary>Whether <see cref="Build"/> has run (the slots exist).</summary>
    public bool Built { get; private set; }

    /// <summary>The slot tensors created by <see cref="AddSlot"/>, in creation order, which is Keras' (a summary counts them).</summary>
    public IReadOnlyList<Tensor> Slots => slots;

    /// <summary>
    /// Keras' <c>optimizer.variables</c>, in Keras' order: the iteration count, the learning rate when
    /// it is a number (a schedule has no variable), the slots in the order <see cref="Build"/> creates
    /// them (Adam: m and v of each weight in turn), then the optimizer's own state
    /// (<see cref="StateVariables"/>). The slots are the live tensors; the iteration count and the
    /// learning rate are float32 copies (the count is exact up to 2²⁴ steps).
    /// </summary>
    [Chapter(9)]
    public IReadOnlyList<Tensor> Variables =>
    [
        Tensor.Scalar(Iterations),
        .. learningRate is ConstantLearningRate constant ? [Tensor.Scalar(constant.Value)] : Array.Empty<Tensor>(),
        .. slots,
        .. Built ? StateVariables : [],
    ];

    /// <summary>State of the optimizer's own, after the slots in <see cref="Variables"/> (Nadam's product of momentum factors); none by default.</summary>
    [Chapter(9)]
    protected virtual IReadOnlyList<Tensor> StateVariables => [];

    #region apply
    /// <summary>
    /// One optimisation step: every weight w in <paramref name="weights"/> that has a gradient
    /// w.Grad is moved by the update rule. The gradients are left in place; the caller zeroes them.
    /// </summary>
    public void Apply(IReadOnlyList<Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (!Built)
        {
            using (Devices.StorageScope.Suspend()) Build(weights);   // slots outlive any training step's scope
            Built = true;
        }
        float learningRate = CurrentLearningRate;
        using (Tensor.NoGrad())
        {
            var indices = new List<int>();
            var gradients = new List<Tensor>();
            for (int i = 0; i < weights.Count; i++)
            {
                if (weights[i].Grad is not { } gradient) continue;   // not used by this loss: skipped, as in Keras
                indices.Add(i);
                gradients.Add(gradient);
            }
            Clip(gradients);
            if (WeightDecay is double decay && decay != 0)
                foreach (int i in indices)
                    weights[i].Device.Axpy(-(float)decay * learningRate, weights[i].Storage, weights[i].Storage);   // w −= w·wd·η
            PrepareStep(learningRate);
            for (int k = 0; k < indices.Count; k++)
                Update(indices[k], weights[indices[k]], gradients[k], learningRate);
        }
        Iterations++;
    }

    /// <summary>Replaces each gradient by its clipped copy (the weights' own gradients are not changed).</summary>
    private void Clip(List<Tensor> gradients)
    {
        if (ClipNorm is double clipNorm)
        {
            float c = (float)clipNorm;
            for (int k = 0; k < gradients.Count; k++)
            {
                var g = gradients[k];
                float norm = MathF.Sqrt(SumOfSquares(g));                 // ‖g‖ (NaN stays NaN)
                gradients[k] = g * c / MathF.Max(norm, c);                // g·c/max(‖g‖, c): unchanged when ‖g‖ ≤ c
            }
        }
        else if (GlobalClipNorm is double globalClipNorm)
        {
            float global = (float)globalClipNorm;
            float sum = 0f;
            foreach (var g in gradients) sum += SumOfSquares(g);
            float norm = MathF.Sqrt(sum);                                 // ‖G‖ over every gradient as one vector
            float scale = global * MathF.Min(1f / norm, 1f / global) + (norm - norm);   // c/max(‖G‖, c); + (n − n) makes it NaN for n = ∞
            for (int k = 0; k < gradients.Count; k++) gradients[k] = gradients[k] * scale;
        }
        else if (ClipValue is double clipValue)
        {
            float v = (float)clipValue;
            for (int k = 0; k < gradients.Count; k++) gradients[k] = gradients[k].Clip(-v, v);
        }
    }

    private static float SumOfSquares(Tensor g) => g.Square().Sum().Item();
    #endregion

    /// <summary>Creates the slots for <paramref name="weights"/> (none for plain SGD).</summary>
    protected virtual void Build(IReadOnlyList<Tensor> weights) { }

    /// <summary>
    /// Runs once per step, after clipping and weight decay and before the first <see cref="Update"/>,
    /// for state shared by all weights (Keras' <c>_backend_update_step</c>); nothing by default.
    /// </summary>
    protected virtual void PrepareStep(float learningRate) { }

    /// <summary>A slot shaped like <paramref name="weight"/> and filled with <paramref name="initialValue"/>, on its device (a momentum, Adam's m or v).</summary>
    protected Tensor AddSlot(Tensor weight, float initialValue = 0f)
    {
        var slot = initialValue == 0f ? weight.ZerosLike() : Tensor.Full(weight.Shape, initialValue, weight.Device);
        slots.Add(slot);
        return slot;
    }

    /// <summary>One slot per weight, for every weight (<see cref="AddSlot"/>), in the weights' order.</summary>
    protected Tensor[] AddSlots(IReadOnlyList<Tensor> weights, float initialValue = 0f) =>
        weights.Select(w => AddSlot(w, initialValue)).ToArray();

    /// <summary>
    /// Two slots per weight, created weight by weight (first and second of weight 0, then of weight 1...),
    /// as Keras' <c>add_optimizer_variables(var_list, ["momentum", "velocity"])</c> orders them.
    /// </summary>
    protected (Tensor[] First, Tensor[] Second) AddSlotPairs(IReadOnlyList<Tensor> weights)
    {
        var first = new Tensor[weights.Count];
        var second = new Tensor[weights.Count];
        for (int i = 0; i < weights.Count; i++) (first[i], second[i]) = (AddSlot(weights[i]), AddSlot(weights[i]));
        return (first, second);
    }

    /// <summary>The update rule for weight number <paramref name="index"/>, in place.</summary>
    protected abstract void Update(int index, Tensor weight, Tensor gradient, float learningRate);

    /// <summary>Keras' step number t = <see cref="Iterations"/> + 1, for bias corrections.</summary>
    protected long LocalStep => Iterations + 1;

    #region get
    /// <summary>The optimizer Keras calls <paramref name="name"/>, with Keras' defaults: <c>Optimizer.Get("sgd")</c>.</summary>
    public static Optimizer Get(string name) => KerasRegistry.Get<Optimizer>(name);

    /// <summary><c>model.Compile("sgd", ...)</c>: a Keras string stands for the optimizer.</summary>
    public static implicit operator Optimizer(string name) => Get(name);
    #endregion

    // Config (Serialization/KerasConfig.cs).
    /// <summary>Keras' get_config(): the constructor's arguments and the clipping and weight-decay options (<see cref="KerasConfig"/>).</summary>
    [Chapter(9)]
    public virtual JsonObject GetConfig() => KerasConfig.Of(this);

    /// <summary>Keras writes a constant learning rate as its number, a schedule as its config.</summary>
    [KerasName("learning_rate")]
    private object LearningRateConfig => learningRate is ConstantLearningRate constant ? (object)constant.Value : learningRate;

    public override string ToString() => $"{Name} (learning rate {learningRate})";
}
