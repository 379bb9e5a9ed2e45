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
            var va = new Node(a, "a");
            var vb = new Node(b, "b");
            var product = ScalarOperations.Multiply(va, vb);
            string input = $"Multiply(a = {F(a)}, b = {F(b)})";
            Expect.Near(product.Data, a * b, $"{input}.Data", "the forward is a.Data * b.Data.");
            Expect.True(product.Inputs.Count == 2 && product.Inputs.Contains(va) && product.Inputs.Contains(vb),
                $"{input}.Inputs should be [a, b], got {product.Inputs.Count} inputs.", "pass [a, b] as the inputs, or Backward will never reach a and b.");
            // ∂L/∂product = upstream arrives from further up the graph: the backward must use output.Grad.
            product.Grad = upstream;
            product.BackwardStep();
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
            var va = new Node(a, "a");
            var square = ScalarOperations.Multiply(va, va);
            square.Grad = 1;
            square.BackwardStep();
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
            var vx = new Node(x, "x");
            var t = ScalarOperations.Tanh(vx);
            Expect.Near(t.Data, Math.Tanh(x), $"Tanh(x = {F(x)}).Data", "use Math.Tanh: (e²ˣ − 1)/(e²ˣ + 1) is ∞/∞ = NaN for large x.", 1e-12, 1e-12);
            Expect.True(t.Inputs.Count == 1 && ReferenceEquals(t.Inputs[0], vx), $"Tanh(x = {F(x)}).Inputs should be [x].", "pass [a] as the inputs.");
            t.Grad = upstream;
            t.BackwardStep();
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

    // The tests' own operations on Node (the exercises' Multiply and Tanh are not needed to grade the graph walk).
    private static Node Add(Node a, Node b) => new(a.Data + b.Data, [a, b], "+", o => { a.Grad += o.Grad; b.Grad += o.Grad; });
    private static Node Mul(Node a, Node b) => new(a.Data * b.Data, [a, b], "*", o => { a.Grad += b.Data * o.Grad; b.Grad += a.Data * o.Grad; });
    private static Node Tanh(Node a) => new(Math.Tanh(a.Data), [a], "tanh", o => a.Grad += (1 - o.Data * o.Data) * o.Grad);

    /// <summary>A random graph of + and * and tanh over 1–3 leaves, built from a list of choices, nodes reused freely.</summary>
    private static (Node Root, List<Node> Leaves, Func<double[], double> F) BuildGraph(int leaves, int[] choices)
    {
        var nodes = Enumerable.Range(0, leaves).Select(i => new Node(0.5 + 0.25 * i, $"x{i}")).ToList();
        var leafNodes = nodes.ToList();
        // The same graph as a function of the leaves' values, for central differences.
        var steps = new List<(int A, int B, int Op)>();
        for (int k = 0; k + 2 < choices.Length; k += 3)
        {
            int a = choices[k] % nodes.Count, b = choices[k + 1] % nodes.Count, op = choices[k + 2] % 3;
            steps.Add((a, b, op));
            nodes.Add(op switch { 0 => Add(nodes[a], nodes[b]), 1 => Mul(nodes[a], nodes[b]), _ => Tanh(nodes[a]) });
        }
        double F(double[] x)
        {
            var v = x.ToList();
            foreach (var (a, b, op) in steps) v.Add(op switch { 0 => v[a] + v[b], 1 => v[a] * v[b], _ => Math.Tanh(v[a]) });
            return v[^1];
        }
        return (nodes[^1], leafNodes, F);
    }

    private static HashSet<Node> Reachable(Node root)
    {
        var seen = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Node>([root]);
        while (stack.Count > 0)
        {
            var v = stack.Pop();
            if (seen.Add(v)) foreach (var input in v.Inputs) stack.Push(input);
        }
        return seen;
    }

    private static void CheckOrder(Node root, string graph)
    {
        var order = TopologicalSort.TopologicalOrder(root);
        const string hint = "depth-first: mark v visited, visit each input, then append v.";
        Expect.True(order is not null, $"TopologicalOrder of {graph} returned null.", hint);
        var distinct = new HashSet<Node>(order, ReferenceEqualityComparer.Instance);
        var reachable = Reachable(root);
        Expect.True(distinct.Count == order.Count,
            $"TopologicalOrder of {graph} lists {order.Count - distinct.Count} node(s) more than once.",
            "a value used twice (b = a + a) must appear once: skip values you have already visited.");
        Expect.True(distinct.SetEquals(reachable),
            $"TopologicalOrder of {graph} should list the {reachable.Count} values the root depends on (root included), got {distinct.Count} distinct ones, {distinct.Count(v => !reachable.Contains(v))} of them not in the graph.",
            "start from the root and follow Inputs recursively.");
        var position = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
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
        var a = new Node(3, "a");
        var b = Add(a, a);
        var c = Add(b, b);
        CheckOrder(c, "c = b + b with b = a + a");

        var graphs = from leaves in Gen.Choose(1, 3)
                     from choices in Gen.Choose(0, 1000).ArrayOf()
                     select (leaves, choices);
        Prop.ForAll(graphs.ToArbitrary(), g =>
            CheckOrder(BuildGraph(g.leaves, g.choices).Root, $"a random graph of {g.choices.Length / 3} operations over {g.leaves} input(s)")
        ).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch02.backward")]
    public void Backward_fills_every_gradient_of_a_graph_and_can_run_twice() => Graded.Run("ch02.backward", () =>
    {
        // x → u = x·x → v = 3u → L = u + v: u is used twice, so dL/du = 1 + 3 = 4 and dL/dx = 2x·4 = 8x.
        var x = new Node(1.5, "x");
        var u = Mul(x, x);
        var v = Mul(new Node(3), u);
        var loss = Add(u, v);
        TopologicalSort.Backward(loss);
        Expect.Near(loss.Grad, 1, "After Backward(L), L.Grad", "the root's gradient is ∂L/∂L = 1: set it before the first backward step.");
        Expect.Near(u.Grad, 4, "dL/du for L = u + 3u", "u is used twice: both uses must add their share before u passes its gradient on (reverse topological order).");
        Expect.Near(x.Grad, 12, "dL/dx = 8x at x = 1.5 for L = u + 3u, u = x·x", "run BackwardStep on every node, in the reverse of TopologicalOrder, each once.");
        TopologicalSort.Backward(loss);
        Expect.Near(x.Grad, 12, "dL/dx after calling Backward(L) a second time", "set every node's Grad to 0 before the pass, so a second call gives the same gradients, not twice them.");

        var graphs = from leaves in Gen.Choose(1, 3)
                     from choices in Gen.Choose(0, 1000).ArrayOf()
                     select (leaves, choices);
        Prop.ForAll(graphs.ToArbitrary(), g =>
        {
            var (root, leafNodes, f) = BuildGraph(g.leaves, g.choices);
            TopologicalSort.Backward(root);
            var numerical = GradientCheck.Numerical(f, leafNodes.Select(n => n.Data).ToArray());
            for (int i = 0; i < leafNodes.Count; i++)
                Expect.Near(leafNodes[i].Grad, numerical[i], $"∂root/∂x{i} of a random graph of {g.choices.Length / 3} operations over {g.leaves} input(s)",
                    "reverse topological order, root.Grad = 1, every Grad zeroed first.", 1e-5, 1e-6, numerical[i]);
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch02.hadamard")]
    public void Hadamard_is_one_recorded_operation_whose_backward_matches_central_differences() => Graded.Run("ch02.hadamard", () =>
    {
        var cases = from rows in Gen.Choose(1, 4)
                    from columns in Gen.Choose(1, 4)
                    from a in Inputs.Doubles(rows * columns, 3)
                    from b in Inputs.Doubles(rows * columns, 3)
                    select (rows, columns, a, b);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var shape = new Shape(c.rows, c.columns);
            var a = Tensor.FromArray(c.a.Select(v => (float)v).ToArray(), shape);
            var b = Tensor.FromArray(c.b.Select(v => (float)v).ToArray(), shape);
            string input = $"Hadamard(a: {shape}, b: {shape})";
            a.RequiresGrad = true;
            b.RequiresGrad = true;
            var product = TensorOperation.Hadamard(a, b);
            Expect.True(product.Shape == shape, $"{input} has shape {product.Shape}; it should be {shape}.", "one output element per input element.");
            var values = product.ToArray();
            for (int i = 0; i < values.Length; i++)
                Expect.Near(values[i], (float)c.a[i] * (float)c.b[i], $"{input}[{i}] with a = {F(c.a[i])}, b = {F(c.b[i])}", "cᵢ = aᵢ·bᵢ.", 1e-5, 1e-5);
            Expect.True(product.Operation == "hadamard" && product.Parents.Count == 2 && ReferenceEquals(product.Parents[0], a) && ReferenceEquals(product.Parents[1], b),
                $"{input} was recorded as '{product.Operation ?? "nothing"}' with {product.Parents.Count} input(s); it should be one operation 'hadamard' with inputs [a, b].",
                "compute c from the numbers and record it with c.WithGradient(\"hadamard\", [a, b], dC => ...), not with the engine's a * b.");
            var gradients = GradientCheck.Tensors(t => TensorOperation.Hadamard(t[0], t[1]), [a.Detach(), b.Detach()]);
            string[] names = ["a", "b"];
            for (int which = 0; which < 2; which++)
                for (int i = 0; i < gradients[which].Analytic.Length; i++)
                    Expect.Near(gradients[which].Analytic[i], gradients[which].Numerical[i], $"{input}: ∂L/∂{names[which]}[{i}]",
                        which == 0 ? "dA = dC ⊙ b: each element of dC times the other factor." : "dB = dC ⊙ a.", 1e-2, 1e-2, gradients[which].Numerical[i]);
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch02.train-xor")]
    public void Training_xor_by_hand_reaches_a_loss_below_one_thousandth() => Graded.Run("ch02.train-xor", () =>
    {
        var (loss, predictions) = TrainXor.Train(5000, 2f, 42);
        Expect.True(float.IsFinite(loss), $"Train(5000 epochs, η = 2, seed 42) returned the loss {loss}.", "a NaN loss: check ZeroGrad before Backward, and the sign of the step (w ← w − η·∂L/∂w).");
        Expect.Length(predictions, 4, "The predictions", "one prediction per XOR example, the [4, 1] output as 4 numbers.");
        Expect.True(loss < 1e-3, $"Train(5000 epochs, η = 2, seed 42) should bring the loss below 0.001, got {F(loss)} (predictions {Expect.Format(predictions.Select(p => (double)p))}).",
            "follow the doc comment's net and initialisation exactly (W₁ then W₂ from new Rng(seed), uniform in [−1, 1]); ZeroGrad, Backward, then GradientDescentStep each epoch.");
        float[] xor = [0, 1, 1, 0];
        for (int i = 0; i < 4; i++)
            Expect.Near(predictions[i], xor[i], $"The prediction for XOR example {i}", "return the predictions of the last epoch's forward pass.", 0, 0.1);
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
