namespace Learn.Dnn.Exercises.Ch01;

/// <summary>Chapter 1, on the engine's tensors: a layer of threshold units applied to a whole batch at once.</summary>
public static class ThresholdLayer
{
    /// <summary>
    /// Exercise ch01.tlu-batch — the outputs of a layer of threshold units for every example of a batch,
    /// with the engine's <see cref="Tensor"/> operations (no loops): x: [n, in] holds one example per row,
    /// weights: [in, units] one unit per column (Keras' kernel layout), bias: [units], and
    /// Y[k, j] = step(Σᵢ x[k, i]·weights[i, j] + bias[j]), Y: [n, units], with step(0) = 1.
    /// Throw an <see cref="ArgumentException"/> (the engine's ShapeMismatchException is one) when the shapes do not fit.
    /// <para>Hint 1 (nudge): the ch01.tlu unit, for every example and every unit at once: one matrix product, one addition, one step.</para>
    /// <para>Hint 2 (formula): Y = step(X·W + b), where b: [units] is broadcast over the n rows of X·W: [n, units].</para>
    /// <para>Hint 3 (code): return (x.MatMul(weights) + bias).Step();</para>
    /// </summary>
    public static Tensor Outputs(Tensor x, Tensor weights, Tensor bias)
    {
        // BEGIN YOUR CODE ch01.tlu-batch
        throw new NotImplementedException("ch01.tlu-batch: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
