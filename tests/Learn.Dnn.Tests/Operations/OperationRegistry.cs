using Learn.Dnn.Layers;
using Learn.Dnn.Losses;

namespace Learn.Dnn.Tests.Operations;

/// <summary>
/// One entry per differentiable operation: how to call it, the shapes of its inputs for a generated
/// size, the safe domain of its inputs (away from kinks and poles, so that central differences are
/// meaningful), and a reference forward in double. The forward tests and the gradient checks both
/// iterate this one list (MiniTorch's lesson: one registry drives every check).
/// </summary>
public sealed record Operation(
    string Name,
    Func<int, int, Shape[]> Shapes,                 // (rows, cols) → the input shapes
    Func<Tensor[], Tensor> Apply,
    Func<double[][], Shape[], double[]> Reference,
    double Low = -2, double High = 2,
    double KinkMargin = 0,                          // |x| ≥ margin for every input value (kinks at 0)
    Func<double[][], Shape[], bool>? Valid = null)  // any further condition on a draw (e.g. no ties for max)
{
    public override string ToString() => Name;
}

public static class OperationRegistry
{
    private static Shape[] Matrix(int r, int c) => [new Shape(r, c)];
    private static Shape[] TwoMatrices(int r, int c) => [new Shape(r, c), new Shape(r, c)];

    private static Operation Unary(string name, Func<Tensor, Tensor> f, Func<double, double> reference,
                                   double low = -2, double high = 2, double kinkMargin = 0) =>
        new(name, Matrix, t => f(t[0]), (v, _) => v[0].Select(reference).ToArray(), low, high, kinkMargin);

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>
    /// erf in double, independently of the engine's: its Maclaurin series 2/√π Σ (−1)ⁿx²ⁿ⁺¹/(n!(2n+1))
    /// for |x| ≤ 3 (accurate to ~1e-12 there), and 1 − erfc from erfc's asymptotic series beyond.
    /// </summary>
    public static double Erf(double x)
    {
        double z = Math.Abs(x);
        if (z > 3)
        {
            double inv = 1 / (2 * z * z), series = 1 - inv + 3 * inv * inv - 15 * inv * inv * inv + 105 * Math.Pow(inv, 4);
            return Math.Sign(x) * (1 - Math.Exp(-z * z) / (z * Math.Sqrt(Math.PI)) * series);
        }
        double sum = 0, term = x;   // term = (−1)ⁿ x²ⁿ⁺¹ / n!
        for (int n = 0; n < 80; n++)
        {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    public static readonly Operation[] All =
    [
        // ---- elementwise maps ----
        Unary("negate", x => -x, x => -x),
        Unary("scale", x => x * 2.5f, x => 2.5 * x),
        Unary("add_scalar", x => x + 1.5f, x => x + 1.5),
        Unary("exp", x => x.Exp(), Math.Exp),
        Unary("log", x => x.Log(), Math.Log, low: 0.2, high: 3),
        Unary("sqrt", x => x.Sqrt(), Math.Sqrt, low: 0.2, high: 3),
        Unary("abs", x => x.Abs(), Math.Abs, kinkMargin: 0.05),
        Unary("pow", x => x.Pow(3f), x => x * x * x),
        Unary("square", x => x.Square(), x => x * x),
        Unary("sigmoid", x => x.Sigmoid(), Sigmoid, low: -4, high: 4),
        Unary("tanh", x => x.Tanh(), Math.Tanh),
        Unary("relu", x => x.Relu(), x => Math.Max(0, x), kinkMargin: 0.05),
        Unary("leaky_relu", x => x.LeakyRelu(0.3f), x => x > 0 ? x : 0.3 * x, kinkMargin: 0.05),
        Unary("elu", x => x.Elu(1f), x => x > 0 ? x : Math.Exp(x) - 1, kinkMargin: 0.05),
        Unary("softplus", x => x.Softplus(), x => Math.Log(1 + Math.Exp(x)), low: -5, high: 5),
        Unary("gelu", x => x.Gelu(), x => 0.5 * x * (1 + Erf(x / Math.Sqrt(2))), low: -4, high: 4),
        Unary("gelu_tanh", x => x.Gelu(approximate: true), x => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)))),
        new("clip", Matrix, t => t[0].Clip(-1f, 1f), (v, _) => v[0].Select(x => Math.Clamp(x, -1, 1)).ToArray(),
            Valid: (v, _) => v[0].All(x => Math.Abs(Math.Abs(x) - 1) > 0.05)),
        Unary("reciprocal", x => 1f / x, x => 1 / x, low: 0.5, high: 2),

