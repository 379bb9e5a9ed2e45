using FsCheck;
using FsCheck.Fluent;
using Learn.Dnn.Devices;

namespace Learn.Dnn.OpenCL.Tests;

/// <summary>
/// Autodiff on the OpenCL device: each tensor operation runs forward and backward on both devices
/// from the same numbers, and the values and the gradients must agree within
/// |cpu − cl| ≤ 1e-4·max(1, |cpu|) (a backward pass chains several primitives, each within 1e-5).
/// </summary>
public class GradientParityTests
{
    private const double GradientTolerance = 1e-4;

    /// <summary>An operation under test: its name, its input shapes for generated sizes (m, n), and the function.</summary>
    private sealed record Operation(string Name, Func<int, int, Shape[]> Shapes, Func<Tensor[], Tensor> Function)
    {
        public override string ToString() => Name;
    }

    private static readonly Operation[] Operations =
    [
        new("matmul", (m, n) => [new(m, n + 2), new(n + 2, n)], x => x[0].MatMul(x[1])),
        new("softmax", (m, n) => [new(m, n)], x => x[0].Softmax()),
        new("log_softmax", (m, n) => [new(m, n)], x => (x[0] * 5f).LogSoftmax()),
        new("sigmoid", (m, n) => [new(m, n)], x => x[0].Sigmoid()),
        new("tanh", (m, n) => [new(m, n)], x => x[0].Tanh()),
        new("relu", (m, n) => [new(m, n)], x => x[0].Relu()),
        new("leaky_relu", (m, n) => [new(m, n)], x => x[0].LeakyRelu(0.2f)),
        new("elu", (m, n) => [new(m, n)], x => x[0].Elu()),
        new("softplus", (m, n) => [new(m, n)], x => x[0].Softplus()),
        new("gelu", (m, n) => [new(m, n)], x => x[0].Gelu()),
        new("exp of a product", (m, n) => [new(m, n), new(m, n)], x => (x[0] * x[1]).Exp()),
        new("bias add (broadcast [m, n] + [n])", (m, n) => [new(m, n), new(n)], x => x[0] + x[1]),
        new("outer broadcast ([m, 1] * [1, n])", (m, n) => [new(m, 1), new(1, n)], x => x[0] * x[1]),
        new("divide", (m, n) => [new(m, n), new(n)], x => x[0] / (x[1].Square() + 1f)),
        new("max over an axis", (m, n) => [new(m, n)], x => x[0].Max(-1)),
        new("mean over an axis", (m, n) => [new(m, n)], x => x[0].Mean(0)),
        new("transpose", (m, n) => [new(m, n)], x => x[0].T.MatMul(x[0])),
        new("rows", (m, n) => [new(m, n)], x => x[0].Rows([x[0].Shape[0] - 1, 0, x[0].Shape[0] / 2, x[0].Shape[0] - 1])),
        new("mlp layer", (m, n) => [new(m, 3), new(3, n), new(n)], x => (x[0].MatMul(x[1]) + x[2]).Tanh().Sum()),
        new("L1 penalty", (m, n) => [new(m, n)], x => new Learn.Dnn.Regularization.L1(0.3f).Call(x[0])),
        new("L2 penalty", (m, n) => [new(m, n)], x => new Learn.Dnn.Regularization.L2(0.2f).Call(x[0])),
        new("L1L2 penalty", (m, n) => [new(m, n)], x => new Learn.Dnn.Regularization.L1L2(0.3f, 0.2f).Call(x[0])),
        new("batch normalization, training (fused backward)", (m, n) => [new(m, n, 3), new(1, n, 1), new(1, n, 1)],
            x => Learn.Dnn.Layers.BatchNormalization.NormalizeFused(x[0], x[1], x[2], 1e-3f).Y),
        new("batch normalization, training (composed)", (m, n) => [new(m, n, 3), new(1, n, 1), new(1, n, 1)],
            x => Learn.Dnn.Layers.BatchNormalization.NormalizeComposed(x[0], x[1], x[2], 1e-3f).Y),
        new("dropout (seeded mask)", (m, n) => [new(m, n)], x => new Learn.Dnn.Layers.Dropout(0.4, seed: 9).Call(x[0], training: true)),
    ];

