using Learn.Dnn.Callbacks;
using Learn.Dnn.Layers;
using Learn.Dnn.Losses;
using MeanSquaredError = Learn.Dnn.Losses.MeanSquaredError;
using Learn.Dnn.Metrics;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;

namespace Learn.Dnn.Tests.Models;

/// <summary>Keras 3's fit semantics: what is learned, what is logged, and in which order.</summary>
public sealed class FitTests
{
    [Fact]
    public void Fit_learns_a_separable_problem_to_95_percent_accuracy_and_the_loss_falls()
    {
        var (x, y) = ModelTestData.TwoHalves(256);
        var model = new Sequential([new Input(2), new Dense(8, "relu", seed: 1), new Dense(1, "sigmoid", seed: 2)]);
        model.Compile(new SGD(learningRate: 0.5f), "binary_crossentropy", ["accuracy"]);
        var history = model.Fit(x, y, batchSize: 16, epochs: 30, verbose: 0, seed: 3);

        var loss = history["loss"];
        Assert.True(loss[^1] < 0.5 * loss[0], $"the loss should at least halve over 30 epochs: first {loss[0]:F4}, last {loss[^1]:F4}.");
        Assert.True(history["accuracy"][^1] >= 0.95, $"training accuracy after 30 epochs: {history["accuracy"][^1]:F4}, expected ≥ 0.95.");
        var evaluation = model.Evaluate(x, y, verbose: 0);
        Assert.True(evaluation["accuracy"] >= 0.95, $"Evaluate accuracy {evaluation["accuracy"]:F4}, expected ≥ 0.95.");
    }

    [Fact]
    public void History_has_one_value_per_epoch_under_sorted_Keras_keys_and_the_params()
    {
        var (x, y) = ModelTestData.TwoHalves(50);
        var model = new Sequential([new Dense(4, "relu", seed: 1), new Dense(1, "sigmoid", seed: 2)]);
        model.Compile("sgd", "binary_crossentropy", ["accuracy"]);
        var history = model.Fit(x, y, batchSize: 8, epochs: 3, verbose: 0, validationSplit: 0.2);

        Assert.Equal(["accuracy", "loss", "val_accuracy", "val_loss"], history.Logs.Keys);
        Assert.All(history.Logs.Values, values => Assert.Equal(3, values.Count));
        Assert.Equal([0, 1, 2], history.Epoch);
        Assert.Equal(3, history.Params["epochs"]);
        Assert.Equal(5, history.Params["steps"]);   // 40 training samples / 8
        Assert.Equal(0, history.Params["verbose"]);
    }

    [Fact]
    public void Epoch_loss_is_the_mean_weighted_by_batch_size_including_the_short_last_batch()
    {
        // y = 0·x + 0 with learning rate 0: every prediction is 0, so each batch's MSE is the mean of its y².
        float[] targets = [1, 2, 3, 4, 10];
        var x = Tensor.FromArray(new float[5], 5, 1);
        var y = Tensor.FromArray(targets, 5, 1);
        var model = new Sequential([new Input(1), new Dense(1, kernelInitializer: new Layers.Initializers.Constant(0f))]);
        model.Compile(new SGD(0f), "mse");
        var history = model.Fit(x, y, batchSize: 2, epochs: 1, verbose: 0, shuffle: false);

        double batch0 = (1 + 4) / 2.0, batch1 = (9 + 16) / 2.0, batch2 = 100.0;   // batches [1, 2], [3, 4], [10]
        double weighted = (2 * batch0 + 2 * batch1 + 1 * batch2) / 5;              // = 26, not the plain mean 40.83
        Assert.Equal(weighted, history["loss"][0], 5);
        Assert.Equal(weighted, model.Evaluate(x, y, batchSize: 2, verbose: 0)["loss"], 5);
    }

    [Fact]
    public void ValidationSplit_takes_the_last_samples_before_shuffling()
    {
        // The first 8 targets are 0, the last 2 are 3; the model predicts 0 and never moves.
        var x = Tensor.FromArray(new float[10], 10, 1);
        var y = Tensor.FromArray([0, 0, 0, 0, 0, 0, 0, 0, 3, 3], 10, 1);
        var model = new Sequential([new Input(1), new Dense(1, kernelInitializer: new Layers.Initializers.Constant(0f))]);
        model.Compile(new SGD(0f), "mse");
        var history = model.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0, validationSplit: 0.2, shuffle: true);

