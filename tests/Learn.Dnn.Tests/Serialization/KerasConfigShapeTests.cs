using System.Text.Json.Nodes;
using Learn.Dnn.Serialization;
using Learn.Dnn.Layers;
using Learn.Dnn.Layers.Initializers;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;
using Learn.Dnn.Optimizers.Schedules;

namespace Learn.Dnn.Tests.Serialization;

/// <summary>Configs have Keras 3's field names and serialization_lib's nesting.</summary>
public sealed class KerasConfigShapeTests
{
    [Fact]
    public void A_Dense_config_has_Keras_field_names_with_nested_initializers_and_the_activation_by_name()
    {
        var dense = new Dense(3, "relu", kernelInitializer: new HeNormal(), seed: 5, name: "hidden");
        var config = KerasConfig.Serialize(dense)!.AsObject();
        Assert.Equal("keras.layers", (string?)config["module"]);
        Assert.Equal("Dense", (string?)config["class_name"]);
        Assert.Null(config["registered_name"]);
        var fields = config["config"]!.AsObject();
        Assert.Equal(["units", "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
                      "bias_regularizer", "activity_regularizer", "seed", "name"], fields.Select(f => f.Key));
        Assert.Equal("relu", (string?)fields["activation"]);
        Assert.Equal("""{"module":"keras.initializers","class_name":"HeNormal","config":{},"registered_name":null}""",
                     fields["kernel_initializer"]!.ToJsonString());
        Assert.Equal("""{"module":"keras.initializers","class_name":"Constant","config":{"value":0},"registered_name":null}""",
                     fields["bias_initializer"]!.ToJsonString());
        Assert.Equal("linear", (string?)new Dense(2).GetConfig()["activation"]);
    }

    [Fact]
    public void An_optimizer_config_has_Keras_names_and_a_schedule_nested_in_it()
    {
        var adam = new Adam(new ExponentialDecay(0.01f, 100, 0.5f), beta1: 0.8f) { ClipNorm = 1f };
        var config = adam.GetConfig();
        Assert.Equal("""{"module":"keras.optimizers.schedules","class_name":"ExponentialDecay","config":{"initial_learning_rate":0.01,"decay_steps":100,"decay_rate":0.5,"staircase":false},"registered_name":null}""",
                     config["learning_rate"]!.ToJsonString());
        Assert.Equal(0.8, (double)config["beta_1"]!, 6);
        Assert.Equal(1.0, (double)config["clipnorm"]!);
        Assert.Null(config["clipvalue"]);
        var rebuilt = KerasConfig.FromConfig<Adam>(config);
        Assert.Equal(1f, rebuilt.ClipNorm);
        Assert.IsType<ExponentialDecay>(rebuilt.Schedule);
        Assert.Equal(0.001f, (float)new Adam().GetConfig()["learning_rate"]!);
    }

    [Fact]
    public void A_Sequential_config_lists_its_layers_with_the_Input_first()
    {
        var model = new Sequential([new Input(4), new Dense(2, "softmax", seed: 1)], name: "classifier");
        var config = KerasConfig.Serialize(model)!.AsObject();
        Assert.Equal("keras", (string?)config["module"]);
        var layers = config["config"]!["layers"]!.AsArray();
        Assert.Equal(["Input", "Dense"], layers.Select(l => (string?)l!["class_name"]));
        var rebuilt = KerasConfig.Deserialize<Sequential>(config)!;
        Assert.Equal(model.GetConfig().ToJsonString(), rebuilt.GetConfig().ToJsonString());
        var x = Tensor.FromArray([1f, 2f, 3f, 4f], 1, 4);
        Assert.Equal(model.Predict(x).ToArray(), rebuilt.Predict(x).ToArray());
    }

    [Fact]
    public void An_unknown_config_field_is_an_error_that_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => KerasConfig.FromConfig<Dense>(new JsonObject { ["units"] = 2, ["unitz"] = 3 }));
        Assert.Contains("Dense: unknown config field \"unitz\"", error.Message);
        Assert.Contains("units, activation, use_bias", error.Message);
    }

    [Fact]
    public void Optimizer_variables_come_in_Keras_order_iterations_learning_rate_then_m_and_v_of_each_weight()
    {
        var w1 = Tensor.FromArray([1f, 2f], 2);
        var w2 = Tensor.FromArray([3f], 1);
        foreach (var w in new[] { w1, w2 })
        {
            w.RequiresGrad = true;
            w.AccumulateGrad(Tensor.FromArray(Enumerable.Repeat(1f, w.Size).ToArray(), w.Size));
        }
        var adam = new Adam(0.5f);
        Assert.Equal(2, adam.Variables.Count);                     // iterations and learning_rate, before the first step
        adam.Apply([w1, w2]);
        var variables = adam.Variables;
        Assert.Equal([1, 1, 2, 2, 1, 1], variables.Select(v => v.Size));   // iteration, lr, m(w1), v(w1), m(w2), v(w2)
        Assert.Equal(1f, variables[0].Item());
        Assert.Equal(0.5f, variables[1].Item());
        Assert.Equal(adam.Slots, variables.Skip(2));
        Assert.Single(new Adam(new ExponentialDecay(0.1f, 10, 0.5f)).Variables);   // a schedule has no variable
    }

    [Fact]
    public void Nadam_lists_its_momentum_product_after_the_slots()
    {
        var w = Tensor.FromArray([1f], 1);
        w.RequiresGrad = true;
        w.AccumulateGrad(Tensor.FromArray([1f], 1));
        var nadam = new Nadam();
        nadam.Apply([w]);
        var variables = nadam.Variables;
        Assert.Equal(5, variables.Count);                                   // iteration, lr, m, v, u_product
        Assert.Equal(0.9f * (1f - 0.5f * 0.96f), variables[4].Item(), 6);   // u_1 = β1·(1 − ½·0.96¹)
    }
}
