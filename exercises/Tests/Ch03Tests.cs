using FsCheck;
using FsCheck.Fluent;
using Learn.Dnn.Autograd;
using Learn.Dnn.Exercises.Ch03;
using Xunit;

namespace Learn.Dnn.Exercises.Tests;

/// <summary>Graded tests for chapter 3: leaky ReLU, softplus, GELU, He initialisation.</summary>
public class Ch03Tests
{
    private static string F(double x) => Expect.Format(x);

    private static readonly Gen<double> Alphas = Gen.Elements(0.01, 0.1, 0.2, 0.3);

    /// <summary>Inputs across a wide range, with the ones that break naive code.</summary>
    private static Gen<double> WideInputs(params double[] specials) =>
        Gen.Frequency((4, Inputs.Double(10)), (2, Inputs.Double(1000)), (2, Gen.Elements(specials)));

    [SkippableFact, Trait("Exercise", "ch03.leaky-relu")]
    public void Leaky_relu_is_x_above_zero_and_alpha_x_below() => Graded.Run("ch03.leaky-relu", () =>
    {
        var cases = from x in WideInputs(0.0, -1.0, 1.0) from alpha in Alphas select (x, alpha);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (x, alpha) = c;
            Expect.Near(LeakyRelu.Function(x, alpha), x > 0 ? x : alpha * x,
                $"LeakyRelu(x = {F(x)}, α = {F(alpha)})", "x for x > 0, alpha * x otherwise.", 1e-12, 1e-12);
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch03.leaky-relu-derivative")]
    public void Leaky_relu_derivative_matches_central_differences_and_is_alpha_at_zero() => Graded.Run("ch03.leaky-relu-derivative", () =>
    {
        const string hint = "1 for x > 0, alpha for x ≤ 0.";
        var cases = from x in WideInputs(-2.0, 2.0, 1e-3, -1e-3).Where(x => Math.Abs(x) >= 1e-3)
                    from alpha in Alphas
                    select (x, alpha);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (x, alpha) = c;
            double numerical = GradientCheck.Numerical(v => v[0] > 0 ? v[0] : alpha * v[0], [x], 1e-4)[0];
            Expect.Near(LeakyRelu.Derivative(x, alpha), numerical, $"d/dx LeakyRelu at x = {F(x)} (α = {F(alpha)})", hint, 1e-6, 1e-6, numerical);
        }).QuickCheckThrowOnFailure();
        foreach (var alpha in new[] { 0.01, 0.3 })
            Expect.Near(LeakyRelu.Derivative(0, alpha), alpha, $"d/dx LeakyRelu at x = 0 (α = {F(alpha)})",
                "the derivative at 0 does not exist; the convention here (and the engine's) is the left slope, alpha: test x > 0, not x >= 0.");
    });

