using FsCheck;
using FsCheck.Fluent;
using Learn.Dnn.Autograd;
using Xunit.Abstractions;

namespace Learn.Dnn.Tests.Operations;

/// <summary>Every registered operation: forward against its double reference, backward against central differences.</summary>
public sealed class OperationTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names() => new(OperationRegistry.All.Select(o => o.Name));

    private static Operation Find(string name) => OperationRegistry.All.Single(o => o.Name == name);

    /// <summary>Generated cases: a shape (rows 1–4, cols 1–5) and a seed for the values.</summary>
    private static Arbitrary<(int Rows, int Cols, int Seed)> Cases() =>
        (from rows in Gen.Choose(1, 4)
         from cols in Gen.Choose(1, 5)
         from seed in Gen.Choose(0, int.MaxValue - 1)
         select (rows, cols, seed)).ToArbitrary();

    /// <summary>Input values for the operation's shapes, drawn from its safe domain (redrawn until valid).</summary>
    internal static (double[][] Values, Shape[] Shapes) Inputs(Operation op, int rows, int cols, int seed)
    {
        var shapes = op.Shapes(rows, cols);
        var random = new Random(seed);
        for (int attempt = 0; ; attempt++)
        {
            var values = shapes.Select(s => Enumerable.Range(0, s.Size).Select(_ => Draw(op, random)).ToArray()).ToArray();
            if (op.Valid is null || op.Valid(values, shapes) || attempt > 1000) return (values, shapes);
        }
    }

    private static double Draw(Operation op, Random random)
    {
        while (true)
        {
            double x = op.Low + (op.High - op.Low) * random.NextDouble();
            if (Math.Abs(x) >= op.KinkMargin) return x;
        }
    }

    private static Tensor[] ToTensors(double[][] values, Shape[] shapes) =>
        values.Select((v, i) => Tensor.FromArray(v.Select(x => (float)x).ToArray(), shapes[i])).ToArray();

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_matches_the_double_precision_reference(string name)
    {
        var op = Find(name);
        Prop.ForAll(Cases(), c =>
        {
            var (values, shapes) = Inputs(op, c.Rows, c.Cols, c.Seed);
            var actual = op.Apply(ToTensors(values, shapes)).ToArray();
            var expected = op.Reference(values, shapes);
            Assert.True(expected.Length == actual.Length, $"{name}: the output has {actual.Length} elements, the reference {expected.Length} (case {c}).");
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-4 + 1e-4 * Math.Abs(expected[i]),
                    $"{name}: output {i} is {actual[i]} but the double reference gives {expected[i]} (case rows={c.Rows}, cols={c.Cols}, seed={c.Seed}).");
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Backward_matches_the_numerical_gradient(string name)
    {
        var op = Find(name);
        Prop.ForAll(Cases(), c =>
        {
            var (values, shapes) = Inputs(op, c.Rows, c.Cols, c.Seed);
            var gradients = GradientCheck.Tensors(op.Apply, ToTensors(values, shapes), h: 5e-3);
            try
            {
                GradientCheck.Assert(name, gradients, rtol: 5e-3, atol: 5e-4);
            }
            catch (GradientCheckException e)
            {
                throw new GradientCheckException($"{e.Message} (case rows={c.Rows}, cols={c.Cols}, seed={c.Seed})");
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Every_operation_is_checked_with_inputs_of_size_one()
    {
        foreach (var op in OperationRegistry.All)
        {
            var (values, shapes) = Inputs(op, 1, 1, seed: 1);
            var gradients = GradientCheck.Tensors(op.Apply, ToTensors(values, shapes), h: 5e-3);
            GradientCheck.Assert(op.Name + " (1×1)", gradients, rtol: 5e-3, atol: 5e-4);
        }
    }

    [Fact]
    public void The_gradient_check_catches_a_backward_that_is_wrong_by_one_percent()
    {
        // tanh with a backward scaled by 1.01: the forward is right, the gradient is 1% off.
        static Tensor WrongTanh(Tensor[] t) => t[0].Tanh().ScaleGradient(1.01f);
        int caught = 0, cases = 20;
        for (int seed = 0; seed < cases; seed++)
        {
            var (values, shapes) = Inputs(Find("tanh"), 3, 4, seed);
            var input = Tensor.FromArray(values[0].Select(x => (float)x).ToArray(), shapes[0]);
            var gradients = GradientCheck.Tensors(WrongTanh, [input], h: 5e-3);
            try { GradientCheck.Assert("tanh ×1.01", gradients, rtol: 5e-3, atol: 5e-4); }
            catch (GradientCheckException e) { caught++; if (seed == 0) output.WriteLine(e.Message); }
        }
        Assert.True(caught == cases, $"the checker caught the 1% error in only {caught} of {cases} cases");

        // and the correct tanh passes the same check
        var (ok, okShapes) = Inputs(Find("tanh"), 3, 4, 0);
        GradientCheck.Assert("tanh", GradientCheck.Tensors(t => t[0].Tanh(), [Tensor.FromArray(ok[0].Select(x => (float)x).ToArray(), okShapes[0])], h: 5e-3), rtol: 5e-3, atol: 5e-4);
    }
}
