using Learn.Dnn.Serialization;
namespace Learn.Dnn.Metrics;

/// <summary>
/// Binary accuracy: a sample is right when (y_pred &gt; threshold) equals y_true, threshold 0.5 as in
/// Keras (strictly greater: 0.5 itself counts as class 0). With several columns, a sample's value is
/// the fraction of its columns that are right.
/// </summary>
[Chapter(5)]
[KerasName("binary_accuracy")]
public sealed class BinaryAccuracy(string name = "binary_accuracy", float threshold = 0.5f) : Metric
{
    public override string Name => name;

    public override bool? HigherIsBetter => true;

    public float Threshold => threshold;

    protected override double[] SampleValues(Tensor yTrue, Tensor yPred)
    {
        if (yTrue.Size != yPred.Size)
            throw new ShapeMismatchException($"BinaryAccuracy: y_true {yTrue.Shape} and y_pred {yPred.Shape} must have the same number of values.");
        float[] truth = yTrue.ToArray(), predicted = yPred.ToArray();
        int n = yPred.Shape[0], columns = yPred.Size / Math.Max(n, 1);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            int right = 0;
            for (int j = 0; j < columns; j++)
                if ((predicted[i * columns + j] > threshold ? 1f : 0f) == truth[i * columns + j]) right++;
            values[i] = (double)right / columns;
        }
        return values;
    }
}
