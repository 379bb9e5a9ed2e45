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
/// <c>beta1</c>...); <see cref="Name"/> is Keras' string; register the string in <see cref="Get"/>'s
/// table so <c>Compile("adam", ...)</c> finds it.</item>
/// <item><see cref="Build"/> runs once, on the first <see cref="Apply"/>, with the weights in the
/// model's fixed order: create each slot (momentum, m, v...) with <see cref="AddSlot"/>, on the weight's
/// device, so that slot i of weight j is always the same tensor.</item>
/// <item><see cref="Update"/> is the update rule of one weight, and nothing else: it reads the
/// gradient and writes the weight and its slots in place, on the weight's device, through device
/// primitives (one fused primitive per rule, so that it runs on OpenCL too). It must not keep the
/// gradient, which the model drops after the step, nor record a graph (it runs inside
/// <see cref="Tensor.NoGrad"/>).</item>
/// <item>The step number t of Keras' formulas is <see cref="Iterations"/> + 1 inside <see cref="Update"/>;
/// <see cref="Apply"/> increments <see cref="Iterations"/> after all weights are updated.</item>
/// <item>Order within a step, as Keras' base optimizer: clip the gradients (clipnorm, clipvalue or
/// global_clipnorm), then decoupled weight decay (w −= w·wd·lr), then <see cref="Update"/>. Clipping,
/// weight decay and learning-rate schedules belong in <see cref="Apply"/> and
/// <see cref="CurrentLearningRate"/>, here, once for all optimizers; a rule never reimplements them.</item>
/// <item>A weight without a gradient (not used by this loss) is skipped, as Keras does.</item>
/// </list>
/// </summary>
[Chapter(5)]
public abstract class Optimizer
{
    private readonly List<Tensor> variables = [];

    protected Optimizer(float learningRate)
    {
        if (!(learningRate >= 0f) || float.IsInfinity(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), $"{GetType().Name}: learning rate must be a finite number ≥ 0, got {learningRate}.");
        LearningRate = learningRate;
    }

    /// <summary>Keras' name: "sgd", "adam"...</summary>
    public abstract string Name { get; }

    /// <summary>η, the step size. Callbacks (ReduceLROnPlateau, LearningRateScheduler) may change it between steps.</summary>
    public float LearningRate { get; set; }

    /// <summary>How many steps <see cref="Apply"/> has taken (Keras' <c>optimizer.iterations</c>).</summary>
    public long Iterations { get; private set; }

    /// <summary>Whether <see cref="Build"/> has run (the slots exist).</summary>
    public bool Built { get; private set; }

    /// <summary>The slot tensors created by <see cref="AddSlot"/>, in creation order (a summary counts them).</summary>
    public IReadOnlyList<Tensor> Variables => variables;

    /// <summary>The learning rate of the step about to be taken (a schedule will make it depend on <see cref="Iterations"/>).</summary>
    protected virtual float CurrentLearningRate => LearningRate;

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
            for (int i = 0; i < weights.Count; i++)
            {
                var gradient = weights[i].Grad;
                if (gradient is null) continue;
                Update(i, weights[i], gradient, learningRate);
            }
        }
        Iterations++;
    }
    #endregion

    /// <summary>Creates the slots for <paramref name="weights"/> (none for plain SGD).</summary>
    protected virtual void Build(IReadOnlyList<Tensor> weights) { }

    /// <summary>A zero-filled slot shaped like <paramref name="weight"/>, on its device (a momentum, Adam's m or v).</summary>
    protected Tensor AddSlot(Tensor weight, float initialValue = 0f)
    {
        var slot = initialValue == 0f ? weight.ZerosLike() : Tensor.Full(weight.Shape, initialValue, weight.Device);
        variables.Add(slot);
        return slot;
    }

    /// <summary>The update rule for weight number <paramref name="index"/>, in place.</summary>
    protected abstract void Update(int index, Tensor weight, Tensor gradient, float learningRate);

    #region registry
    private static readonly Dictionary<string, Func<Optimizer>> registry = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sgd"] = () => new SGD(),
    };

    /// <summary>The optimizer Keras calls <paramref name="name"/>, with Keras' defaults: <c>Optimizer.Get("sgd")</c>.</summary>
    public static Optimizer Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (registry)
        {
            if (registry.TryGetValue(name.Trim(), out var create)) return create();
            throw new ArgumentException(
                $"Optimizer: unknown name \"{name}\"; expected one of {string.Join(", ", registry.Keys.Order())}.", nameof(name));
        }
    }

    /// <summary>Adds <paramref name="name"/> to the table <see cref="Get"/> reads (an optimizer's own file registers it).</summary>
    public static void Register(string name, Func<Optimizer> create)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(create);
        lock (registry) registry[name] = create;
    }

    /// <summary><c>model.Compile("sgd", ...)</c>: a Keras string stands for the optimizer.</summary>
    public static implicit operator Optimizer(string name) => Get(name);
    #endregion

    public override string ToString() => $"{Name} (learning rate {LearningRate})";
}
