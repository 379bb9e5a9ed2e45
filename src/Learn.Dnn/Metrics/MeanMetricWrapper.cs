using Learn.Dnn.Losses;

namespace Learn.Dnn.Metrics;

/// <summary>
/// Keras' MeanMetricWrapper for an elementwise error f(y, ŷ): each sample's value is the mean of
/// f over its values (the non-batch axes), and the epoch's result is the mean over all samples.
/// y_true and y_pred must have the same shape once [n] targets are brought to [n, 1].
/// </summary>
[Chapter(5)]
public abstract class MeanMetricWrapper(string name) : Metric
{
    public override string Name => name;

    /// <summary>The error of one value: (ŷ − y)², |ŷ − y|, ...</summary>
    protected abstract double Error(double yTrue, double yPred);

    protected sealed override double[] SampleValues(Tensor yTrue, Tensor yPred)
    {
        if (yTrue.Shape != yPred.Shape)
            throw new ShapeMismatchException(
                $"{GetType().Name}: y_true has shape {yTrue.Shape} but y_pred has shape {yPred.Shape}; expected the same shape." +
                SameRank.Suggestion(yTrue.Shape, yPred.Shape));
        float[] truth = yTrue.ToArray(), predicted = yPred.ToArray();
        int n = yPred.Shape[0], columns = yPred.Size / Math.Max(n, 1);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < columns; j++) sum += Error(truth[i * columns + j], predicted[i * columns + j]);
            values[i] = sum / columns;
        }
        return values;
    }
}
