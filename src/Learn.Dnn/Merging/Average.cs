namespace Learn.Dnn.Merging;

/// <summary>
/// Keras' <c>Average</c>: the elementwise mean of n tensors, y = (x₀ + x₁ + … + xₙ₋₁)/n (broadcast
/// as in <see cref="Merge"/>). Backward: each input receives ∂L/∂y / n.
/// </summary>
[Chapter(9)]
public sealed class Average(string? name = null) : Merge(name)
{
    protected override Tensor Combine(IReadOnlyList<Tensor> inputs) => Sum(inputs) * (1f / inputs.Count);
}
