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
        // BEGIN SOLUTION ch04.accuracy
        if (probabilities.Length == 0 || probabilities.Length != labels.Length)
            throw new ArgumentException($"Accuracy: expected as many labels as examples (at least one), got {probabilities.Length} examples and {labels.Length} labels.");
        int correct = 0;
        for (int k = 0; k < probabilities.Length; k++)
        {
            int predicted = 0;
            for (int c = 1; c < probabilities[k].Length; c++)
                if (probabilities[k][c] > probabilities[k][predicted]) predicted = c;
            if (predicted == labels[k]) correct++;
        }
        return (double)correct / probabilities.Length;
        // END SOLUTION
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
        // BEGIN SOLUTION ch04.confusion-matrix
        if (actual.Length != predicted.Length)
            throw new ArgumentException($"ConfusionMatrix: expected as many predictions as actual labels ({actual.Length}), got {predicted.Length}.");
        var counts = new int[classes, classes];
        for (int k = 0; k < actual.Length; k++)
        {
            if ((uint)actual[k] >= classes || (uint)predicted[k] >= classes)
                throw new ArgumentException($"ConfusionMatrix: classes are 0 … {classes - 1}, but example {k} has actual {actual[k]} and predicted {predicted[k]}.");
            counts[actual[k], predicted[k]]++;
        }
        return counts;
        // END SOLUTION
    }
}
