namespace Learn.Dnn.Merging;

/// <summary>
/// Keras' <c>Add</c>: the elementwise sum of a list of tensors, y = x₀ + x₁ + … (broadcast as in
/// <see cref="Merge"/>). Backward: each input receives ∂L/∂y (summed over the axes it was broadcast along).
/// </summary>
[Chapter(9)]
public sealed class Add(string? name = null) : Merge(name)
{
    protected override Tensor Combine(IReadOnlyList<Tensor> inputs) => Sum(inputs);
}
