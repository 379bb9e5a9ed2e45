using Learn.Dnn.Data;
using Learn.Dnn.Layers;
using Learn.Dnn.Losses;

namespace Learn.Dnn.Tests.Errors;

/// <summary>Bad input fails with a message naming the operation, what was expected and what came.</summary>
public sealed class BadInputTests
{
    [Fact]
    public void MatMul_with_mismatched_inner_dimensions_names_both_shapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros(2, 3).MatMul(Tensor.Zeros(4, 5)));
        Assert.Contains("MatMul", e.Message);
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[4, 5]", e.Message);
        Assert.Contains("3 ≠ 4", e.Message);
    }

    [Fact]
    public void Dense_with_the_wrong_input_width_names_the_layer_and_shapes()
    {
        var layer = new Dense(4, name: "hidden");
        layer.Call(Tensor.Zeros(2, 3));
        var e = Assert.Throws<ShapeMismatchException>(() => layer.Call(Tensor.Zeros(2, 5)));
        Assert.Contains("Dense 'hidden'", e.Message);
        Assert.Contains("[batch, 3]", e.Message);
        Assert.Contains("[2, 5]", e.Message);
    }

    [Fact]
    public void A_loss_with_a_target_of_the_wrong_shape_names_both_shapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => new MeanSquaredError().Call(Tensor.Zeros(4, 1), Tensor.Zeros(4, 2)));
        Assert.Contains("MeanSquaredError", e.Message);
        Assert.Contains("[4, 1]", e.Message);
        Assert.Contains("[4, 2]", e.Message);
        var sparse = Assert.Throws<ShapeMismatchException>(() => new SparseCategoricalCrossentropy().Call(Tensor.Zeros(3), Tensor.Zeros(4, 2)));
        Assert.Contains("[4]", sparse.Message);
    }

    [Fact]
    public void NaN_in_input_data_is_reported_with_its_position()
    {
        var x = Tensor.FromArray(new float[,] { { 1, 2 }, { 3, float.NaN } });
        var e = Assert.Throws<ArgumentException>(() => new StandardScaler().Fit(x));
        Assert.Contains("StandardScaler.Fit", e.Message);
        Assert.Contains("NaN", e.Message);
        Assert.Contains("row 1, column 1", e.Message);
        Assert.Throws<ArgumentException>(() => Split.TrainTest(x, Tensor.Zeros(2), 0.5, 1));
    }

    [Fact]
    public void Malformed_csv_names_the_line_and_what_was_found()
    {
        var e = Assert.Throws<FormatException>(() => CsvTable.Parse("a,b\n1,2\n3\n", "data.csv"));
        Assert.Contains("data.csv, line 3", e.Message);
        Assert.Contains("expected 2 fields", e.Message);

        var table = CsvTable.Parse("a,b\n1,2\n3,x\n", "data.csv");
        var number = Assert.Throws<FormatException>(() => table.Numeric("a", "b"));
        Assert.Contains("data row 2, column \"b\"", number.Message);
        Assert.Contains("\"x\"", number.Message);

        var nan = Assert.Throws<FormatException>(() => CsvTable.Parse("a\nNaN\n").Numeric("a"));
        Assert.Contains("finite number", nan.Message);
        Assert.Throws<ArgumentException>(() => table.Column("c"));
    }

    [Fact]
    public void A_label_that_is_not_a_class_is_rejected_not_rounded()
    {
        var e = Assert.Throws<ArgumentException>(() => Categorical.ToCategorical(Tensor.FromArray([0f, 1.5f], 2), 3));
        Assert.Contains("1.5", e.Message);
        Assert.Throws<ArgumentException>(() => Categorical.ToCategorical(Tensor.FromArray([3f], 1), 3));
    }

    [Fact]
    public void Unknown_activation_and_initializer_names_list_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dense(3, activation: "rellu"));
        Assert.Contains("rellu", e.Message);
        Assert.Contains("relu", e.Message);
        Assert.Throws<ArgumentException>(() => Layers.Initializers.Initializer.Get("xavier"));
    }

    [Fact]
    public void Creating_a_tensor_with_the_wrong_number_of_values_says_how_many()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => Tensor.FromArray([1f, 2f, 3f], 2, 2));
        Assert.Contains("[2, 2] needs 4 values, got 3", e.Message);
        Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros(6).Reshape(4, -1));
    }
}
