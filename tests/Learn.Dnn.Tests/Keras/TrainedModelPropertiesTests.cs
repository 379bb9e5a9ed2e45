using System.Collections;
using System.Reflection;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;

namespace Learn.Dnn.Tests.Keras;

/// <summary>
/// Every public property of a model trained with Fit, and of its layers, can be read afterwards:
/// none hands out a storage that went back to the pool with a training step's StorageScope.
/// </summary>
public sealed class TrainedModelPropertiesTests
{
    private static Sequential Trained()
    {
        var x = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], new Shape(4, 2));
        var y = Tensor.FromArray([0f, 1f, 1f, 0f], new Shape(4, 1));
        var model = new Sequential([
            new Input(2),
            new Dense(3, "relu", kernelRegularizer: "l2", activityRegularizer: "l1", seed: 1),
            new Dropout(0.2, seed: 2),
            new Dense(1, "sigmoid", seed: 3)]);
        model.Compile("adam", "binary_crossentropy", ["accuracy"]);
        model.Fit(x, y, epochs: 2, batchSize: 2, verbose: 0);
        return model;
    }

    [Fact]
    public void Losses_after_Fit_with_an_activity_regularizer_are_readable()
    {
        var model = Trained();
        var losses = model.Losses;
        Assert.Equal(2, losses.Count);   // the kernel's L2 and the activity's L1 of the last batch
        Assert.All(losses, penalty => Assert.True(float.IsFinite(penalty.Item()) && penalty.Item() >= 0f));
    }

    [Fact]
    public void Every_public_property_of_a_trained_model_and_its_layers_can_be_read()
    {
        var model = Trained();
        ReadAll(model);
        foreach (var layer in model.Layers) ReadAll(layer);
    }

    private static void ReadAll(object obj)
    {
        foreach (var property in obj.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0) continue;
            object? value = property.GetValue(obj);
            ReadTensors(value, $"{obj.GetType().Name}.{property.Name}");
        }
    }

    /// <summary>Reads every number of a tensor, or of the tensors in a list, so a released storage throws here.</summary>
    private static void ReadTensors(object? value, string where)
    {
        switch (value)
        {
            case Tensor t:
                try { _ = t.ToArray(); }
                catch (Exception e) { Assert.Fail($"{where}: {e.Message}"); }
                break;
            case IEnumerable list and not string:
                foreach (var item in list) if (item is Tensor) ReadTensors(item, where);
                break;
        }
    }
}
