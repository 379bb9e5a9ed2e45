namespace Learn.Dnn.Devices;

/// <summary>
/// An optimizer's update rule, written once for every device: one pass over a weight w, its
/// gradient g and the rule's slots (a momentum, Adam's m and v...), element by element, with a few
/// float hyper-parameters that are the same for every element (a learning rate, β1, ε...).
/// The file that defines an optimizer (Optimizers/*.cs) creates one of these beside its math:
/// <list type="bullet">
/// <item><see cref="Step"/> is the C# formula for one element: the reference device runs it;</item>
/// <item><see cref="OpenCl"/> is the same step as OpenCL C statements over the variables
///   <c>w</c>, <c>g</c>, the slot names and the hyper-parameter names; the OpenCL device generates
///   one kernel per rule from it, which reads every variable, runs the statements and writes w and
///   the slots back;</item>
/// <item><see cref="Vectorized"/>, when given, is the same step over whole spans (SIMD): the fast CPU
///   device runs it on chunks of the tensor in parallel.</item>
/// </list>
/// A rule has at most <see cref="MaxSlots"/> slots; <see cref="Step"/> gets a dummy for the unused ones.
/// </summary>
[Chapter(5)]
public sealed class UpdateRule
{
    /// <summary>The most slots a rule may have (AMSGrad's m, v and v̂; centered RMSprop with momentum).</summary>
    public const int MaxSlots = 3;

    /// <summary>One element: w, s0, s1, s2 are read and written in place; h holds the hyper-parameters in the order of <see cref="Hyper"/>.</summary>
    [Chapter(5)]
    public delegate void ElementStep(ref float w, float g, ref float s0, ref float s1, ref float s2, ReadOnlySpan<float> h);

    /// <summary>The same step over spans of equal length (unused slots are empty spans).</summary>
    [Chapter(10)]
    public delegate void SpanStep(Span<float> w, ReadOnlySpan<float> g, Span<float> s0, Span<float> s1, Span<float> s2, ReadOnlySpan<float> h);

    /// <param name="name">a C identifier ("adam"): the name in messages and of the kernel</param>
    /// <param name="slots">the slots' names in OpenCL C ("m", "v"), in the order the optimizer passes them</param>
    /// <param name="hyper">the hyper-parameters' names in OpenCL C ("alpha", "beta1"...), in the order the optimizer passes them</param>
    /// <param name="step">the C# step for one element</param>
    /// <param name="openCl">the same step as OpenCL C statements that assign <c>w</c> and the slots</param>
    /// <param name="vectorized">optional: the step over spans, with SIMD</param>
    public UpdateRule(string name, string[] slots, string[] hyper, ElementStep step, string openCl, SpanStep? vectorized = null)
    {
        if (!UnaryFunction.IsIdentifier(name)) throw new ArgumentException($"UpdateRule: the name must be a C identifier (letters, digits, _), got \"{name}\".");
        if (slots.Length > MaxSlots) throw new ArgumentException($"UpdateRule {name}: at most {MaxSlots} slots, got {slots.Length} ({string.Join(", ", slots)}).");
        foreach (var variable in slots.Concat(hyper))
            if (!UnaryFunction.IsIdentifier(variable) || variable is "w" or "g" or "i" or "length")
                throw new ArgumentException($"UpdateRule {name}: \"{variable}\" cannot name a slot or hyper-parameter (a C identifier other than w, g, i, length).");
        Name = name;
        Slots = slots;
        Hyper = hyper;
        Step = step;
        OpenCl = openCl;
        Vectorized = vectorized;
    }

    public string Name { get; }
    public IReadOnlyList<string> Slots { get; }
    public IReadOnlyList<string> Hyper { get; }
    public ElementStep Step { get; }
    public string OpenCl { get; }
    public SpanStep? Vectorized { get; }

    /// <summary>Checks what a device was given against what the rule declares: the counts, and every length equal to the weight's.</summary>
    public void Require(IDevice device, Storage weight, Storage gradient, ReadOnlySpan<Storage> slots, ReadOnlySpan<float> hyper)
    {
        if (slots.Length != Slots.Count)
            throw new ArgumentException($"{device.Name} Update {Name}: the rule has {Slots.Count} slots ({string.Join(", ", Slots)}), {slots.Length} were passed.");
        if (hyper.Length != Hyper.Count)
            throw new ArgumentException($"{device.Name} Update {Name}: the rule has {Hyper.Count} hyper-parameters ({string.Join(", ", Hyper)}), {hyper.Length} were passed.");
        if (gradient.Length != weight.Length)
            throw new ArgumentException($"{device.Name} Update {Name}: the weight has {weight.Length} numbers, the gradient {gradient.Length}.");
        for (int s = 0; s < slots.Length; s++)
            if (slots[s].Length != weight.Length)
                throw new ArgumentException($"{device.Name} Update {Name}: the weight has {weight.Length} numbers, slot {Slots[s]} {slots[s].Length}.");
    }

    public override string ToString() => Name;
}