        Assert.Equal([0.0, 0.0], history["loss"]);       // trained only on the zeros
        Assert.Equal([9.0, 9.0], history["val_loss"]);   // validated only on the 3s
        Assert.Equal(2, history.Params["steps"]);        // 8 training samples / 4
    }

    [Fact]
    public void ValidationFreq_validates_every_kth_epoch_counting_from_one()
    {
        var (x, y) = ModelTestData.TwoHalves(20);
        var recorder = new ModelTestData.Recorder();
        var model = new Sequential([new Dense(1, "sigmoid")]);
        model.Compile("sgd", "binary_crossentropy");
        var history = model.Fit(x, y, batchSize: 16, epochs: 4, verbose: 0, validationSplit: 0.5, validationFreq: 2, callbacks: [recorder]);
        Assert.Equal(["epoch_end 0 [loss]", "epoch_end 1 [loss,val_loss]", "epoch_end 2 [loss]", "epoch_end 3 [loss,val_loss]"],
                     recorder.Calls.Where(c => c.StartsWith("epoch_end")));
        Assert.Equal(2, history["val_loss"].Count);
    }

    [Fact]
    public void ValidationSplit_that_leaves_no_training_or_no_validation_data_is_an_error()
    {
        var (x, y) = ModelTestData.TwoHalves(2);
        var model = new Sequential([new Dense(1, "sigmoid")]);
        model.Compile("sgd", "binary_crossentropy");
        var error = Assert.Throws<ArgumentException>(() => model.Fit(x, y, validationSplit: 0.6, verbose: 0));   // ⌊2·0.4⌋ = 0
        Assert.Contains("2 samples", error.Message);
        Assert.Contains("split point would be 0", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Fit(x, y, validationSplit: 1.0, verbose: 0));
    }

    [Fact]
    public void The_shuffle_is_a_permutation_that_changes_every_epoch_and_repeats_with_the_seed()
    {
        var a = Model.Permutation(100, 5, 0);
        Assert.Equal(Enumerable.Range(0, 100), a.Order());
        Assert.Equal(a, Model.Permutation(100, 5, 0));
        Assert.NotEqual(a, Model.Permutation(100, 5, 1));
        Assert.NotEqual(a, Model.Permutation(100, 6, 0));
    }

    [Fact]
    public void Fit_with_the_same_seed_gives_the_same_weights_and_another_seed_other_weights()
    {
        float[] Train(ulong seed)
        {
            var (x, y) = ModelTestData.TwoHalves(64);
            var model = new Sequential([new Input(2), new Dense(3, "tanh", seed: 11), new Dense(1, "sigmoid", seed: 12)]);
            model.Compile(new SGD(0.3f), "binary_crossentropy");
            model.Fit(x, y, batchSize: 5, epochs: 2, verbose: 0, seed: seed);
            return model.GetWeights()[0].ToArray();
        }
        Assert.Equal(Train(1), Train(1));
        Assert.NotEqual(Train(1), Train(2));
    }

    [Fact]
    public void Hooks_fire_in_Keras_order_with_validation_between_the_last_batch_and_epoch_end()
    {
        var (x, y) = ModelTestData.TwoHalves(3);
        var (xv, yv) = ModelTestData.TwoHalves(3, seed: 9);
        var recorder = new ModelTestData.Recorder();
        var model = new Sequential([new Dense(1, "sigmoid")]);
        model.Compile("sgd", "binary_crossentropy", ["accuracy"]);
        model.Fit(x, y, batchSize: 2, epochs: 2, verbose: 0, validationData: (xv, yv), validationBatchSize: 2, callbacks: [recorder]);

        string[] epoch(int e) =>
        [
            $"epoch_begin {e}", "train_batch_begin 0", "train_batch_end 0", "train_batch_begin 1", "train_batch_end 1",
            "test_begin", "test_batch_begin 0", "test_batch_end 0", "test_batch_begin 1", "test_batch_end 1", "test_end",
            $"epoch_end {e} [accuracy,loss,val_accuracy,val_loss]",
        ];
        Assert.Equal(["train_begin", .. epoch(0), .. epoch(1), "train_end"], recorder.Calls);
        Assert.Same(model, recorder.Model);
    }

    [Fact]
    public void Predict_and_Evaluate_fire_their_own_hooks()
    {
        var (x, y) = ModelTestData.TwoHalves(3);
        var recorder = new ModelTestData.Recorder();
        var model = new Sequential([new Dense(1, "sigmoid")]);
        model.Compile("sgd", "binary_crossentropy");
        var predictions = model.Predict(x, batchSize: 2, verbose: 0, callbacks: [recorder]);
        model.Evaluate(x, y, batchSize: 3, verbose: 0, callbacks: [recorder]);
        Assert.Equal(new Shape(3, 1), predictions.Shape);
        Assert.Equal(["predict_begin", "predict_batch_begin 0", "predict_batch_end 0", "predict_batch_begin 1", "predict_batch_end 1", "predict_end",
                      "test_begin", "test_batch_begin 0", "test_batch_end 0", "test_end"], recorder.Calls);
    }

    private sealed class StopAfterBatch(int batch) : Callback
    {
        public override void OnTrainBatchEnd(int b, IReadOnlyDictionary<string, double> logs)
        {
            if (b == batch) Model!.StopTraining = true;
        }
    }

    [Fact]
    public void StopTraining_ends_fit_after_the_current_batch_and_still_records_the_epoch()
    {
        var (x, y) = ModelTestData.TwoHalves(20);
        var recorder = new ModelTestData.Recorder();
        var model = new Sequential([new Dense(1, "sigmoid")]);
        model.Compile("sgd", "binary_crossentropy");
        var history = model.Fit(x, y, batchSize: 4, epochs: 10, verbose: 0, callbacks: [new StopAfterBatch(1), recorder]);

        Assert.Equal([0], history.Epoch);
        Assert.Equal(["train_begin", "epoch_begin 0", "train_batch_begin 0", "train_batch_end 0", "train_batch_begin 1", "train_batch_end 1",
                      "epoch_end 0 [loss]", "train_end"], recorder.Calls);
    }

    [Fact]
    public void Predict_returns_the_forward_pass_on_every_row_including_a_partial_batch()
    {
        var (x, _) = ModelTestData.TwoHalves(7);
        var model = new Sequential([new Dense(3, "relu", seed: 4), new Dense(2, seed: 5)]);
        var batched = model.Predict(x, batchSize: 3, verbose: 0).ToArray();
        var whole = model.Call(x).ToArray();
        Assert.Equal(whole, batched);
    }

    [Theory]
    [InlineData(new[] { 5 }, new[] { 5, 3 }, typeof(SparseCategoricalAccuracy))]
    [InlineData(new[] { 5, 1 }, new[] { 5, 3 }, typeof(SparseCategoricalAccuracy))]
    [InlineData(new[] { 5, 3 }, new[] { 5, 3 }, typeof(CategoricalAccuracy))]
    [InlineData(new[] { 5, 1 }, new[] { 5, 1 }, typeof(BinaryAccuracy))]
    public void Accuracy_resolves_from_the_shapes_as_Keras_compile_utils(int[] yTrue, int[] yPred, Type expected)
    {
        var metric = Metric.ForAccuracy(new Shape(yTrue), new Shape(yPred));
        Assert.IsType(expected, metric);
        Assert.Equal("accuracy", metric.Name);
    }

    [Fact]
    public void Sparse_labels_train_with_the_accuracy_string()
    {
        var (x, yBinary) = ModelTestData.TwoHalves(64);
        var labels = Tensor.FromArray(yBinary.ToArray(), 64);   // [n] integer labels 0/1
        var model = new Sequential([new Dense(2, "softmax", seed: 3)]);
        model.Compile(new SGD(0.5f), "sparse_categorical_crossentropy", ["accuracy"]);
        var history = model.Fit(x, labels, epochs: 20, batchSize: 8, verbose: 0);
        Assert.True(history["accuracy"][^1] > 0.9, $"accuracy {history["accuracy"][^1]}");
    }

    [Fact]
    public void Binary_accuracy_counts_half_as_class_zero_as_Keras_does()
    {
        var metric = new BinaryAccuracy();
        metric.Update(Tensor.FromArray([0f, 1f, 1f, 0f], 4, 1), Tensor.FromArray([0.5f, 0.51f, 0.2f, 0.1f], 4, 1));
        Assert.Equal(0.75, metric.Result());
    }

    [Fact]
    public void Optimizer_and_loss_strings_resolve_to_Keras_defaults()
    {
        var sgd = Assert.IsType<SGD>(Optimizer.Get("sgd"));
        Assert.Equal(0.01f, sgd.LearningRate);
        Assert.IsType<MeanSquaredError>(Loss.Get("mse"));
        Assert.IsType<SparseCategoricalCrossentropy>(Loss.Get("sparse_categorical_crossentropy"));
        var error = Assert.Throws<ArgumentException>(() => Optimizer.Get("sgdd"));
        Assert.Contains("sgd", error.Message);
    }

    [Fact]
    public void SGD_step_is_w_minus_learning_rate_times_gradient_and_counts_iterations()
    {
        var w = Tensor.FromArray([1f, -2f], 2);
        w.RequiresGrad = true;
        (w * Tensor.FromArray([3f, 5f], 2)).Sum().Backward();   // ∂/∂w = [3, 5]
        var sgd = new SGD(0.1f);
        sgd.Apply([w]);
        Assert.Equal([1f - 0.3f, -2f - 0.5f], w.ToArray());
        Assert.Equal(1, sgd.Iterations);
    }
}
