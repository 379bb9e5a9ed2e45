namespace Learn.Dnn.Tests.Tensors;

public sealed class TensorBasicsTests
{
    [Fact]
    public void ToString_reads_like_numpy()
    {
        var t = Tensor.FromArray(new float[,] { { 1, 2.5f }, { -3, 4 } });
        Assert.Equal("tensor([[1, 2.5],\n        [-3, 4]], shape=[2, 2])", t.ToString());
        Assert.Equal("tensor(7, shape=[])", Tensor.Scalar(7).ToString());
        Assert.Contains("..., ", Tensor.Zeros(10).ToString());
    }

    [Fact]
    public void Elements_are_stored_row_major()
    {
        var t = Tensor.FromArray([0f, 1, 2, 3, 4, 5], 2, 3);
        Assert.Equal(5f, t[1, 2]);
        Assert.Equal(3f, t[1, 0]);
        Assert.Equal([3, 1], t.Shape.Strides());
        Assert.Throws<IndexOutOfRangeException>(() => t[2, 0]);
    }

    [Fact]
    public void Reshape_infers_one_dimension_and_keeps_the_numbers()
    {
        var t = Tensor.FromArray([0f, 1, 2, 3, 4, 5], 2, 3).Reshape(-1, 2);
        Assert.Equal(new Shape(3, 2), t.Shape);
        Assert.Equal([0f, 1, 2, 3, 4, 5], t.ToArray());
    }

    [Fact]
    public void Rows_gathers_in_order_and_scatters_gradients_back()
    {
        var x = Tensor.FromArray([0f, 1, 2, 3, 4, 5], 3, 2);
        x.RequiresGrad = true;
        var picked = x.Rows([2, 0, 2]);
        Assert.Equal([4f, 5, 0, 1, 4, 5], picked.ToArray());
        picked.Sum().Backward();
        Assert.Equal([1f, 1, 0, 0, 2, 2], x.Grad!.ToArray());
    }

    [Fact]
    public void Sum_and_mean_along_an_axis()
    {
        var t = Tensor.FromArray(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal([5f, 7, 9], t.Sum(0).ToArray());
        Assert.Equal([2f, 5], t.Mean(1).ToArray());
        Assert.Equal(new Shape(2, 1), t.Sum(1, keepDims: true).Shape);
        Assert.Equal([3f, 6], t.Max(-1).ToArray());
        Assert.Equal(21f, t.Sum().Item());
    }

    [Fact]
    public void Clone_copies_and_detach_stops_gradients()
    {
        var a = Tensor.FromArray([1f, 2], 2);
        a.RequiresGrad = true;
        var b = (a * 2f).Detach();
        Assert.False(b.RequiresGrad);
        var c = a.Clone();
        Assert.Equal(a.ToArray(), c.ToArray());
        Assert.NotSame(a.Storage, c.Storage);
    }
}
