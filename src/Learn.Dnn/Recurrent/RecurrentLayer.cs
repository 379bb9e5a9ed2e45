using Learn.Dnn.Layers;
using Learn.Dnn.Layers.Initializers;

namespace Learn.Dnn.Recurrent;

/// <summary>
/// What SimpleRNN, GRU and LSTM share: a cell applied at every time step of an input
/// [batch, timesteps, features], carrying a state [batch, units] from each step to the next.
/// Keras' weights: kernel W: [features, gates·units] (applied to x_t), recurrent kernel
/// U: [units, gates·units] (applied to h_{t−1}), and a bias.
/// <para>
/// The forward pass unrolls the loop: T copies of the cell, each step's state an input of the next.
/// The loop is made only of differentiable tensor operations (MatMul, +, ⊙, σ, tanh, slices), so
/// <c>loss.Backward()</c> over the unrolled graph <em>is</em> backpropagation through time: the
/// chain rule from the last step back to the first, with each weight's gradient summed over the
/// steps that used it. It runs on every device.
/// </para>
/// <para>
/// Outputs, as Keras: the last h [batch, units], or every h [batch, timesteps, units] with
/// <c>returnSequences</c> (what a recurrent layer stacked on top needs). A layer created with
/// <c>returnState: true</c> returns a list, Keras' <c>output, *states = layer(x)</c>: called on a list,
/// <c>layer.Call([x])</c> gives [output, h] ([output, h, c] for LSTM), and <c>layer.Call([x, h₀, c₀])</c>
/// starts from given states (Keras' initial_state). <see cref="CallWithState"/> gives the same as a
/// record, with every step's h, whatever returnState says.
/// </para>
/// </summary>
[Chapter(8)]
public abstract class RecurrentLayer : Layer
{
    private readonly Initializer kernelInitializer;
    private readonly Initializer recurrentInitializer;
    private readonly Rng rng;