    [SkippableFact]
    public void Every_operation_gives_the_same_values_and_gradients_on_opencl_as_on_the_cpu()
    {
        var cl = TestDevices.Require();
        var cases = from operation in Gen.Elements(Operations)
                    from m in Gen.Choose(1, 20)
                    from n in Gen.Choose(1, 20)
                    from seed in Generators.Seed
                    select (operation, m, n, seed);
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var shapes = c.operation.Shapes(c.m, c.n);
            var inputs = shapes.Select((s, i) => Generators.Values(c.seed + i, s.Size, -2f, 2f)).ToArray();
            var (cpuValues, cpuGrads) = Run(Device.Reference, c.operation, shapes, inputs, c.seed);
            var (clValues, clGrads) = Run(cl, c.operation, shapes, inputs, c.seed);
            string what = $"{c.operation.Name} on {string.Join(" and ", shapes.Select(s => s.ToString()))} (seed={c.seed})";
            Tolerance.AssertClose(cpuValues, clValues, Tolerance.Relative(cpuValues, GradientTolerance), $"forward of {what}");
            for (int i = 0; i < inputs.Length; i++)
                Tolerance.AssertClose(cpuGrads[i], clGrads[i], Tolerance.Relative(cpuGrads[i], GradientTolerance), $"gradient of input {i} of {what}");
        }));
    }

    [SkippableFact]
    public void Every_operation_in_the_list_runs_at_least_once()
    {
        var cl = TestDevices.Require();
        foreach (var operation in Operations)
        {
            var shapes = operation.Shapes(5, 7);
            var inputs = shapes.Select((s, i) => Generators.Values(i, s.Size, -2f, 2f)).ToArray();
            var (_, cpuGrads) = Run(Device.Reference, operation, shapes, inputs, 3);
            var (_, clGrads) = Run(cl, operation, shapes, inputs, 3);
            for (int i = 0; i < inputs.Length; i++)
                Tolerance.AssertClose(cpuGrads[i], clGrads[i], Tolerance.Relative(cpuGrads[i], GradientTolerance), $"gradient of input {i} of {operation.Name}");
        }
    }

    /// <summary>
    /// The engine's numerical gradient check (central differences, GradientCheck.Tensors) run with the
    /// inputs on the OpenCL device, for every operation that is smooth at its inputs (ReLU's kink and
    /// max's ties would need care that the CPU tests already take): rtol = atol = 1e-2.
    /// </summary>
    [SkippableFact]
    public void Gradients_on_opencl_pass_the_numerical_gradient_check()
    {
        var cl = TestDevices.Require();
        string[] kinks = ["relu", "leaky_relu", "max over an axis"];
        foreach (var operation in Operations.Where(o => !kinks.Contains(o.Name)))
        {
            var shapes = operation.Shapes(3, 4);
            var inputs = shapes.Select((s, i) => Tensor.FromArray(Generators.Values(40 + i, s.Size, -2f, 2f), s, cl)).ToArray();
            var gradients = Learn.Dnn.Autograd.GradientCheck.Tensors(operation.Function, inputs);
            Learn.Dnn.Autograd.GradientCheck.Assert($"{operation.Name} on OpenCL", gradients);
        }
    }

    /// <summary>
    /// y = f(inputs) and the gradients of L = Σ w ⊙ y for fixed random weights w (so every output
    /// element sends a different gradient back).
    /// </summary>
    private static (float[] Values, float[][] Gradients) Run(IDevice device, Operation operation, Shape[] shapes, float[][] inputs, int seed)
    {
        var x = inputs.Select((v, i) => Leaf(v, shapes[i], device)).ToArray();
        var y = operation.Function(x);
        var w = Tensor.FromArray(Generators.Values(seed + 100, y.Size, -1f, 1f), y.Shape, device);
        (y * w).Sum().Backward();
        return (y.ToArray(), x.Select(t => t.Grad?.ToArray() ?? new float[t.Size]).ToArray());
    }

    private static Tensor Leaf(float[] values, Shape shape, IDevice device)
    {
        var t = Tensor.FromArray(values, shape, device);
        t.RequiresGrad = true;
        return t;
    }
}
