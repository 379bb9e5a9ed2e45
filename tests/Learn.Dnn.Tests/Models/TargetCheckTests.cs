using Learn.Dnn.Data;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;

namespace Learn.Dnn.Tests.Models;

/// <summary>
/// Targets are checked once, over all of y, before the first batch: a class label out of range or a binary target
/// outside [0, 1] is named by its sample in y (not by a row of a shuffled batch), with its value and the valid
/// range, and no weight has changed.
/// </summary>
public sealed class TargetCheckTests
{
    private const int Bad = 37;   // the bad sample's index in y, in a later batch of a shuffled epoch

    private static (Tensor X, float[] Labels) Data(int n = 64)
    {
        var (x, _) = ModelTestData.TwoHalves(n);
        return (x, Enumerable.Range(0, n).Select(i => (float)(i % 3)).ToArray());
    }

    private static Sequential Classifier(bool withInput = true) =>
        withInput ? new([new Input(2), new Dense(8, "relu", seed: 1), new Dense(3, "softmax", seed: 2)])
                  : new([new Dense(8, "relu", seed: 1), new Dense(3, "softmax", seed: 2)]);

    private static float[][] WeightsOf(Model model) => model.GetWeights().Select(w => w.ToArray()).ToArray();

    [Theory]
    [InlineData(3f, "3")]
    [InlineData(-1f, "-1")]
    [InlineData(1.5f, "1.5")]
    [InlineData(float.NaN, "NaN")]
    public void A_sparse_label_out_of_range_is_named_by_its_sample_before_any_weight_changes(float label, string shown)
    {
        var (x, labels) = Data();
        labels[Bad] = label;
        var y = Tensor.FromArray(labels, labels.Length);
        var model = Classifier();
        model.Compile("sgd", "sparse_categorical_crossentropy");
        var before = WeightsOf(model);

        var fit = Assert.Throws<ArgumentException>(() => model.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0));
        Assert.Contains($"Fit: y[{Bad}] is {shown}, which is not a class label", fit.Message);
        Assert.Contains("[0, 3)", fit.Message);
        Assert.Equal("y", fit.ParamName);
        Assert.Equal(before, WeightsOf(model));

        var evaluate = Assert.Throws<ArgumentException>(() => model.Evaluate(x, y, batchSize: 8, verbose: 0));
        Assert.Contains($"Evaluate: y[{Bad}] is {shown}", evaluate.Message);

        var oneHot = Assert.Throws<ArgumentException>(() => Categorical.ToCategorical(y, 3));
        Assert.Contains($"labels[{Bad}] is {shown}", oneHot.Message);
        Assert.Contains("[0, 3)", oneHot.Message);
    }

    [Fact]
    public void A_model_without_an_Input_checks_its_labels_against_the_classes_it_will_have()
    {
        var (x, labels) = Data();
        labels[Bad] = 3f;
        var model = Classifier(withInput: false);
        model.Compile("sgd", "sparse_categorical_crossentropy");
        var error = Assert.Throws<ArgumentException>(() => model.Fit(x, Tensor.FromArray(labels, labels.Length), batchSize: 8, verbose: 0));
        Assert.Contains($"y[{Bad}] is 3", error.Message);
        Assert.Contains("a model with 3 outputs", error.Message);
    }

    [Fact]
    public void Validation_labels_are_checked_before_training_too()
    {
        var (x, labels) = Data();
        var y = Tensor.FromArray(labels, labels.Length);
        var badLabels = (float[])labels.Clone();
        badLabels[5] = 7f;
        var model = Classifier();
        model.Compile("sgd", "sparse_categorical_crossentropy");
        var before = WeightsOf(model);
        var error = Assert.Throws<ArgumentException>(() =>
            model.Fit(x, y, batchSize: 8, verbose: 0, validationData: (x, Tensor.FromArray(badLabels, badLabels.Length))));
        Assert.Contains("Fit (validationData): y[5] is 7", error.Message);
        Assert.Equal(before, WeightsOf(model));
    }

    [Theory]
    [InlineData(1.5f)]
    [InlineData(-0.25f)]
    [InlineData(float.NaN)]
    public void A_binary_cross_entropy_target_outside_0_1_is_named_by_its_sample(float target)
    {
        var (x, y) = ModelTestData.TwoHalves(64);
        var targets = y.ToArray();
        targets[Bad] = target;
        var model = new Sequential([new Input(2), new Dense(1, "sigmoid", seed: 1)]);
        model.Compile("sgd", "binary_crossentropy");
        var before = WeightsOf(model);
        var error = Assert.Throws<ArgumentException>(() => model.Fit(x, Tensor.FromArray(targets, 64, 1), batchSize: 8, verbose: 0));
        Assert.Contains($"Fit: y[{Bad}, 0] is {target}, outside [0, 1]", error.Message);
        Assert.Contains($"sample {Bad}", error.Message);
        Assert.Equal(before, WeightsOf(model));
    }

    [Fact]
    public void Good_labels_train_as_before()
    {
        var (x, labels) = Data();
        var model = Classifier();
        model.Compile("sgd", "sparse_categorical_crossentropy");
        var history = model.Fit(x, Tensor.FromArray(labels, labels.Length), batchSize: 8, epochs: 2, verbose: 0);
        Assert.Equal(2, history["loss"].Count);
        Assert.Null(history.NonFiniteLoss);
    }
}
