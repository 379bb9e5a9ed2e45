using Learn.Dnn.Autograd;

namespace Learn.Dnn.Tests.Autograd;

public sealed class AutodiffTests
{
    [Fact]
    public void A_value_used_twice_gets_both_gradients()
    {
        // b = a + a; c = b + b  ⇒  c = 4a, dc/da = 4 (micrograd's classic bug without a topological sort)
        var a = new Value(3.0);
        var b = a + a;
        var c = b + b;
        c.Backward();
        Assert.Equal(4.0, a.Grad, 12);
        Assert.Equal(2.0, b.Grad, 12);
    }

    [Fact]
    public void A_tensor_used_twice_gets_both_gradients()
    {
        var a = Tensor.FromArray([1f, -2f, 3f], 3);
        a.RequiresGrad = true;
        var b = a + a;
        var c = b + b;
        c.Sum().Backward();
        Assert.Equal([4f, 4f, 4f], a.Grad!.ToArray());
    }

    [Fact]
    public void Multiplying_a_tensor_by_itself_gives_two_x()
    {
        var a = Tensor.FromArray([1f, -2f, 3f], 3);
        a.RequiresGrad = true;
        (a * a).Sum().Backward();
        Assert.Equal([2f, -4f, 6f], a.Grad!.ToArray());
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("cpu")]
    public void A_matrix_used_in_two_products_gets_the_sum_added_by_gemm_beta(string device)
    {
        // y = x·W + (x·W)·V. The second product's ∂L/∂W is added into the first's by GEMM's β = 1,
        // and relu's backward hands its fresh tensor over as Grad; the sums must be the composed ones.
        using var _ = Learn.Dnn.Devices.Device.Use(Learn.Dnn.Devices.Device.Parse(device));
        var rng = new Rng(5);
        var x = rng.Uniform(new Shape(4, 3), -1f, 1f);
        var w = rng.Uniform(new Shape(3, 3), -1f, 1f);
        var v = rng.Uniform(new Shape(3, 3), -1f, 1f);
        w.RequiresGrad = true;
        var h = x.MatMul(w);
        var y = h + h.Relu().MatMul(v).MatMul(w);
        y.Sum().Backward();
        float[] got = w.Grad!.ToArray();

        // The same gradient by hand, in doubles: ∂L/∂W = xᵀ·1 + (relu(h)·V)ᵀ·1 + xᵀ·(mask ⊙ (1·Wᵀ·Vᵀ)).
        double[,] X = To2D(x), W = To2D(w), V = To2D(v), H = MatMul(X, W);
        var reluH = Map(H, z => Math.Max(z, 0)); var R = MatMul(reluH, V);
        var ones = Map(new double[4, 3], _ => 1);
        var dReluH = MatMul(MatMul(ones, Transpose(W)), Transpose(V));
        var dH = Add(ones, Hadamard(Map(H, z => z > 0 ? 1 : 0), dReluH));
        var want = Add(MatMul(Transpose(X), dH), MatMul(Transpose(R), ones));
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(want[i, j], got[i * 3 + j], 4);
    }

