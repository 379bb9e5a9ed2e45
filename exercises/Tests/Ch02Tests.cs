using System.Runtime.CompilerServices;
using FsCheck;
using FsCheck.Fluent;
using Learn.Dnn.Autograd;
using Learn.Dnn.Exercises.Ch02;
using Xunit;

namespace Learn.Dnn.Exercises.Tests;

/// <summary>Graded tests for chapter 2: scalar backward, numerical gradients, topological order, MatMul's backward.</summary>
public class Ch02Tests
{
    private static string F(double x) => Expect.Format(x);

    [SkippableFact, Trait("Exercise", "ch02.multiply")]
    public void Multiply_forward_is_the_product_and_backward_matches_central_differences() => Graded.Run("ch02.multiply", () =>
    {
        var cases = from a in Inputs.Double(5) from b in Inputs.Double(5) from upstream in Inputs.Double(2) select (a, b, upstream);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (a, b, upstream) = c;
            var va = new Value(a, "a");
            var vb = new Value(b, "b");
            var product = ScalarOperations.Multiply(va, vb);
            string input = $"Multiply(a = {F(a)}, b = {F(b)})";
            Expect.Near(product.Data, a * b, $"{input}.Data", "the forward is a.Data * b.Data.");
            Expect.True(product.Inputs.Count == 2 && product.Inputs.Contains(va) && product.Inputs.Contains(vb),
                $"{input}.Inputs should be [a, b], got {product.Inputs.Count} inputs.", "pass [a, b] as the inputs, or Backward will never reach a and b.");
            // L = product · upstream, so ∂L/∂product = upstream: the backward must use output.Grad.
            var loss = product * new Value(upstream);
            loss.Backward();
            var numerical = GradientCheck.Numerical(x => x[0] * x[1] * upstream, [a, b]);
            Expect.Near(va.Grad, numerical[0], $"∂L/∂a for L = {input}·{F(upstream)}", "∂(ab)/∂a = b, times the gradient arriving at the output (output.Grad).", 1e-5, 1e-6, numerical[0]);
            Expect.Near(vb.Grad, numerical[1], $"∂L/∂b for L = {input}·{F(upstream)}", "∂(ab)/∂b = a, times output.Grad.", 1e-5, 1e-6, numerical[1]);
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch02.multiply")]
    public void Multiply_accumulates_the_gradient_of_a_value_used_twice() => Graded.Run("ch02.multiply", () =>
    {
        Prop.ForAll(Inputs.Double(5).ToArbitrary(), a =>
        {
            var va = new Value(a, "a");
            var square = ScalarOperations.Multiply(va, va);
            square.Backward();
            Expect.Near(va.Grad, 2 * a, $"∂(a·a)/∂a at a = {F(a)} (Multiply(a, a))",
                "both shares land on the same a: use a.Grad += ..., not a.Grad = ... .", 1e-9, 1e-9, 2 * a);
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch02.tanh")]
    public void Tanh_forward_is_stable_and_backward_matches_central_differences() => Graded.Run("ch02.tanh", () =>
    {
        var xs = Gen.Frequency((6, Inputs.Double(6)), (1, Gen.Elements(400.0, -400.0, 30.0, -30.0)));
        var cases = from x in xs from upstream in Inputs.Double(2) select (x, upstream);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (x, upstream) = c;
            var vx = new Value(x, "x");
            var t = ScalarOperations.Tanh(vx);
            Expect.Near(t.Data, Math.Tanh(x), $"Tanh(x = {F(x)}).Data", "use Math.Tanh: (e²ˣ − 1)/(e²ˣ + 1) is ∞/∞ = NaN for large x.", 1e-12, 1e-12);
            Expect.True(t.Inputs.Count == 1 && ReferenceEquals(t.Inputs[0], vx), $"Tanh(x = {F(x)}).Inputs should be [x].", "pass [a] as the inputs.");
            var loss = t * new Value(upstream);
            loss.Backward();
            double numerical = GradientCheck.Numerical(v => Math.Tanh(v[0]) * upstream, [x])[0];
            Expect.Near(vx.Grad, numerical, $"d/dx (tanh(x)·{F(upstream)}) at x = {F(x)}",
                "∂tanh(a)/∂a = 1 − tanh²a = 1 − output.Data², times output.Grad, added to a.Grad.", 1e-5, 1e-7, numerical);
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch02.numerical-gradient")]
    public void Central_difference_is_exact_on_quadratics_and_leaves_x_unchanged() => Graded.Run("ch02.numerical-gradient", () =>
    {
        // f(x) = Σᵢ cᵢxᵢ² + Σᵢ dᵢxᵢ + x₀·x_last: the central difference of a quadratic is exact
        // (up to rounding); the one-sided difference is off by cᵢ·h.
        var cases = from n in Gen.Choose(1, 5)
                    from c in Inputs.Doubles(n, 3)
                    from d in Inputs.Doubles(n, 3)
                    from x in Inputs.Doubles(n, 3)
                    select (c, d, x);
        Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var (c, d, x) = t;
            double Quadratic(double[] v) =>
                v.Select((vi, i) => c[i] * vi * vi + d[i] * vi).Sum() + v[0] * v[^1];
            var before = (double[])x.Clone();
            const double h = 1e-3;
            var gradient = NumericalGradient.CentralDifference(Quadratic, x, h);
            Expect.True(x.SequenceEqual(before), $"CentralDifference changed x from {Expect.Format(before)} to {Expect.Format(x)}.",
                "perturb a copy of x (or restore each entry after using it).");
            Expect.Length(gradient, x.Length, "The gradient", "one partial derivative per coordinate of x.");
            for (int i = 0; i < x.Length; i++)
            {
                double exact = 2 * c[i] * x[i] + d[i] + (x.Length == 1 ? 2 * x[0] : i == 0 ? x[^1] : i == x.Length - 1 ? x[0] : 0);
                Expect.Near(gradient[i], exact,
                    $"∂f/∂x{i} for f(x) = Σ cᵢxᵢ² + Σ dᵢxᵢ + x₀x_last with c = {Expect.Format(c)}, d = {Expect.Format(d)}, at x = {Expect.Format(x)} (h = {h})",
                    "use (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, which is exact on quadratics; (f(x + h·eᵢ) − f(x)) / h is off by cᵢ·h.", 1e-6, 1e-6);
            }
        }).QuickCheckThrowOnFailure();
    });

    /// <summary>A random graph of + and * and tanh over 1–3 leaves, built from a list of choices, values reused freely.</summary>
    private static Value BuildGraph(int leaves, int[] choices)
    {
        var nodes = Enumerable.Range(0, leaves).Select(i => new Value(0.5 + i, $"x{i}")).ToList();
        for (int k = 0; k + 2 < choices.Length; k += 3)
        {
            var a = nodes[choices[k] % nodes.Count];
            var b = nodes[choices[k + 1] % nodes.Count];
            nodes.Add((choices[k + 2] % 3) switch { 0 => a + b, 1 => a * b, _ => a.Tanh() });
        }
        return nodes[^1];
    }

    private static HashSet<Value> Reachable(Value root)
    {
        var seen = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Value>([root]);
        while (stack.Count > 0)
        {
            var v = stack.Pop();
            if (seen.Add(v)) foreach (var input in v.Inputs) stack.Push(input);
        }
        return seen;
    }

    private static void CheckOrder(Value root, string graph)
    {
        var order = TopologicalSort.TopologicalOrder(root);
        const string hint = "depth-first: mark v visited, visit each input, then append v.";
        Expect.True(order is not null, $"TopologicalOrder of {graph} returned null.", hint);
        var distinct = new HashSet<Value>(order, ReferenceEqualityComparer.Instance);
        var reachable = Reachable(root);
        Expect.True(distinct.Count == order.Count,
            $"TopologicalOrder of {graph} lists {order.Count - distinct.Count} value(s) more than once.",
            "a value used twice (b = a + a) must appear once: skip values you have already visited.");
        Expect.True(distinct.SetEquals(reachable),
            $"TopologicalOrder of {graph} should list the {reachable.Count} values the root depends on (root included), got {distinct.Count} distinct ones, {distinct.Count(v => !reachable.Contains(v))} of them not in the graph.",
            "start from the root and follow Inputs recursively.");
        var position = new Dictionary<Value, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < order.Count; i++) position[order[i]] = i;
        foreach (var v in order)
            foreach (var input in v.Inputs)
                Expect.True(position[input] < position[v],
                    $"In the TopologicalOrder of {graph}, {v} (position {position[v]}) comes before its input {input} (position {position[input]}).",
                    "append a value only after all of its inputs have been visited (post-order).");
        Expect.True(ReferenceEquals(order[^1], root), $"TopologicalOrder of {graph} should end with the root.", hint);
    }

    [SkippableFact, Trait("Exercise", "ch02.topological-order")]
    public void Topological_order_lists_each_value_once_after_its_inputs() => Graded.Run("ch02.topological-order", () =>
    {
        // micrograd's classic: a node used twice, b = a + a; c = b + b.
        var a = new Value(3, "a");
        var b = a + a;
        var c = b + b;
        CheckOrder(c, "c = b + b with b = a + a");

        var graphs = from leaves in Gen.Choose(1, 3)
                     from choices in Gen.Choose(0, 1000).ArrayOf()
                     select (leaves, choices);
        Prop.ForAll(graphs.ToArbitrary(), g =>
            CheckOrder(BuildGraph(g.leaves, g.choices), $"a random graph of {g.choices.Length / 3} operations over {g.leaves} input(s)")
        ).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch02.matmul-backward")]
    public void MatMul_backward_matches_central_differences_on_every_shape() => Graded.Run("ch02.matmul-backward", () =>
    {
        var cases = from n in Gen.Choose(1, 4)
                    from k in Gen.Choose(1, 4)
                    from m in Gen.Choose(1, 4)
                    from a in Inputs.Matrix(n, k, 2)
                    from b in Inputs.Matrix(k, m, 2)
                    from dC in Inputs.Matrix(n, m, 2)
                    select (a, b, dC);
        Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var (a, b, dC) = t;
            int n = a.GetLength(0), k = a.GetLength(1), m = b.GetLength(1);
            string input = $"MatMulBackward with A: [{n}, {k}], B: [{k}, {m}], dC: [{n}, {m}]";
            var (dA, dB) = MatMulBackward.Backward(a, b, dC);
            Expect.True(dA is not null && dA.GetLength(0) == n && dA.GetLength(1) == k,
                $"{input}: dA should be [{n}, {k}] (A's shape), got {Expect.ShapeOf(dA)}.", "dA = dC·Bᵀ: [n, m]·[m, k] = [n, k].");
            Expect.True(dB is not null && dB.GetLength(0) == k && dB.GetLength(1) == m,
                $"{input}: dB should be [{k}, {m}] (B's shape), got {Expect.ShapeOf(dB)}.", "dB = Aᵀ·dC: [k, n]·[n, m] = [k, m].");

            // L = Σᵢⱼ (A·B)ᵢⱼ·dCᵢⱼ, so ∂L/∂C = dC; its gradients by central differences:
            double Loss(double[,] x, double[,] y)
            {
                double sum = 0;
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < m; j++)
                        for (int p = 0; p < k; p++)
                            sum += x[i, p] * y[p, j] * dC[i, j];
                return sum;
            }
            var numericalA = GradientCheck.Numerical(v => Loss(ToMatrix(v, n, k), b), Flatten(a));
            var numericalB = GradientCheck.Numerical(v => Loss(a, ToMatrix(v, k, m)), Flatten(b));
            for (int i = 0; i < n * k; i++)
                Expect.Near(dA[i / k, i % k], numericalA[i], $"{input}: dA[{i / k}, {i % k}]",
                    "dA[i, p] = Σⱼ dC[i, j]·B[p, j] (that is dC·Bᵀ).", 1e-5, 1e-6, numericalA[i]);
            for (int i = 0; i < k * m; i++)
                Expect.Near(dB[i / m, i % m], numericalB[i], $"{input}: dB[{i / m}, {i % m}]",
                    "dB[p, j] = Σᵢ A[i, p]·dC[i, j] (that is Aᵀ·dC).", 1e-5, 1e-6, numericalB[i]);
        }).QuickCheckThrowOnFailure();
    });

    private static double[] Flatten(double[,] m) => m.Cast<double>().ToArray();

    private static double[,] ToMatrix(double[] values, int rows, int columns)
    {
        var m = new double[rows, columns];
        for (int i = 0; i < values.Length; i++) m[i / columns, i % columns] = values[i];
        return m;
    }
}