    protected RecurrentLayer(int units, bool returnSequences, bool returnState,
                             Initializer? kernelInitializer, Initializer? recurrentInitializer,
                             ulong? seed, string? name) : base(name)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), $"{GetType().Name}: units must be positive, got {units}.");
        Units = units;
        ReturnSequences = returnSequences;
        ReturnState = returnState;
        this.kernelInitializer = kernelInitializer ?? new GlorotUniform();
        this.recurrentInitializer = recurrentInitializer ?? new Orthogonal();
        rng = new Rng(seed ?? (ulong)Index);   // unseeded layers differ by their creation order
    }

    /// <summary>The size of the hidden state h (and of LSTM's cell c).</summary>
    public int Units { get; }

    /// <summary>Output every h_t ([batch, timesteps, units]) instead of the last one ([batch, units]).</summary>
    public bool ReturnSequences { get; }

    /// <summary>As Keras' return_state: the layer returns its final states after its output, [output, h] or [output, h, c].</summary>
    public bool ReturnState { get; }

    /// <summary>How many blocks of <see cref="Units"/> columns the kernels have: 1 (SimpleRNN), 3 (GRU: z, r, h), 4 (LSTM: i, f, c, o).</summary>
    protected abstract int Gates { get; }

    /// <summary>The names of the states, in Keras' order: ["h"], or ["h", "c"] for LSTM.</summary>
    protected virtual string[] StateNames => ["h"];

    /// <summary>W: [features, gates·units].</summary>
    public Tensor Kernel { get; private set; } = null!;

    /// <summary>U: [units, gates·units].</summary>
    public Tensor RecurrentKernel { get; private set; } = null!;

    /// <summary>b: [gates·units] (GRU: [2, 3·units]).</summary>
    public Tensor Bias { get; private set; } = null!;

    /// <summary>Keras' order: kernel, recurrent_kernel, bias.</summary>
    public override IReadOnlyList<Tensor> TrainableWeights => Built ? [Kernel, RecurrentKernel, Bias] : [];

    /// <summary>
    /// Run the whole sequence as one fused operation (chapter 10's fast path, <see cref="FusedLstm"/>,
    /// <see cref="FusedGru"/>) when the cell has one: LSTM and GRU with their default activations,
    /// called plainly (<see cref="CallWithState"/> always unrolls the composed cell, whose every h_t is
    /// a node of the graph, as does a call with initial states or returnState). The numbers are the composed cell's, up to rounding. False: always unroll
    /// the composed <see cref="Step"/>, as chapter 8 shows it.
    /// </summary>
    public bool FusedCell { get; set; } = true;

    /// <summary>
    /// Every h_t, [batch, steps·units], for the input x: [batch, steps, features], by the cell's fused
    /// operation, or null where it has none (then the composed Step runs).
    /// </summary>
    protected virtual Tensor? FusedSequence(Tensor x) => null;

    /// <summary>x_t·W for every step in one product, [batch·T, features]·[features, gates·units], seen as [batch, T·gates·units] (no bias).</summary>
    protected Tensor InputProjections(Tensor x) =>
        x.Reshape(x.Shape[0] * x.Shape[1], x.Shape[2]).MatMul(Kernel).Reshape(x.Shape[0], x.Shape[1] * Gates * Units);

    /// <summary>The number of features per time step the layer was built for.</summary>
    public int Features => Kernel.Shape[0];

    protected override void Build(Shape inputShape)
    {
        RequireSequence(inputShape);
        int features = inputShape[2], width = Gates * Units;
        Kernel = kernelInitializer.Create(new Shape(features, width), features, width, rng);
        RecurrentKernel = recurrentInitializer.Create(new Shape(Units, width), Units, width, rng);
        Bias = CreateBias(rng);
        Kernel.RequiresGrad = RecurrentKernel.RequiresGrad = Bias.RequiresGrad = true;
    }

    /// <summary>The bias, initialised (zeros; LSTM's unit forget bias; GRU's two rows).</summary>
    protected abstract Tensor CreateBias(Rng rng);

    /// <summary>The part of the bias added to x_t·W: all of it, except for GRU (its first row).</summary>
    protected virtual Tensor InputBias => Bias;

    /// <summary>
    /// One step of the cell: the new states from <paramref name="projection"/> = x_t·W + b
    /// ([batch, gates·units], computed for all steps at once) and the previous <paramref name="states"/>.
    /// The new h comes first.
    /// </summary>
    protected abstract Tensor[] Step(Tensor projection, Tensor[] states);

    /// <summary>
    /// The plain call: the output alone, by the fused cell when there is one. A layer that returns its
    /// states cannot give one tensor, so it must be called on a list or with <see cref="CallWithState"/>.
    /// </summary>
    protected override Tensor Forward(Tensor x, bool training)
    {
        RequireSequence(x.Shape);
        if (ReturnState)
            throw new InvalidOperationException(
                $"{GetType().Name} '{Name}' was created with returnState: true, so it returns its final states beside its output; " +
                "call it on a list (var outputs = layer.Call([x]): the output, then the states) or with CallWithState " +
                "(var (output, states) = layer.CallWithState(x)), or create it without returnState to use it in a Sequential.");
        int batch = x.Shape[0], steps = x.Shape[1];
        if (FusedCell && FusedSequence(x) is { } fused)   // every h_t: [batch, T·units]
            return ReturnSequences ? fused.Reshape(batch, steps, Units) : fused.Slice((steps - 1) * Units, Units);
        return Unroll(x, initialState: null).Output;
    }

    /// <summary>
    /// The list call: inputs [x] or [x, h₀] ([x, h₀, c₀] for LSTM; Keras' initial_state); outputs
    /// [output], or with <see cref="ReturnState"/> [output, h] ([output, h, c]), the final states each [batch, units].
    /// </summary>
    protected override IReadOnlyList<Tensor> Forward(IReadOnlyList<Tensor> inputs, bool training)
    {
        IReadOnlyList<Tensor>? initialState = inputs.Count > 1 ? inputs.Skip(1).ToList() : null;
        if (!ReturnState && initialState is null) return [Forward(inputs[0], training)];
        var result = Unroll(inputs[0], initialState);
        return ReturnState ? [result.Output, .. result.States] : [result.Output];
    }

    #region forward
    /// <summary>
    /// The composed cell, unrolled over x: [batch, steps, features] from <paramref name="initialState"/>
    /// (zeros when null): the output, the final states and every step's h.
    /// </summary>
    private RecurrentResult Unroll(Tensor x, IReadOnlyList<Tensor>? initialState)
    {
        RequireSequence(x.Shape);
        int batch = x.Shape[0], steps = x.Shape[1], features = x.Shape[2], width = Gates * Units;

        // x_t·W + b for every step in one product: [batch·T, features]·[features, gates·units], seen as [batch, T·gates·units]
        var projections = (x.Reshape(batch * steps, features).MatMul(Kernel) + InputBias).Reshape(batch, steps * width);

        var states = InitialStates(batch, x.Device, initialState);
        var hidden = new Tensor[steps];
        for (int t = 0; t < steps; t++)
        {
            states = Step(projections.Slice(t * width, width), states);   // the cell, unrolled: step t feeds step t + 1
            hidden[t] = states[0];
        }
        var output = ReturnSequences
            ? Tensor.Concatenate(hidden).Reshape(batch, steps, Units)   // [batch, T·units] → [batch, T, units]
            : hidden[^1];
        return new RecurrentResult(output, states, hidden);
    }
    #endregion

    #region call-with-state
    /// <summary>
    /// Runs the layer as a list call with returnState does, whatever <see cref="ReturnState"/> says:
    /// the output, the final states (Keras' return_state) and every step's h;
    /// <paramref name="initialState"/> (Keras' initial_state, each [batch, units], h first) replaces
    /// the zeros the sequence otherwise starts from: an encoder's final states starting a decoder.
    /// The call is recorded as one node, inputs [x, initial states...], outputs [output, states...].
    /// </summary>
    public RecurrentResult CallWithState(Tensor input, IReadOnlyList<Tensor>? initialState = null, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        IReadOnlyList<Tensor> hidden = [];   // every step's h: not an output of the node (Keras returns the final states only)
        var outputs = Call([input, .. initialState ?? []], inputs =>
        {
            var result = Unroll(inputs[0], initialState);
            hidden = result.HiddenStates;
            return [result.Output, .. result.States];
        });
        return new RecurrentResult(outputs[0], outputs.Skip(1).ToList(), hidden);
    }
    #endregion

    private Tensor[] InitialStates(int batch, Devices.IDevice device, IReadOnlyList<Tensor>? given)
    {
        var names = StateNames;
        if (given is null)
            return names.Select(_ => Tensor.Zeros(new Shape(batch, Units), device)).ToArray();
        if (given.Count != names.Length)
            throw new ArgumentException(
                $"{GetType().Name} '{Name}': expected {names.Length} initial state{(names.Length > 1 ? "s" : "")} ({string.Join(", ", names)}), got {given.Count}.");
        for (int i = 0; i < names.Length; i++)
            if (given[i].Shape != new Shape(batch, Units))
                throw new ShapeMismatchException(
                    $"{GetType().Name} '{Name}': initial state {names[i]} must be [batch, units] = [{batch}, {Units}], got {given[i].Shape}.");
        return [.. given];
    }

    /// <summary>Throws unless the shape is [batch, timesteps, features] with the features the layer was built for.</summary>
    private void RequireSequence(Shape shape)
    {
        string expected = Built ? $"[batch, timesteps, {Features}]" : "[batch, timesteps, features]";
        if (shape.Rank != 3)
            throw new ShapeMismatchException(
                $"{GetType().Name} '{Name}': expected input {expected}, got {shape} (rank {shape.Rank}); " +
                "a recurrent layer reads a sequence of feature vectors: for MNIST rows, [batch, 28, 28].");
        if (shape[1] == 0)
            throw new ShapeMismatchException($"{GetType().Name} '{Name}': expected at least one time step, got input {shape}.");
        if (Built && shape[2] != Features)
            throw new ShapeMismatchException(
                $"{GetType().Name} '{Name}': expected input {expected}, got {shape}: the layer was built for {Features} features per step, this input has {shape[2]}.");
    }

    // Config: what GetConfig reads back (Serialization/KerasConfig.cs).
    /// <summary>W's initializer (Glorot uniform unless given).</summary>
    public Initializer KernelInitializer => kernelInitializer;

    /// <summary>U's initializer (orthogonal unless given).</summary>
    public Initializer RecurrentInitializer => recurrentInitializer;

    /// <summary>The seed of the initial weights (the layer's creation index unless given).</summary>
    public ulong Seed => rng.Seed;
}