    private static double StableSoftplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));

    [SkippableFact, Trait("Exercise", "ch03.softplus")]
    public void Softplus_is_ln_one_plus_exp_and_finite_for_large_inputs() => Graded.Run("ch03.softplus", () =>
    {
        const string hint = "ln(1 + eˣ) = max(x, 0) + ln(1 + e^−|x|): the exponent is never positive, so nothing overflows.";
        foreach (var x in new[] { 1000.0, 710.0, 100.0 })
            Expect.Near(Softplus.Function(x), x, $"Softplus({F(x)})", $"e^{F(x)} {(x > 709 ? "overflows to ∞ in double" : "is huge")}; {hint}", 1e-12, 1e-12);
        Prop.ForAll(WideInputs(1000, -1000, 710, -710, 100, -100, 0).ToArbitrary(), x =>
        {
            Expect.Near(Softplus.Function(x), StableSoftplus(x), $"Softplus({F(x)})", hint, 1e-9, 1e-12);
            // softplus(x) − softplus(−x) = ln((1 + eˣ)/(1 + e⁻ˣ)) = x
            Expect.Near(Softplus.Function(x) - Softplus.Function(-x), x, $"Softplus({F(x)}) − Softplus({F(-x)})",
                "softplus(x) − softplus(−x) = x holds exactly in math; " + hint, 1e-9, 1e-9);
        }).QuickCheckThrowOnFailure();
    });

    private static double ReferenceGelu(double x) => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));

    [SkippableFact, Trait("Exercise", "ch03.gelu")]
    public void Gelu_follows_the_tanh_approximation_and_stays_finite() => Graded.Run("ch03.gelu", () =>
    {
        const string hint = "½x(1 + tanh u), u = √(2/π)(x + 0.044715x³); use Math.Tanh, which saturates instead of overflowing.";
        Prop.ForAll(WideInputs(1000, -1000, 0, 1, -1, 3, -3).ToArbitrary(), x =>
        {
            double gelu = Gelu.Function(x);
            Expect.Near(gelu, ReferenceGelu(x), $"Gelu({F(x)})", hint, 1e-9, 1e-12);
            // tanh is odd, so gelu(x) − gelu(−x) = ½x(1 + t) + ½x(1 − t) = x
            Expect.Near(gelu - Gelu.Function(-x), x, $"Gelu({F(x)}) − Gelu({F(-x)})", "gelu(x) − gelu(−x) = x exactly for this formula; " + hint, 1e-9, 1e-9);
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch03.he-scale")]
    public void He_scale_is_the_square_root_of_two_over_fan_in() => Graded.Run("ch03.he-scale", () =>
    {
        Prop.ForAll(Gen.Choose(1, 5000).ToArbitrary(), fanIn =>
            Expect.Near(HeInitialization.HeNormalStddev(fanIn), Math.Sqrt(2.0 / fanIn), $"HeNormalStddev(fan_in = {fanIn})",
                "√(2/fan_in); 2 / fanIn with two ints is integer division (0 for fan_in > 2): write 2.0 / fanIn.", 1e-12, 0)
        ).QuickCheckThrowOnFailure();
        foreach (var bad in new[] { 0, -3 })
        {
            bool threw = false;
            try { HeInitialization.HeNormalStddev(bad); } catch (ArgumentOutOfRangeException) { threw = true; }
            Expect.True(threw, $"HeNormalStddev(fan_in = {bad}) should throw an ArgumentOutOfRangeException.", "check fanIn <= 0 first.");
        }
    });

    [SkippableFact, Trait("Exercise", "ch03.he-normal")]
    public void He_normal_weights_have_mean_zero_and_the_he_standard_deviation() => Graded.Run("ch03.he-normal", () =>
    {
        var cases = from fanIn in Gen.Elements(128, 256, 512) from fanOut in Gen.Elements(128, 256) from seed in Gen.Choose(0, 1_000_000) select (fanIn, fanOut, seed);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (fanIn, fanOut, seed) = c;
            var w = HeInitialization.HeNormal(fanIn, fanOut, new Random(seed));
            string input = $"HeNormal(fan_in = {fanIn}, fan_out = {fanOut})";
            Expect.True(w is not null && w.GetLength(0) == fanIn && w.GetLength(1) == fanOut,
                $"{input} should be a [{fanIn}, {fanOut}] matrix, got {Expect.ShapeOf(w)}.", "new double[fanIn, fanOut].");
            var again = HeInitialization.HeNormal(fanIn, fanOut, new Random(seed));
            Expect.True(w.Cast<double>().SequenceEqual(again.Cast<double>()), $"{input} gave different weights for the same seed.",
                "draw every number from the Random you are given (no new Random() inside), so runs are reproducible.");
            var values = w.Cast<double>().ToArray();
            double sigma = Math.Sqrt(2.0 / fanIn), mean = values.Average();
            double std = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
            double withinOneSigma = values.Count(v => Math.Abs(v) <= sigma) / (double)values.Length;
            Expect.Near(mean, 0, $"{input}: the mean of the {values.Length} weights", "the normal has mean 0: z = √(−2 ln u₁)·cos(2πu₂), then σ·z.", 0, 5 * sigma / Math.Sqrt(values.Length));
            Expect.Near(std, sigma, $"{input}: the standard deviation of the weights", "σ = √(2/fan_in) times a standard normal z.", 0.05, 0);
            Expect.Near(withinOneSigma, 0.6827, $"{input}: the fraction of weights within ±σ", "a normal puts 68.3% of its mass within one σ (a uniform with the same σ puts 57.7%): use Box–Muller.", 0, 0.02);
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch03.he-normal")]
    public void He_normal_keeps_the_signal_size_through_ten_relu_layers() => Graded.Run("ch03.he-normal", () =>
    {
        const int width = 256, batch = 32, layers = 10;
        var random = new Random(2015);
        var h = new double[batch, width];
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < width; i++)
                h[b, i] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        double first = 0, last = 0;
        for (int layer = 1; layer <= layers; layer++)
        {
            var w = HeInitialization.HeNormal(width, width, random);
            var next = new double[batch, width];
            for (int b = 0; b < batch; b++)
                for (int j = 0; j < width; j++)
                {
                    double z = 0;
                    for (int i = 0; i < width; i++) z += h[b, i] * w[i, j];
                    next[b, j] = Math.Max(z, 0);   // ReLU
                }
            h = next;
            double meanSquare = h.Cast<double>().Select(v => v * v).Average();
            if (layer == 1) first = meanSquare;
            last = meanSquare;
        }
        double ratio = last / first;
        Expect.True(ratio is > 0.25 and < 4,
            $"Through {layers} ReLU layers of width {width} with HeNormal weights, the mean square activation went from {F(first)} (layer 1) to {F(last)} (layer {layers}), a factor {F(ratio)}; He initialisation keeps it about constant.",
            "a variance of 2/fan_in exactly offsets ReLU halving the second moment: with 1/fan_in the signal halves at every layer.");
    });

    [SkippableFact, Trait("Exercise", "ch03.dense-forward")]
    public void Dense_forward_from_parts_matches_f_of_x_w_plus_b_and_its_gradients() => Graded.Run("ch03.dense-forward", () =>
    {
        (string Name, Func<Tensor, Tensor>? F, Func<double, double> Reference)[] activations =
            [("none", null, z => z), ("relu", t => t.Relu(), z => Math.Max(z, 0)), ("tanh", t => t.Tanh(), Math.Tanh)];
        var cases = from n in Gen.Choose(1, 4)
                    from inputs in Gen.Choose(1, 4)
                    from units in Gen.Choose(1, 3)
                    from x in Inputs.Doubles(n * inputs, 2)
                    from w in Inputs.Doubles(inputs * units, 1)
                    from b in Inputs.Doubles(units, 1)
                    from which in Gen.Choose(0, 2)
                    from useBias in Gen.Elements(true, false)
                    select (n, inputs, units, x, w, b, which, useBias);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (name, f, reference) = activations[c.which];
            var x = Tensor.FromArray(c.x.Select(v => (float)v).ToArray(), new Shape(c.n, c.inputs));
            var w = Tensor.FromArray(c.w.Select(v => (float)v).ToArray(), new Shape(c.inputs, c.units));
            var b = c.useBias ? Tensor.FromArray(c.b.Select(v => (float)v).ToArray(), new Shape(c.units)) : null;
            string input = $"Forward(x: [{c.n}, {c.inputs}], kernel: [{c.inputs}, {c.units}], bias: {(c.useBias ? $"[{c.units}]" : "null")}, activation: {name})";
            var y = DenseForward.Forward(x, w, b, f);
            Expect.True(y is not null && y.Shape == new Shape(c.n, c.units), $"{input} should be [{c.n}, {c.units}], got {y?.Shape.ToString() ?? "null"}.", "x·W: [n, in]·[in, units] → [n, units].");
            var values = y!.ToArray();
            for (int k = 0; k < c.n; k++)
                for (int j = 0; j < c.units; j++)
                {
                    double z = c.useBias ? c.b[j] : 0;
                    for (int i = 0; i < c.inputs; i++) z += c.x[k * c.inputs + i] * c.w[i * c.units + j];
                    Expect.Near(values[k * c.units + j], reference(z), $"{input}[{k}, {j}]",
                        "y[k, j] = f(Σᵢ x[k, i]·W[i, j] + b[j]); with bias null there is no b, with activation null no f.", 1e-4, 1e-4);
                }
            if (name == "relu") return;   // relu's kink makes central differences unreliable near 0
            Tensor[] parts = c.useBias ? [x, w, b!] : [x, w];
            var gradients = GradientCheck.Tensors(p => DenseForward.Forward(p[0], p[1], c.useBias ? p[2] : null, f), parts);
            string[] names = ["x", "kernel", "bias"];
            for (int which = 0; which < gradients.Count; which++)
                for (int i = 0; i < gradients[which].Analytic.Length; i++)
                    Expect.Near(gradients[which].Analytic[i], gradients[which].Numerical[i], $"{input}: ∂L/∂{names[which]}[{i}]",
                        "build the output from engine operations (MatMul, +, the activation) so that autodiff records every step; do not copy numbers out and back.", 2e-2, 2e-2, gradients[which].Numerical[i]);
        }).QuickCheckThrowOnFailure();
    });

    [SkippableFact, Trait("Exercise", "ch03.dense-forward")]
    public void Dense_forward_from_parts_rejects_shapes_that_do_not_fit() => Graded.Run("ch03.dense-forward", () =>
    {
        foreach (var (x, w, b, what) in new (Tensor, Tensor, Tensor?, string)[]
                 {
                     (Tensor.Zeros(4, 3), Tensor.Zeros(2, 5), null, "x: [4, 3] with a kernel [2, 5] (3 inputs against 2 rows)"),
                     (Tensor.Zeros(4, 2), Tensor.Zeros(2, 5), Tensor.Zeros(3), "a kernel [2, 5] with a bias [3] (5 units against 3 biases)"),
                 })
        {
            Exception? thrown = null;
            try { DenseForward.Forward(x, w, b, null); }
            catch (ArgumentException e) { thrown = e; }
            Expect.True(thrown is not null, $"Forward with {what} should throw an ArgumentException.",
                "compare x.Shape[1] with kernel.Shape[0], and bias.Shape[0] with kernel.Shape[1], before computing.");
        }
    });
}
