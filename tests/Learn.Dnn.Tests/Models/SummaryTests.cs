using Learn.Dnn.Convolution;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;

namespace Learn.Dnn.Tests.Models;

/// <summary>model.Summary() against tables that Keras 3 printed.</summary>
public sealed class SummaryTests
{
    // Keras 3 (rich, width 88) for Sequential([Input((784,)), Dense(300, relu), Dense(100, relu), Dense(10, softmax)]):
    // the same table as Keras prints with a Flatten first, without the Flatten row.
    private const string Mlp784 = """
        Model: "sequential"
        ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
        ┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
        ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
        │ dense (Dense)                        │ (None, 300)                 │         235,500 │
        ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
        │ dense_1 (Dense)                      │ (None, 100)                 │          30,100 │
        ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
        │ dense_2 (Dense)                      │ (None, 10)                  │           1,010 │
        └──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
         Total params: 266,610 (1.02 MB)
         Trainable params: 266,610 (1.02 MB)
         Non-trainable params: 0 (0.00 B)

        """;

    private static Sequential Mlp() =>
        new([new Input(784), new Dense(300, "relu"), new Dense(100, "relu"), new Dense(10, "softmax")]);

    [Fact]
    public void The_784_300_100_10_table_matches_Keras_character_for_character()
    {
        var output = new StringWriter();
        string table = Mlp().Summary(output);
        Assert.Equal(Mlp784.ReplaceLineEndings("\n"), table);
        Assert.Equal(table, output.ToString());
    }

    [Fact]
    public void Column_widths_follow_rich_for_a_76_column_terminal()
    {
        // Keras 3 in an 80-column terminal (width 76): ┏ 33 ┳ 24 ┳ 15 ┓, as in its printed tables.
        Assert.Equal([33, 24, 15], SummaryTable.CellWidths([0.45, 0.80, 1.0], 76));
        Assert.Equal([38, 29, 17], SummaryTable.CellWidths([0.45, 0.80, 1.0], 88));
    }

    [Fact]
    public void After_a_step_the_optimizer_variables_are_counted_as_Keras_does()
    {
        var model = Mlp();
        model.Compile("sgd", "sparse_categorical_crossentropy");
        model.Fit(Tensor.Zeros(2, 784), Tensor.Zeros(2), verbose: 0);
        string table = model.Summary(TextWriter.Null);
        Assert.Contains(" Total params: 266,612 (1.02 MB)\n", table);
        Assert.EndsWith(" Optimizer params: 2 (12.00 B)\n", table);
    }

    [Fact]
    public void An_unbuilt_model_shows_question_marks_and_unbuilt_layers()
    {
        string table = new Sequential([new Dense(5), new Dense(1, name: "out")]).Summary(TextWriter.Null);
        Assert.Contains("│ dense (Dense)                        │ ?                           │     0 (unbuilt) │", table);
        Assert.Contains("out (Dense)", table);
        Assert.Contains(" Total params: 0 (0.00 B)", table);
    }

    [Theory]
    [InlineData(64, "64.00 B")]
    [InlineData(1066440, "1.02 MB")]
    [InlineData(2048, "2.00 KB")]
    public void Memory_sizes_are_1024_based(double bytes, string expected) => Assert.Equal(expected, Model.MemorySize(bytes));

    [Fact]
    public void Layers_are_named_per_model_and_class_as_a_fresh_Keras_session_names_them()
    {
        var model = new Sequential([new Dense(2), new Dense(2, name: "mine"), new Dense(2)]);
        Assert.Equal(["dense", "mine", "dense_1"], model.Layers.Select(l => l.Name));
        Assert.Equal("max_pooling2d", Layer.SnakeCase("MaxPooling2D"));
        Assert.Equal("simple_rnn", Layer.SnakeCase("SimpleRNN"));
        Assert.Equal("batch_normalization", Layer.SnakeCase("BatchNormalization"));
    }
}
