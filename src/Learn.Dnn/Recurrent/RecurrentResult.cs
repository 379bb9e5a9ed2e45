namespace Learn.Dnn.Recurrent;

/// <summary>
/// What <see cref="RecurrentLayer.CallWithState"/> returns: Keras' <c>output, *states = layer(x)</c>
/// for a layer with <c>return_state=True</c>, as a C# record that deconstructs:
/// <c>var (output, states) = lstm.CallWithState(x);</c>.
/// </summary>
/// <param name="Output">What <see cref="Layers.Layer.Call(Tensor, bool)"/> returns: [batch, units], or [batch, timesteps, units] with returnSequences.</param>
/// <param name="States">The final states, in Keras' order: [h] for SimpleRNN and GRU, [h, c] for LSTM; each [batch, units].</param>
/// <param name="HiddenStates">h₁ … h_T, each [batch, units]: the nodes of the unrolled graph. After
/// <c>loss.Backward()</c> each one's <see cref="Tensor.Grad"/> is the whole ∂L/∂h_t, through every later step.</param>
[Chapter(8)]
public sealed record RecurrentResult(Tensor Output, IReadOnlyList<Tensor> States, IReadOnlyList<Tensor> HiddenStates)
{
    public void Deconstruct(out Tensor output, out IReadOnlyList<Tensor> states) => (output, states) = (Output, States);

    /// <summary>
    /// ‖∂L/∂h_t‖ for t = 1 … T (Frobenius norm over the batch), after <c>loss.Backward()</c>: how much
    /// of the loss's gradient reaches each step back in time. It shrinks geometrically with the
    /// distance from the loss when the gradient vanishes (a SimpleRNN), and much less through an LSTM's cell.
    /// 0 where no gradient arrived.
    /// </summary>
    public double[] GradientNormsThroughTime() =>
        HiddenStates.Select(h => h.Grad is { } g ? Math.Sqrt(g.ToArray().Sum(v => (double)v * v)) : 0.0).ToArray();
}
