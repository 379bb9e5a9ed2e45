namespace Learn.Dnn.Exercises.Ch08;

/// <summary>Chapter 8, on the engine: one GRU step (Keras 3, reset_after = true) from tensor operations; Backward then gives its BPTT.</summary>
public static class GruStep
{
    /// <summary>
    /// Exercise ch08.gru-step — one step of Keras 3's GRU with reset_after, for a batch, from the engine's tensor
    /// operations (MatMul, +, *, Slice, Sigmoid, Tanh): x: [batch, n], h₋: [batch, u], W (kernel): [n, 3u],
    /// U (recurrent kernel): [u, 3u], the gates side by side in the order z, r, h; b (input bias) and b′ (recurrent
    /// bias): [3u] each (rows 0 and 1 of Keras' [2, 3u] bias). With p = x·W + b and q = h₋·U + b′:
    /// z = σ(p_z + q_z), r = σ(p_r + q_r), ĥ = tanh(p_h + r ⊙ q_h), and the new h = z ⊙ h₋ + (1 − z) ⊙ ĥ: [batch, u].
    /// Because it is built from differentiable operations, <c>Backward()</c> through it needs no code of yours.
    /// <para>Hint 1 (nudge): one product x·W + b for the three gates, one product h₋·U + b′; slice each into its z, r and h blocks of u columns.</para>
    /// <para>Hint 2 (formula): p = x·W + b, q = h₋·U + b′; z = σ(p_z + q_z), r = σ(p_r + q_r), ĥ = tanh(p_h + r ⊙ q_h); h = z ⊙ h₋ + (1 − z) ⊙ ĥ.</para>
    /// <para>Hint 3 (code): var p = x.MatMul(kernel) + inputBias; var q = hPrevious.MatMul(recurrentKernel) + recurrentBias; var z = (p.Slice(0, u) + q.Slice(0, u)).Sigmoid(); var r = (p.Slice(u, u) + q.Slice(u, u)).Sigmoid(); var candidate = (p.Slice(2 * u, u) + r * q.Slice(2 * u, u)).Tanh(); return z * hPrevious + (1f - z) * candidate;</para>
    /// </summary>
    public static Tensor Step(Tensor x, Tensor hPrevious, Tensor kernel, Tensor recurrentKernel, Tensor inputBias, Tensor recurrentBias)
    {
        // BEGIN YOUR CODE ch08.gru-step
        throw new NotImplementedException("ch08.gru-step: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
