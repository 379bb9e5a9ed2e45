namespace Learn.Dnn.Exercises.Ch04;

/// <summary>Chapter 4: how good is a classifier? Accuracy, and where its mistakes go.</summary>
public static class ClassificationMetrics
{
    /// <summary>
    /// Exercise ch04.accuracy — the fraction of examples whose predicted class is the label:
    /// predicted class = argmax of the example's probabilities (the first index on a tie, like NumPy
    /// and Keras), probabilities: [m][classes], labels: [m]. Throw an <see cref="ArgumentException"/>
    /// when there are no examples or the counts differ.
    /// <para>Hint 1 (nudge): for each example the predicted class is the one with the largest probability; then count.</para>
    /// <para>Hint 2 (formula): accuracy = (1/m)·#{k : argmaxⱼ P[k][j] = labels[k]}, the first index winning a tie.</para>
    /// <para>Hint 3 (code): for each example find the index of its largest probability (use &gt;, not &gt;=, so the first wins a tie), count matches, and return (double)correct / m; throw first when m = 0 or the lengths differ.</para>
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
    /// <para>Hint 1 (nudge): a table with a row per actual class and a column per predicted class, one count per example; check the inputs before you count.</para>
    /// <para>Hint 2 (formula): C[a, p] = #{k : actual[k] = a and predicted[k] = p}, C: [classes, classes]; both arrays of the same length, every label in 0 … classes − 1.</para>
    /// <para>Hint 3 (code): if (actual.Length != predicted.Length) throw new ArgumentException(...); var counts = new int[classes, classes]; for each k: if ((uint)actual[k] &gt;= classes || (uint)predicted[k] &gt;= classes) throw new ArgumentException(...); counts[actual[k], predicted[k]]++;</para>
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

    /// <summary>
    /// Exercise ch04.binary-accuracy — accuracy for a single sigmoid output: probabilities[k] is the
    /// predicted P(class 1) of example k, labels[k] is 0 or 1. The predicted class is 1 when
    /// probabilities[k] &gt; 0.5, strictly, as in Keras' <c>binary_accuracy</c> (<c>y_pred &gt; threshold</c>):
    /// a probability of exactly 0.5 is class 0. Throw an <see cref="ArgumentException"/> when there are no
    /// examples or the counts differ.
    /// <para>Hint 1 (nudge): turn each probability into a class with one comparison, then count as ch04.accuracy does.</para>
    /// <para>Hint 2 (formula): ŷₖ = 1 if pₖ &gt; 0.5, else 0 (0.5 itself is class 0); accuracy = (1/m)·#{k : ŷₖ = yₖ}.</para>
    /// <para>Hint 3 (code): int correct = 0; for (int k = 0; k &lt; m; k++) if ((probabilities[k] &gt; 0.5 ? 1 : 0) == labels[k]) correct++; return (double)correct / m;</para>
    /// </summary>
    public static double BinaryAccuracy(double[] probabilities, int[] labels)
    {
        // BEGIN SOLUTION ch04.binary-accuracy
        if (probabilities.Length == 0 || probabilities.Length != labels.Length)
            throw new ArgumentException($"BinaryAccuracy: expected as many labels as examples (at least one), got {probabilities.Length} examples and {labels.Length} labels.");
        int correct = 0;
        for (int k = 0; k < probabilities.Length; k++)
            if ((probabilities[k] > 0.5 ? 1 : 0) == labels[k]) correct++;   // > 0.5, as Keras
        return (double)correct / probabilities.Length;
        // END SOLUTION
    }
}
