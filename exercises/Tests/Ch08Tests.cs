using FsCheck;
using FsCheck.Fluent;
using Learn.Dnn.Autograd;
using Learn.Dnn.Exercises.Ch08;
using Learn.Dnn.Recurrent;
using Xunit;

namespace Learn.Dnn.Exercises.Tests;

/// <summary>Graded tests for chapter 8: a SimpleRNN step, an LSTM step, BPTT by hand, global clipnorm, and a GRU step on the engine.</summary>
public class Ch08Tests
{
    private static string F(double x) => Expect.Format(x);
    private static string F(IEnumerable<double> xs) => Expect.Format(xs);

    private static double[] Row(double[,] m, int i) => Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j]).ToArray();

    /// <summary>A cell's shapes and values: n features (1–4), u units (1–4), weights for <paramref name="gates"/> gates.</summary>
    private static Gen<(double[] X, double[] H, double[] C, double[,] W, double[,] U, double[] B)> Cells(int gates) =>
        from n in Gen.Choose(1, 4)
        from u in Gen.Choose(1, 4)
        from x in Inputs.Doubles(n, 2)
        from h in Inputs.Doubles(u, 1)
        from c in Inputs.Doubles(u, 2)
        from w in Inputs.Matrix(n, gates * u, 1)
        from r in Inputs.Matrix(u, gates * u, 1)
        from b in Inputs.Doubles(gates * u, 1)
        select (x, h, c, w, r, b);

    private static Tensor Matrix(double[,] m) => Tensor.FromArray(Enumerable.Range(0, m.GetLength(0)).SelectMany(i => Row(m, i)).Select(v => (float)v).ToArray(), m.GetLength(0), m.GetLength(1));
    private static Tensor Vector(double[] v, params int[] shape) => Tensor.FromArray(v.Select(e => (float)e).ToArray(), shape);

    [SkippableFact, Trait("Exercise", "ch08.rnn-step")]
    public void Rnn_step_is_tanh_of_x_W_plus_h_U_plus_b() => Graded.Run("ch08.rnn-step", () =>
    {
        var h1 = RecurrentSteps.RnnStep([1.0], [0.5], new double[,] { { 2.0 } }, new double[,] { { -1.0 } }, [0.25]);
        Expect.Near(h1[0], Math.Tanh(2 - 0.5 + 0.25), "RnnStep(x = [1], h₋ = [0.5], W = [[2]], U = [[−1]], b = [0.25])",
            "h = tanh(x·W + h₋·U + b) = tanh(2 − 0.5 + 0.25): the previous state enters through U.", 1e-12);
        Prop.ForAll(Cells(1).ToArbitrary(), c =>
        {
            var h = RecurrentSteps.RnnStep(c.X, c.H, c.W, c.U, c.B);
            string input = $"RnnStep(x = {F(c.X)}, h₋ = {F(c.H)}, W: [{c.W.GetLength(0)}, {c.W.GetLength(1)}], b = {F(c.B)})";
            Expect.Length(h, c.H.Length, input, "the new state has u entries, like h₋.");
            for (int j = 0; j < h.Length; j++)
            {
                double z = c.B[j];
                for (int i = 0; i < c.X.Length; i++) z += c.X[i] * c.W[i, j];
                for (int k = 0; k < c.H.Length; k++) z += c.H[k] * c.U[k, j];
                Expect.Near(h[j], Math.Tanh(z), $"{input}, h[{j}]", "column j of W and of U: z_j = Σᵢ xᵢ·W[i, j] + Σₖ h₋ₖ·U[k, j] + b_j, then tanh.", 1e-12, 1e-12);
            }
        }).QuickCheckThrowOnFailure();
        bool threw = false;
        try { RecurrentSteps.RnnStep([1, 2], [0], new double[1, 1], new double[1, 1], [0]); }
        catch (ArgumentException) { threw = true; }
        Expect.True(threw, "RnnStep with x of 2 features and W of 1 row should throw an ArgumentException.", "W must be [x.Length, h.Length].");
    });

    [SkippableFact, Trait("Exercise", "ch08.lstm-step")]
    public void Lstm_step_matches_the_engines_LSTM_with_Keras_gate_order() => Graded.Run("ch08.lstm-step", () =>
    {
        // Only the forget gate's bias is large: f = σ(10) ≈ 1 keeps c₋, i = σ(−10) ≈ 0 adds nothing, o = σ(10) ≈ 1.
        var (hKeep, cKeep) = RecurrentSteps.LstmStep([0.0], [0.0], [0.5], new double[1, 4], new double[1, 4], [-10, 10, 0, 10]);
        Expect.Near(cKeep[0], 0.5 / (1 + Math.Exp(-10)), "LstmStep with b = [b_i, b_f, b_c, b_o] = [−10, 10, 0, 10], c₋ = 0.5: the new c",
            "the gate order is i, f, c, o: columns u … 2u − 1 are the forget gate, which multiplies c₋.", 1e-9);
        Expect.Near(hKeep[0], Math.Tanh(cKeep[0]) / (1 + Math.Exp(-10)), "the same step's h", "h = o ⊙ tanh(c), with the NEW c.", 1e-9);
        Prop.ForAll(Cells(4).ToArbitrary(), c =>
        {
            var (h, cell) = RecurrentSteps.LstmStep(c.X, c.H, c.C, c.W, c.U, c.B);
            int n = c.X.Length, u = c.H.Length;
            var lstm = new LSTM(u, seed: 1);
            var x = Vector(c.X, 1, 1, n);
            lstm.CallWithState(x, [Vector(c.H, 1, u), Vector(c.C, 1, u)]);                // builds the weights
            lstm.SetWeights([Matrix(c.W), Matrix(c.U), Vector(c.B, 4 * u)]);
            var states = lstm.CallWithState(x, [Vector(c.H, 1, u), Vector(c.C, 1, u)]).States;
            var (expectedH, expectedC) = (states[0].ToArray(), states[1].ToArray());
            string input = $"LstmStep(x = {F(c.X)}, h₋ = {F(c.H)}, c₋ = {F(c.C)}, b = {F(c.B)})";
            Expect.Length(cell, u, input + ": c", "c has u entries.");
            Expect.Length(h, u, input + ": h", "h has u entries.");
            for (int j = 0; j < u; j++)
            {
                Expect.Near(cell[j], expectedC[j], $"{input}, c[{j}] (Keras' LSTM)", "c = f ⊙ c₋ + i ⊙ c̃ with the blocks in the order i, f, c, o; c̃ uses tanh, the gates σ.", 1e-4, 1e-4);
                Expect.Near(h[j], expectedH[j], $"{input}, h[{j}] (Keras' LSTM)", "h = o ⊙ tanh(c); o is the LAST block of u columns.", 1e-4, 1e-4);
            }
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch08.bptt-scalar")]
    public void Bptt_of_a_scalar_linear_rnn_matches_central_differences() => Graded.Run("ch08.bptt-scalar", () =>
    {
        // T = 1, h₀ = 0: h₁ = u·x₁, L = ½(u·x₁ − y)², so ∂L/∂u = (h₁ − y)·x₁, ∂L/∂w = (h₁ − y)·h₀ = 0, ∂L/∂h₀ = (h₁ − y)·w.
        var one = Bptt.ScalarLinearRnnGradients([2.0], 0.5, 3.0, 0.0, 1.0);
        Expect.Near(one.DU, 10, "ScalarLinearRnnGradients(x = [2], w = 0.5, u = 3, h₀ = 0, y = 1): ∂L/∂u", "h₁ = 6, so δ = h₁ − y = 5 and ∂L/∂u = δ·x₁ = 10.", 1e-12);
        Expect.Near(one.DW, 0, "the same call's ∂L/∂w", "∂L/∂w = δ·h₀ = 0 when h₀ = 0.", 1e-12);
        Expect.Near(one.DH0, 2.5, "the same call's ∂L/∂h₀", "∂L/∂h₀ = δ·w = 2.5.", 1e-12);
        var cases = from steps in Gen.Choose(1, 12)
                    from x in Inputs.Doubles(steps, 2)
                    from w in Gen.Elements(-1.5, -0.9, -0.3, 0.0, 0.5, 0.95, 1.2)
                    from u in Inputs.Double(2)
                    from h0 in Inputs.Double(1)
                    from y in Inputs.Double(3)
                    select (x, w, u, h0, y);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            double Loss(double[] p)
            {
                double h = p[2];
                foreach (var xt in c.x) h = p[0] * h + p[1] * xt;
                return 0.5 * (h - c.y) * (h - c.y);
            }
            var numerical = Learn.Dnn.Autograd.GradientCheck.Numerical(Loss, [c.w, c.u, c.h0], 1e-5);
            var (dw, du, dh0) = Bptt.ScalarLinearRnnGradients(c.x, c.w, c.u, c.h0, c.y);
            string input = $"ScalarLinearRnnGradients(x = {F(c.x)}, w = {F(c.w)}, u = {F(c.u)}, h₀ = {F(c.h0)}, y = {F(c.y)})";
            Expect.Near(dw, numerical[0], input + ": ∂L/∂w", "sum δ_t·h_{t−1} over every step, with δ multiplied by w on each step back.", 1e-5, 1e-6);
            Expect.Near(du, numerical[1], input + ": ∂L/∂u", "sum δ_t·x_t over every step: u is used at each one.", 1e-5, 1e-6);
            Expect.Near(dh0, numerical[2], input + ": ∂L/∂h₀", "∂L/∂h₀ = (h_T − y)·w^T: the δ left after the last step back.", 1e-5, 1e-6);
        }).QuickCheckThrowOnFailure();
        bool threw = false;
        try { Bptt.ScalarLinearRnnGradients([], 0.5, 1, 0, 0); }
        catch (ArgumentException) { threw = true; }
        Expect.True(threw, "ScalarLinearRnnGradients with an empty x should throw an ArgumentException.", "a sequence needs at least one step.");
    });

    [SkippableFact, Trait("Exercise", "ch08.global-clipnorm")]
    public void Global_clipnorm_scales_all_gradients_by_one_factor() => Graded.Run("ch08.global-clipnorm", () =>
    {
        var clipped = GlobalClipNorm.Clip([[3.0], [4.0]], 1);
        Expect.True(clipped.Length == 2 && clipped[0].Length == 1 && clipped[1].Length == 1, "Clip([[3], [4]], 1) should return two arrays of one entry.", "one output array per gradient, of the same length.");
        Expect.Near(clipped[0][0], 0.6, "Clip([[3], [4]], c = 1)[0][0]", "the joint norm is √(3² + 4²) = 5, not each gradient's own: both scale by 1/5.", 1e-12);
        Expect.Near(clipped[1][0], 0.8, "Clip([[3], [4]], c = 1)[1][0]", "both gradients scale by the same c/‖g‖ = 1/5.", 1e-12);
        var zero = GlobalClipNorm.Clip([[0.0, 0.0], []], 1);
        Expect.True(zero.Length == 2 && zero[0].SequenceEqual([0.0, 0.0]) && zero[1].Length == 0, "Clip([[0, 0], []], 1) should return [[0, 0], []].", "a zero gradient has norm 0 ≤ c: return it unchanged (and do not divide by its norm).");
        var cases = from count in Gen.Choose(1, 4) from gs in Inputs.Vector(5, 10).ArrayOf(count) from c in Gen.Elements(0.1, 1.0, 5.0, 100.0) select (gs, c);
        Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var (gs, c) = t;
            var copy = gs.Select(g => g.ToArray()).ToArray();
            var result = GlobalClipNorm.Clip(gs, c);
            string input = $"Clip([{string.Join(", ", gs.Select(F))}], c = {F(c)})";
            Expect.True(gs.Zip(copy).All(p => p.First.SequenceEqual(p.Second)), $"{input} changed its input.", "return new arrays; the caller still needs the gradients it passed.");
            Expect.True(result.Length == gs.Length, $"{input} returned {result.Length} arrays.", "one array per gradient.");
            double norm = Math.Sqrt(gs.Sum(g => g.Sum(v => v * v)));
            double scale = norm > c ? c / norm : 1;
            for (int w = 0; w < gs.Length; w++)
            {
                Expect.Length(result[w], gs[w].Length, $"{input}[{w}]", "each gradient keeps its length.");
                for (int i = 0; i < gs[w].Length; i++)
                    Expect.Near(result[w][i], gs[w][i] * scale, $"{input}[{w}][{i}] (joint ‖g‖ = {F(norm)})",
                        norm > c ? "too long together: multiply every entry of every gradient by c/‖g‖ with the JOINT norm." : "joint ‖g‖ ≤ c: return the gradients unchanged.", 1e-12, 1e-12);
            }
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch08.gru-step")]
    public void Gru_step_matches_the_engines_GRU_and_its_gradients_check() => Graded.Run("ch08.gru-step", () =>
    {
        var cases = from batch in Gen.Choose(1, 3) from n in Gen.Choose(1, 4) from u in Gen.Choose(1, 4) from seed in Gen.Choose(1, 1000) select (batch, n, u, (ulong)seed);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (batch, n, u, seed) = c;
            var rng = new Rng(seed);
            var x = rng.Normal(new Shape(batch, n));
            var h = rng.Uniform(new Shape(batch, u), -1f, 1f);
            var kernel = rng.Normal(new Shape(n, 3 * u), 0f, 0.7f);
            var recurrentKernel = rng.Normal(new Shape(u, 3 * u), 0f, 0.7f);
            var bias = rng.Normal(new Shape(2, 3 * u), 0f, 0.5f);
            var (inputBias, recurrentBias) = (Vector(bias.ToArray()[..(3 * u)].Select(v => (double)v).ToArray(), 3 * u), Vector(bias.ToArray()[(3 * u)..].Select(v => (double)v).ToArray(), 3 * u));
            string input = $"GruStep.Step with batch {batch}, {n} features, {u} units (seed {seed})";

            var actual = GruStep.Step(x, h, kernel, recurrentKernel, inputBias, recurrentBias);
            Expect.True(actual.Shape == new Shape(batch, u), $"{input} returned shape {actual.Shape}, expected [{batch}, {u}].", "the new h has the shape of h₋.");
            var gru = new GRU(u, seed: 1);
            var sequence = x.Reshape(batch, 1, n);
            gru.CallWithState(sequence, [h]);                                     // builds the weights
            gru.SetWeights([kernel, recurrentKernel, bias]);
            var expected = gru.CallWithState(sequence, [h]).States[0].ToArray();
            var got = actual.ToArray();
            for (int i = 0; i < got.Length; i++)
                Expect.Near(got[i], expected[i], $"{input}, h[{i / u}, {i % u}] (Keras' GRU)",
                    "order z, r, h; r multiplies (h₋·U_h + b′_h) AFTER the product (reset_after); h = z ⊙ h₋ + (1 − z) ⊙ ĥ, not the other way round.", 1e-4, 1e-4);

            var gradients = GradientCheck.Tensors(t => GruStep.Step(t[0], t[1], t[2], t[3], t[4], t[5]), [x, h, kernel, recurrentKernel, inputBias, recurrentBias]);
            try { GradientCheck.Assert(input, gradients); }
            catch (GradientCheckException e)
            {
                Expect.True(false, e.Message, "build the step only from the engine's differentiable operations (MatMul, +, *, Slice, Sigmoid, Tanh): no ToArray and no new tensors from raw numbers.");
            }
        }).QuickCheckThrowOnFailure(); 
    });
}
