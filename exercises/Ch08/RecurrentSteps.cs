namespace Learn.Dnn.Exercises.Ch08;

/// <summary>Chapter 8: one step of a SimpleRNN and of an LSTM for one sample, on plain arrays, in Keras' layout.</summary>
public static class RecurrentSteps
{
    /// <summary>
    /// Exercise ch08.rnn-step — one step of Keras' SimpleRNN for one sample: h = tanh(x·W + h₋·U + b), with
    /// x: [n], h₋: [u], W (kernel): [n, u], U (recurrent kernel): [u, u], b: [u]; return the new h: [u].
    /// Throw an <see cref="ArgumentException"/> when the shapes do not fit together.
    /// <para>Hint 1 (nudge): the previous state goes through its own matrix U and is added to x·W + b before the tanh, exactly as the input does.</para>
    /// <para>Hint 2 (formula): h_j = tanh(Σ_i x_i·W[i, j] + Σ_k h₋_k·U[k, j] + b_j), j = 0 … u − 1.</para>
    /// <para>Hint 3 (code): for (int j = 0; j != u; j++) { double z = bias[j]; for (int i = 0; i != n; i++) z += x[i] * kernel[i, j]; for (int k = 0; k != u; k++) z += hPrevious[k] * recurrentKernel[k, j]; h[j] = Math.Tanh(z); }</para>
    /// </summary>
    public static double[] RnnStep(double[] x, double[] hPrevious, double[,] kernel, double[,] recurrentKernel, double[] bias)
    {
        // BEGIN YOUR CODE ch08.rnn-step
        throw new NotImplementedException("ch08.rnn-step: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }

    /// <summary>
    /// Exercise ch08.lstm-step — one step of Keras' LSTM for one sample. The kernels hold the four gates side by
    /// side in Keras' order i, f, c, o: W: [n, 4u], U: [u, 4u], b: [4u]; with z = x·W + h₋·U + b,
    /// i = σ(z_i), f = σ(z_f), c̃ = tanh(z_c), o = σ(z_o), c = f ⊙ c₋ + i ⊙ c̃ and h = o ⊙ tanh(c).
    /// Return the new (h, c), both [u]. Throw an <see cref="ArgumentException"/> when the shapes do not fit together.
    /// <para>Hint 1 (nudge): compute all 4u pre-activations z = x·W + h₋·U + b first, then read the gates from the four blocks of u columns, in the order i, f, c, o.</para>
    /// <para>Hint 2 (formula): i = σ(z[0:u]), f = σ(z[u:2u]), c̃ = tanh(z[2u:3u]), o = σ(z[3u:4u]); c = f ⊙ c₋ + i ⊙ c̃; h = o ⊙ tanh(c).</para>
    /// <para>Hint 3 (code): for (int j = 0; j != u; j++) { double i = Sigmoid(z[j]), f = Sigmoid(z[u + j]), g = Math.Tanh(z[2 * u + j]), o = Sigmoid(z[3 * u + j]); c[j] = f * cPrevious[j] + i * g; h[j] = o * Math.Tanh(c[j]); }</para>
    /// </summary>
    public static (double[] H, double[] C) LstmStep(double[] x, double[] hPrevious, double[] cPrevious,
                                                    double[,] kernel, double[,] recurrentKernel, double[] bias)
    {
        // BEGIN YOUR CODE ch08.lstm-step
        throw new NotImplementedException("ch08.lstm-step: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
