namespace Learn.Dnn.Exercises.Ch04;

/// <summary>Chapter 4: how good is a classifier? Accuracy, and where its mistakes go.</summary>
public static class ClassificationMetrics
{
    /// <summary>
    /// Exercise ch04.accuracy — the fraction of examples whose predicted class is the label:
    /// predicted class = argmax of the example's probabilities (the first index on a tie, like NumPy
    /// and Keras), probabilities: [m][classes], labels: [m]. Throw an <see cref="ArgumentException"/>
    /// when there are no examples or the counts differ.
    /// <para>Hint: for each example find the index of its largest probability (use &gt;, not &gt;=, so the first wins a tie), count matches, divide by m.</para>
    /// </summary>
    public static double Accuracy(double[][] probabilities, int[] labels)
    {
        // BEGIN YOUR CODE ch04.accuracy
        throw new NotImplementedException("ch04.accuracy: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }

    /// <summary>
    /// Exercise ch04.confusion-matrix — counts[i, j] = the number of examples whose actual class is i and
    /// whose predicted class is j, for classes 0 … classes − 1 (rows: actual, columns: predicted, as in
    /// scikit-learn and Keras). The diagonal holds the correct predictions. Throw an
    /// <see cref="ArgumentException"/> when the arrays differ in length or a class is outside 0 … classes − 1.
    /// <para>Hint: new int[classes, classes], then one counts[actual[k], predicted[k]]++ per example.</para>
    /// </summary>
    public static int[,] ConfusionMatrix(int[] actual, int[] predicted, int classes)
    {
        // BEGIN YOUR CODE ch04.confusion-matrix
        throw new NotImplementedException("ch04.confusion-matrix: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
