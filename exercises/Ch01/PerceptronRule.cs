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
    /// <para>Hint: compute ŷ first, then error = y − ŷ, then each new weight is wᵢ + η·error·xᵢ.</para>
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
    /// <para>Hint: loop over epochs; inside, loop over the examples, call Update, and count the examples whose prediction was wrong.</para>
    /// </summary>
    public static (double[] Weights, double Bias) Train(
        double[][] inputs, double[] targets, double learningRate, int maxEpochs)
    {
        // BEGIN YOUR CODE ch01.perceptron-train
        throw new NotImplementedException("ch01.perceptron-train: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