        // ---- binary, same shape and broadcast ----
        new("add", TwoMatrices, t => t[0] + t[1], (v, _) => v[0].Zip(v[1], (a, b) => a + b).ToArray()),
        new("subtract", TwoMatrices, t => t[0] - t[1], (v, _) => v[0].Zip(v[1], (a, b) => a - b).ToArray()),
        new("multiply", TwoMatrices, t => t[0] * t[1], (v, _) => v[0].Zip(v[1], (a, b) => a * b).ToArray()),
        new("divide", TwoMatrices, t => t[0] / t[1], (v, _) => v[0].Zip(v[1], (a, b) => a / b).ToArray(), Low: 0.5, High: 2),
        new("maximum", TwoMatrices, t => Tensor.Maximum(t[0], t[1]), (v, _) => v[0].Zip(v[1], Math.Max).ToArray(),
            Valid: (v, _) => v[0].Zip(v[1]).All(p => Math.Abs(p.First - p.Second) > 0.05)),
        new("add_row_broadcast", (r, c) => [new Shape(r, c), new Shape(c)], t => t[0] + t[1],
            (v, s) => Broadcast(v, s, (a, b) => a + b)),
        new("multiply_column_broadcast", (r, c) => [new Shape(r, c), new Shape(r, 1)], t => t[0] * t[1],
            (v, s) => Broadcast(v, s, (a, b) => a * b)),
        new("subtract_outer_broadcast", (r, c) => [new Shape(r, 1), new Shape(1, c)], t => t[0] - t[1],
            (v, s) => Broadcast(v, s, (a, b) => a - b)),

        // ---- linear algebra and shaping ----
        new("matmul", (r, c) => [new Shape(r, c + 1), new Shape(c + 1, c)], t => t[0].MatMul(t[1]),
            (v, s) => NaiveMatMul(v[0], v[1], s[0][0], s[0][1], s[1][1])),
        new("slice", (r, c) => [new Shape(r, c + 2)], t => t[0].Slice(1, t[0].Shape[1] - 2),
            (v, s) => Enumerable.Range(0, s[0][0]).SelectMany(i => Row(v[0], s[0], i).Skip(1).Take(s[0][1] - 2)).ToArray()),
        new("slice_twice_summed", (r, c) => [new Shape(r, c + 1)], t => t[0].Slice(0, t[0].Shape[1] - 1) + t[0].Slice(1, t[0].Shape[1] - 1),
            (v, s) => Enumerable.Range(0, s[0][0]).SelectMany(i => { var row = Row(v[0], s[0], i).ToArray(); return row.Skip(1).Select((x, j) => row[j] + x); }).ToArray()),
        new("concatenate", (r, c) => [new Shape(r, c), new Shape(r, 2)], t => Tensor.Concatenate(t[0], t[1]),
            (v, s) => Enumerable.Range(0, s[0][0]).SelectMany(i => Row(v[0], s[0], i).Concat(Row(v[1], s[1], i))).ToArray()),
        new("transpose", Matrix, t => t[0].T, (v, s) => Transposed(v[0], s[0][0], s[0][1])),
        new("reshape", Matrix, t => t[0].Reshape(-1), (v, _) => v[0]),
        new("rows", Matrix, t => t[0].Rows([t[0].Shape[0] - 1, 0, 0]),
            (v, s) => Row(v[0], s[0], s[0][0] - 1).Concat(Row(v[0], s[0], 0)).Concat(Row(v[0], s[0], 0)).ToArray()),

        // ---- reductions ----
        new("sum", Matrix, t => t[0].Sum(), (v, _) => [v[0].Sum()]),
        new("mean", Matrix, t => t[0].Mean(), (v, _) => [v[0].Average()]),
        new("sum_axis0", Matrix, t => t[0].Sum(0), (v, s) => Enumerable.Range(0, s[0][1]).Select(j => Column(v[0], s[0], j).Sum()).ToArray()),
        new("sum_axis1", Matrix, t => t[0].Sum(1), (v, s) => Enumerable.Range(0, s[0][0]).Select(i => Row(v[0], s[0], i).Sum()).ToArray()),
        new("mean_axis0_keepdims", Matrix, t => t[0].Mean(0, keepDims: true), (v, s) => Enumerable.Range(0, s[0][1]).Select(j => Column(v[0], s[0], j).Average()).ToArray()),
        new("max_axis1", Matrix, t => t[0].Max(1), (v, s) => Enumerable.Range(0, s[0][0]).Select(i => Row(v[0], s[0], i).Max()).ToArray(),
            Valid: (v, s) => Enumerable.Range(0, s[0][0]).All(i => { var r = Row(v[0], s[0], i).OrderDescending().ToArray(); return r.Length < 2 || r[0] - r[1] > 0.05; })),

        // ---- softmax family ----
        new("softmax", Matrix, t => t[0].Softmax(), (v, s) => RowWise(v[0], s[0], SoftmaxRow), Low: -3, High: 3),
        new("log_softmax", Matrix, t => t[0].LogSoftmax(), (v, s) => RowWise(v[0], s[0], r => SoftmaxRow(r).Select(p => Math.Log(p)).ToArray()), Low: -3, High: 3),
        new("log_sum_exp", Matrix, t => t[0].LogSumExp(), (v, s) => RowWise(v[0], s[0], r => [Math.Log(r.Sum(Math.Exp))]), Low: -3, High: 3),

