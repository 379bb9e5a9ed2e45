namespace Learn.Dnn.Perceptrons;

/// <summary>
/// Rosenblatt's perceptron (1958): one threshold logic unit (TLU) and the rule that trains it.
/// The TLU fires (outputs 1) when the weighted sum of its inputs reaches the threshold:
/// ŷ = step(w·x + b), w: [inputs], b a number. The perceptron rule nudges w and b after every
/// mistake; it stops changing them once every sample is classified right, which happens after a
/// finite number of updates if and only if a straight line (a hyperplane) separates the classes.
/// </summary>
[Chapter(1)]
public sealed class Perceptron
{
    /// <summary>A perceptron with <paramref name="inputs"/> inputs, w = 0 and b = 0.</summary>
    public Perceptron(int inputs)
    {
        if (inputs <= 0) throw new ArgumentOutOfRangeException(nameof(inputs), $"Perceptron: inputs must be positive, got {inputs}.");
        Weights = Tensor.Zeros(inputs);
    }

    /// <summary>A perceptron whose w and b start as small random numbers, U(−0.5, 0.5), from <paramref name="rng"/>.</summary>
    public Perceptron(int inputs, Rng rng) : this(inputs)
    {
        Weights = rng.Uniform(new Shape(inputs), -0.5f, 0.5f);
        Bias = rng.Uniform(new Shape(1), -0.5f, 0.5f).Item();
    }

    /// <summary>w: [inputs].</summary>
    public Tensor Weights { get; private set; }

    /// <summary>b, the negative of the threshold.</summary>
    public float Bias { get; private set; }

    /// <summary>The number of inputs.</summary>
    public int Inputs => Weights.Shape[0];

    #region tlu
    /// <summary>
    /// The threshold logic unit on a batch: ŷ = step(X·w + b), X: [n, inputs] → ŷ: [n] of 0s and 1s
    /// (step(z) = 1 for z ≥ 0, else 0). The decision boundary is the line w·x + b = 0.
    /// </summary>
    public Tensor Predict(Tensor x)
    {
        RequireInputs(x, "Perceptron.Predict");
        var z = x.MatMul(Weights.Reshape(Inputs, 1)) + Bias;   // [n, inputs]·[inputs, 1] → [n, 1]
        return z.Step().Reshape(x.Shape[0]);                    // [n]
    }
    #endregion

    #region rule
    /// <summary>
    /// One epoch of the perceptron rule: for each sample (x, y) in order, ŷ = step(w·x + b), then
    /// w ← w + η(y − ŷ)x and b ← b + η(y − ŷ). A right answer (y = ŷ) changes nothing; a wrong one
    /// moves the line towards the missed sample. X: [n, inputs], y: [n] of 0s and 1s.
    /// Returns the number of samples that were misclassified during the epoch (0 once it has converged).
    /// </summary>
    public int TrainEpoch(Tensor x, Tensor y, float learningRate = 1f)
    {
        RequireInputs(x, "Perceptron.TrainEpoch");
        if (y.Size != x.Shape[0])
            throw new ShapeMismatchException($"Perceptron.TrainEpoch: X has {x.Shape[0]} samples ({x.Shape}) but y has {y.Size} labels ({y.Shape}).");
        var labels = y.ToArray();
        int errors = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            var sample = x.Rows(i, 1);                              // [1, inputs]
            float predicted = Predict(sample).Item();               // ŷ ∈ {0, 1}
            float error = labels[i] - predicted;                    // y − ŷ ∈ {−1, 0, 1}
            if (error == 0f) continue;
            errors++;
            Weights += sample.Reshape(Inputs) * (learningRate * error);   // w ← w + η(y − ŷ)x
            Bias += learningRate * error;                                  // b ← b + η(y − ŷ)
        }
        return errors;
    }
    #endregion

    private void RequireInputs(Tensor x, string operation)
    {
        if (x.Rank != 2 || x.Shape[1] != Inputs)
            throw new ShapeMismatchException($"{operation}: expected X: [n, {Inputs}], got {x.Shape}.");
    }
}