    private static double[,] To2D(Tensor t)
    {
        var a = t.ToArray(); int r = t.Shape[0], c = t.Shape[1];
        var m = new double[r, c];
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) m[i, j] = a[i * c + j];
        return m;
    }

    private static double[,] MatMul(double[,] a, double[,] b)
    {
        var c = new double[a.GetLength(0), b.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < b.GetLength(1); j++)
                for (int k = 0; k < a.GetLength(1); k++) c[i, j] += a[i, k] * b[k, j];
        return c;
    }

    private static double[,] Transpose(double[,] a) =>
        Zip(new double[a.GetLength(1), a.GetLength(0)], new double[a.GetLength(1), a.GetLength(0)], (i, j, _, _) => a[j, i]);
    private static double[,] Map(double[,] a, Func<double, double> f) => Zip(a, a, (_, _, x, _) => f(x));
    private static double[,] Add(double[,] a, double[,] b) => Zip(a, b, (_, _, x, y) => x + y);
    private static double[,] Hadamard(double[,] a, double[,] b) => Zip(a, b, (_, _, x, y) => x * y);

    private static double[,] Zip(double[,] a, double[,] b, Func<int, int, double, double, double> f)
    {
        var c = new double[a.GetLength(0), a.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++) c[i, j] = f(i, j, a[i, j], b[i, j]);
        return c;
    }

    [Fact]
    public void Calling_backward_twice_accumulates_into_the_leaves()
    {
        var x = Tensor.FromArray([0.5f, -1f], 2);
        x.RequiresGrad = true;
        var loss = (x * x * x).Sum();            // ∂/∂x = 3x²
        loss.Backward();
        loss.Backward();                         // documented: adds the same gradient again
        Assert.Equal([1.5f, 6f], x.Grad!.ToArray());
    }

    [Fact]
    public void Value_backward_twice_accumulates_and_zero_grad_resets()
    {
        var x = new Value(2.0);
        var y = x * x;
        y.Backward();
        Assert.Equal(4.0, x.Grad, 12);
        y.ZeroGrad();
        Assert.Equal(0.0, x.Grad, 12);
        y.Backward();
        Assert.Equal(4.0, x.Grad, 12);
    }

    [Fact]
    public void Zero_grad_clears_the_gradient_before_the_next_step()
    {
        var w = Tensor.FromArray([2f], 1);
        w.RequiresGrad = true;
        (w * 3f).Sum().Backward();
        w.ZeroGrad();
        Assert.Null(w.Grad);
        (w * 5f).Sum().Backward();
        Assert.Equal([5f], w.Grad!.ToArray());
    }

    [Fact]
    public void No_graph_is_recorded_inside_NoGrad()
    {
        var w = Tensor.FromArray([2f], 1);
        w.RequiresGrad = true;
        using (Tensor.NoGrad())
        {
            var y = w * 3f;
            Assert.False(y.RequiresGrad);
        }
        Assert.True((w * 3f).RequiresGrad);
    }

    [Fact]
    public void Value_gradients_match_the_chain_rule_and_central_differences()
    {
        // L = tanh(x1·w1 + x2·w2 + b) at micrograd's point; inputs ordered x1, x2, w1, w2, b
        double[] point = [2.0, 0.0, -3.0, 1.0, 6.8813735870195432];
        static Value Neuron(Value[] v) => (v[0] * v[2] + v[1] * v[3] + v[4]).Tanh();
        var inputs = point.Select(p => new Value(p)).ToArray();
        Neuron(inputs).Backward();
        var numerical = GradientCheck.Numerical(x => Neuron(x.Select(p => new Value(p)).ToArray()).Data, point, 1e-6);
        for (int i = 0; i < point.Length; i++)
            Assert.True(Math.Abs(inputs[i].Grad - numerical[i]) < 1e-6, $"input {i}: backward {inputs[i].Grad}, numerical {numerical[i]}");
        Assert.Equal(0.5, inputs[1].Grad, 6);   // ∂L/∂x2 = w2·(1 − tanh²n) = 1·0.5, since tanh n = 1/√2
        Assert.Equal(0.0, inputs[3].Grad, 6);   // ∂L/∂w2 = x2·0.5 = 0
    }

    [Fact]
    public void Topological_order_lists_inputs_before_their_users()
    {
        var a = new Value(1.0, "a");
        var b = new Value(2.0, "b");
        var c = a * b;
        var d = c + a;
        var order = d.TopologicalOrder();
        Assert.True(order.IndexOf(a) < order.IndexOf(c));
        Assert.True(order.IndexOf(c) < order.IndexOf(d));
        Assert.Equal(d, order[^1]);
    }

    [Fact]
    public void A_long_chain_does_not_overflow_the_stack()
    {
        var x = Tensor.FromArray([1f], 1);
        x.RequiresGrad = true;
        var y = x;
        for (int i = 0; i < 20_000; i++) y = y * 1f;
        y.Sum().Backward();
        Assert.Equal([1f], x.Grad!.ToArray());
    }

    [Fact]
    public void Backward_on_a_non_scalar_says_what_to_do()
    {
        var x = Tensor.FromArray([1f, 2f], 2);
        x.RequiresGrad = true;
        var e = Assert.Throws<InvalidOperationException>(() => (x * 2f).Backward());
        Assert.Contains("[2]", e.Message);
        Assert.Contains("single number", e.Message);
    }
}