        // ---- losses (second input: the target, in its own domain) ----
        new("mean_squared_error", TwoMatrices, t => new MeanSquaredError().Call(t[1], t[0]),
            (v, _) => [v[0].Zip(v[1], (p, y) => (p - y) * (p - y)).Average()]),
        new("binary_crossentropy", TwoMatrices, t => new BinaryCrossentropy().Call(t[1], t[0]),
            (v, _) => [v[0].Zip(v[1], (p, y) => -(y * Math.Log(p) + (1 - y) * Math.Log(1 - p))).Average()], Low: 0.1, High: 0.9),
        new("binary_crossentropy_from_logits", TwoMatrices, t => new BinaryCrossentropy(fromLogits: true).Call(t[1].Sigmoid(), t[0]),
            (v, _) => [v[0].Zip(v[1], (z, yRaw) => { double y = Sigmoid(yRaw), p = Sigmoid(z); return -(y * Math.Log(p) + (1 - y) * Math.Log(1 - p)); }).Average()],
            KinkMargin: 0.05),
        new("categorical_crossentropy", TwoMatrices, t => new CategoricalCrossentropy().Call(t[1].Softmax(), t[0].Softmax()),
            (v, s) => [CrossEntropy(RowWise(v[1], s[1], SoftmaxRow), RowWise(v[0], s[0], SoftmaxRow), s[0])], Low: -2, High: 2),
        new("softmax_cross_entropy", TwoMatrices, t => new CategoricalCrossentropy(fromLogits: true).Call(t[1].Softmax(), t[0]),
            (v, s) => [CrossEntropy(RowWise(v[1], s[1], SoftmaxRow), RowWise(v[0], s[0], SoftmaxRow), s[0])], Low: -2, High: 2),

        // ---- a layer ----
        new("dense_tanh", (r, c) => [new Shape(r, c), new Shape(c, 3), new Shape(3)],
            t => (t[0].MatMul(t[1]) + t[2]).Tanh(),
            (v, s) => Broadcast([NaiveMatMul(v[0], v[1], s[0][0], s[0][1], 3), v[2]], [new Shape(s[0][0], 3), s[2]], (a, b) => Math.Tanh(a + b))),

        // ---- convolution and pooling (chapter 7) ----
        .. ConvolutionOperations.All,
    ];

    // ---- double-precision references ----

    public static double[] NaiveMatMul(double[] a, double[] b, int n, int k, int m)
    {
        var c = new double[n * m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++) sum += a[i * k + p] * b[p * m + j];
                c[i * m + j] = sum;
            }
        return c;
    }

    private static double[] Transposed(double[] a, int rows, int cols)
    {
        var t = new double[a.Length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                t[j * rows + i] = a[i * cols + j];
        return t;
    }

    private static double[] Row(double[] a, Shape s, int i) => a.Skip(i * s[1]).Take(s[1]).ToArray();
    private static double[] Column(double[] a, Shape s, int j) => Enumerable.Range(0, s[0]).Select(i => a[i * s[1] + j]).ToArray();
    private static double[] RowWise(double[] a, Shape s, Func<double[], double[]> f) =>
        Enumerable.Range(0, s[0]).SelectMany(i => f(Row(a, s, i))).ToArray();

    public static double[] SoftmaxRow(double[] row)
    {
        double max = row.Max();
        var e = row.Select(x => Math.Exp(x - max)).ToArray();
        double sum = e.Sum();
        return e.Select(x => x / sum).ToArray();
    }

    private static double CrossEntropy(double[] y, double[] p, Shape s) =>
        -y.Zip(p, (t, q) => t * Math.Log(q)).Sum() / s[0];

    /// <summary>Elementwise f(a, b) with NumPy broadcasting, by explicit index arithmetic.</summary>
    private static double[] Broadcast(double[][] v, Shape[] s, Func<double, double, double> f)
    {
        var shape = Shape.Broadcast(s[0], s[1], "reference");
        var result = new double[shape.Size];
        for (int flat = 0; flat < shape.Size; flat++)
        {
            int rest = flat, ia = 0, ib = 0, strideA = 1, strideB = 1;
            for (int axis = shape.Rank - 1; axis >= 0; axis--)
            {
                int index = rest % shape[axis];
                rest /= shape[axis];
                int axisA = axis - (shape.Rank - s[0].Rank), axisB = axis - (shape.Rank - s[1].Rank);
                if (axisA >= 0) { if (s[0][axisA] > 1) ia += index * strideA; strideA *= s[0][axisA]; }
                if (axisB >= 0) { if (s[1][axisB] > 1) ib += index * strideB; strideB *= s[1][axisB]; }
            }
            result[flat] = f(v[0][ia], v[1][ib]);
        }
        return result;
    }
}
