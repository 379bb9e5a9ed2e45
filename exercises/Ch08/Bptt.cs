namespace Learn.Dnn.Exercises.Ch08;

/// <summary>Chapter 8: backpropagation through time, by hand, for the smallest recurrent network there is.</summary>
public static class Bptt
{
    /// <summary>
    /// Exercise ch08.bptt-scalar — a scalar linear RNN h_t = w·h_{t−1} + u·x_t, t = 1 … T (T = x.Length ≥ 1),
    /// from h₀, with the loss L = ½·(h_T − y)². Return (∂L/∂w, ∂L/∂u, ∂L/∂h₀), computed by the chain rule
    /// backwards through the steps. Note ∂h_T/∂h₀ = w^T: with |w| &lt; 1 the gradient vanishes, with |w| &gt; 1 it explodes.
    /// Throw an <see cref="ArgumentException"/> when x is empty.
    /// <para>Hint 1 (nudge): run the recurrence forward and keep every h_t; then walk back from t = T with δ = ∂L/∂h_t, adding each step's share to ∂L/∂w and ∂L/∂u.</para>
    /// <para>Hint 2 (formula): δ_T = h_T − y; at step t: ∂L/∂w += δ_t·h_{t−1}, ∂L/∂u += δ_t·x_t, δ_{t−1} = w·δ_t; ∂L/∂h₀ = δ₀.</para>
    /// <para>Hint 3 (code): var h = new double[T + 1]; h[0] = h0; for (int t = 1; t != T + 1; t++) h[t] = w * h[t - 1] + u * x[t - 1]; double delta = h[T] - y, dw = 0, du = 0; for (int t = T; t != 0; t--) { dw += delta * h[t - 1]; du += delta * x[t - 1]; delta *= w; } return (dw, du, delta);</para>
    /// </summary>
    public static (double DW, double DU, double DH0) ScalarLinearRnnGradients(double[] x, double w, double u, double h0, double y)
    {
        // BEGIN YOUR CODE ch08.bptt-scalar
        throw new NotImplementedException("ch08.bptt-scalar: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
