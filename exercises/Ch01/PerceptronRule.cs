namespace Learn.Dnn.Exercises.Ch01;

/// <summary>Chapter 1: Rosenblatt's perceptron learning rule (1958).</summary>
public static class PerceptronRule
{
    /// <summary>
    /// Exercise ch01.perceptron-update — one step of the perceptron rule on one example (x, y):
    /// the prediction is ŷ = step(w·x + b) (step(0) = 1), and then
    /// w ← w + η(y − ŷ)x and b ← b + η(y − ŷ), learning rate η.
    /// A correct prediction changes nothing; a wrong one moves the boundary towards the example.
    /// Return the new weights and bias in new arrays: leave the arrays you are given unchanged.
    /// <para>Hint 1 (nudge): a correct prediction changes nothing; a wrong one moves every weight in the direction of its input, scaled by the error.</para>
    /// <para>Hint 2 (formula): ŷ = step(w·x + b), error = y − ŷ, then wᵢ ← wᵢ + η·error·xᵢ and b ← b + η·error.</para>
    /// <para>Hint 3 (code): compute ŷ first, then double error = target − ŷ; var w = new double[weights.Length]; for each i w[i] = weights[i] + learningRate * error * inputs[i]; return (w, bias + learningRate * error);</para>
    /// </summary>
    public static (double[] Weights, double Bias) Update(
        double[] weights, double bias, double[] inputs, double target, double learningRate)
    {
        // BEGIN YOUR CODE ch01.perceptron-update
        throw new NotImplementedException("ch01.perceptron-update: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }

    /// <summary>
    /// Exercise ch01.perceptron-train — train a perceptron from w = 0, b = 0: one epoch applies the
    /// update rule to every example in the given order (inputs: [m][n], targets: [m], each 0 or 1);
    /// stop after the first epoch that makes no mistake, or after <paramref name="maxEpochs"/> epochs.
    /// When the classes can be separated by a line (a hyperplane), this stops with every example
    /// classified correctly (the perceptron convergence theorem); on XOR it never can.
    /// <para>Hint 1 (nudge): an epoch is one pass over every example; stop after the first pass without a mistake, and never run more than maxEpochs passes.</para>
    /// <para>Hint 2 (formula): for epoch = 1 … maxEpochs: for each example (x, y): if step(w·x + b) ≠ y count a mistake; (w, b) ← Update(w, b, x, y, η); stop when the epoch's count is 0.</para>
    /// <para>Hint 3 (code): var w = new double[n]; double b = 0; for (int epoch = 0; epoch &lt; maxEpochs; epoch++) { int mistakes = 0; for (int k = 0; k &lt; inputs.Length; k++) { if (prediction ≠ targets[k]) mistakes++; (w, b) = Update(w, b, inputs[k], targets[k], learningRate); } if (mistakes == 0) break; } return (w, b);</para>
    /// </summary>
    public static (double[] Weights, double Bias) Train(
        double[][] inputs, double[] targets, double learningRate, int maxEpochs)
    {
        // BEGIN YOUR CODE ch01.perceptron-train
        throw new NotImplementedException("ch01.perceptron-train: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
