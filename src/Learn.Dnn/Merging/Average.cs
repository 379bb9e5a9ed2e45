namespace Learn.Dnn.Merging;

/// <summary>
/// Keras' <c>Average</c>: the elementwise mean of n tensors, y = (x₀ + x₁ + … + xₙ₋₁)/n (broadcast
/// as in <see cref="Merge"/>). Backward: each input receives ∂L/∂y / n.
/// </summary>
[Chapter(9)]
public sealed class Average(string? name = null) : Merge(name)
{
    protected override Tensor Combine(IReadOnlyList<Tensor> inputs)
    {
        var sum = inputs[0];
        for (int i = 1; i < inputs.Count; i++) sum += inputs[i];
        return sum * (1f / inputs.Count);
    }
}
