using System.Text.Json.Nodes;
using Learn.Dnn.Layers;
using Learn.Dnn.Optimizers;
using Learn.Dnn.Recurrent;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Tests.Errors;

/// <summary>
/// The entry points the graph contract and the configs added: a layer called on a list, a config
/// read back, a Keras name resolved. Each bad input names the argument, what was expected and what came.
/// </summary>
public sealed class GraphAndConfigBadInputTests
{
    [Fact]
    public void A_one_input_layer_called_on_two_tensors_says_it_takes_one()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dense(3, name: "hidden").Call([Tensor.Zeros(2, 3), Tensor.Zeros(2, 3)]));
        Assert.Contains("Dense 'hidden' takes one input tensor, got 2", e.Message);
        Assert.Equal("inputs", e.ParamName);
    }

    [Fact]
    public void An_empty_list_or_a_null_tensor_is_refused_with_what_came()
    {
        Assert.Contains("expected one or more input tensors, got 0", Assert.Throws<ArgumentException>(() => new Dense(3).Call(Array.Empty<Tensor>())).Message);
        Assert.Contains("with a null among them", Assert.Throws<ArgumentException>(() => new Dense(3).Call(new Tensor[] { null! })).Message);
        Assert.Throws<ArgumentNullException>(() => new Dense(3).Call((IReadOnlyList<Tensor>)null!));
    }

    [Fact]
    public void A_recurrent_layer_given_too_many_states_names_the_count()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() =>
            new LSTM(3, seed: 1).Call([Tensor.Zeros(2, 4, 3), Tensor.Zeros(2, 3), Tensor.Zeros(2, 3), Tensor.Zeros(2, 3)]));
        Assert.Contains("LSTM", e.Message);
        Assert.Contains("3", e.Message);
    }

    [Fact]
    public void A_config_value_of_the_wrong_type_names_the_field_the_type_and_the_value()
    {
        var e = Assert.Throws<ArgumentException>(() => KerasConfig.FromConfig<Dense>(Json("{\"units\": \"ten\"}")));
        Assert.Contains("Dense: units: expected Int32, got \"ten\"", e.Message);
    }

    [Fact]
    public void An_unknown_config_field_lists_the_known_ones()
    {
        var config = new Dense(2).GetConfig();
        config["unitz"] = 3;
        var e = Assert.Throws<ArgumentException>(() => KerasConfig.FromConfig<Dense>(config));
        Assert.Contains("unknown config field \"unitz\"", e.Message);
        Assert.Contains("units, activation, use_bias", e.Message);
    }

    [Fact]
    public void A_class_name_of_another_family_is_refused_with_the_family_s_names()
    {
        var e = Assert.Throws<ArgumentException>(() => KerasConfig.Deserialize<Optimizer>(JsonNode.Parse("{\"class_name\": \"Dense\", \"config\": {\"units\": 2}}")));
        Assert.Contains("Optimizer: unknown class_name \"Dense\"", e.Message);
        Assert.Contains("Adam, AdamW", e.Message);
        var number = Assert.Throws<ArgumentException>(() => KerasConfig.Deserialize<Layer>(JsonNode.Parse("3")));
        Assert.Contains("expected Layer, got 3", number.Message);
    }

    [Fact]
    public void A_misspelt_Keras_name_lists_the_valid_names_and_null_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => KerasRegistry.Get<Optimizer>("adamm"));
        Assert.Contains("unknown name \"adamm\"", e.Message);
        Assert.Contains("adam", e.Message);
        Assert.Contains("sgd", e.Message);
        Assert.Throws<ArgumentNullException>(() => KerasRegistry.Get<Optimizer>(null!));
        Assert.Throws<ArgumentNullException>(() => KerasConfig.FromConfig<Dense>(null!));
    }

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();
}
