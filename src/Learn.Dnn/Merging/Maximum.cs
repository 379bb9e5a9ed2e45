namespace Learn.Dnn.Merging;

/// <summary>
/// Keras' <c>Maximum</c>: the elementwise maximum of a list of tensors, computed as Keras does,
/// y = max(…max(max(x₀, x₁), x₂)…, xₙ₋₁) (broadcast as in <see cref="Merge"/>). Backward: ∂L/∂y goes
/// to the input that holds the maximum; on a tie, to the earliest input, which is the rule of
/// TensorFlow's maximum gradient (x ≥ y sends it to x) applied along that chain.
/// </summary>
[Chapter(9)]
public sealed class Maximum(string? name = null) : Merge(name)
{
    protected override Tensor Combine(IReadOnlyList<Tensor> inputs)
    {
        var max = inputs[0];
        for (int i = 1; i < inputs.Count; i++) max = Tensor.Maximum(max, inputs[i]);
        return max;
    }
}
