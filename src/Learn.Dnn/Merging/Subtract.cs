namespace Learn.Dnn.Merging;

/// <summary>
/// Keras' <c>Subtract</c>: exactly two tensors, y = x₀ − x₁ (broadcast as in <see cref="Merge"/>).
/// Backward: ∂L/∂x₀ = ∂L/∂y, ∂L/∂x₁ = −∂L/∂y.
/// </summary>
[Chapter(9)]
public sealed class Subtract(string? name = null) : Merge(name)
{
    protected override IReadOnlyList<Tensor> Forward(IReadOnlyList<Tensor> inputs, bool training)
    {
        if (inputs.Count != 2)
            throw new ArgumentException(
                $"Subtract '{Name}' takes exactly 2 inputs, got {inputs.Count} ({string.Join(", ", inputs.Select(x => x.Shape))}).", nameof(inputs));
        return base.Forward(inputs, training);
    }

    protected override Tensor Combine(IReadOnlyList<Tensor> inputs) => inputs[0] - inputs[1];
}
