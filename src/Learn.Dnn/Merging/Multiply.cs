namespace Learn.Dnn.Merging;

/// <summary>
/// Keras' <c>Multiply</c>: the elementwise product of a list of tensors, y = x₀ ⊙ x₁ ⊙ … (broadcast
/// as in <see cref="Merge"/>). Backward: ∂L/∂xᵢ = ∂L/∂y ⊙ (the product of the other inputs).
/// </summary>
[Chapter(9)]
public sealed class Multiply(string? name = null) : Merge(name)
{
    protected override Tensor Combine(IReadOnlyList<Tensor> inputs)
    {
        var product = inputs[0];
        for (int i = 1; i < inputs.Count; i++) product *= inputs[i];
        return product;
    }
}
