using Learn.Dnn.Metrics;

namespace Learn.Dnn.Tests.Keras;

/// <summary>ConfusionMatrix.From never guesses: binary probabilities are thresholded as Accuracy does, other non-integers are refused.</summary>
public sealed class ConfusionMatrixInputTests
{
    private static readonly Tensor Labels = Tensor.FromArray([0f, 1f, 1f, 0f], new Shape(4));

    [Fact]
    public void Sigmoid_probabilities_for_two_classes_are_thresholded_at_one_half()
    {
        var probabilities = Tensor.FromArray([0.2f, 0.9f, 0.5f, 0.7f], new Shape(4, 1));
        var matrix = ConfusionMatrix.From(Labels, probabilities, 2);
        // p = 0.5 is class 0, as in Keras' binary_accuracy (p > 0.5)
        Assert.Equal(new[,] { { 1, 1 }, { 1, 1 } }, matrix.ToArray());
        Assert.Equal(Accuracy.Compute(Labels.Reshape(4, 1), probabilities), matrix.Accuracy());
    }

    [Fact]
    public void Integer_labels_and_rows_are_read_as_before()
    {
        var rows = Tensor.FromArray([0.9f, 0.1f, 0.2f, 0.8f, 0.6f, 0.4f, 0.3f, 0.7f], new Shape(4, 2));
        Assert.Equal(new[,] { { 1, 1 }, { 1, 1 } }, ConfusionMatrix.From(Labels, rows, 2).ToArray());
        Assert.Equal(new[,] { { 2, 0 }, { 0, 2 } }, ConfusionMatrix.From(Labels, Labels.Reshape(4, 1), 2).ToArray());
    }

    [Fact]
    public void Non_integer_predictions_for_more_classes_are_refused_with_a_clear_message()
    {
        var scores = Tensor.FromArray([0.2f, 1.7f, 2.5f, 0.1f], new Shape(4, 1));
        var e = Assert.Throws<ArgumentException>(() => ConfusionMatrix.From(Labels, scores, 3));
        Assert.Contains("y_pred [4, 1] holds 0.2, not a class label", e.Message);
        var fractionalTruth = Tensor.FromArray([0.5f, 1f, 1f, 0f], new Shape(4));
        Assert.Contains("y_true [4] holds 0.5", Assert.Throws<ArgumentException>(() => ConfusionMatrix.From(fractionalTruth, Labels, 2)).Message);
    }
}
