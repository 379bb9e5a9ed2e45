using Learn.Dnn.Devices;
using Learn.Dnn.Optimizers;

namespace Learn.Dnn.Tests.Optimizers;

/// <summary>
/// The golden check: five steps of an optimizer on a fixed weight vector and a fixed sequence of
/// gradients, against the same steps computed in double by a formula written in the test (never by
/// engine code). Coordinate 2 has tiny gradients (≈ 1e-4, so g² ≈ 1e-8 is below ε = 1e-7), which
/// makes the place of ε visible; coordinate 3 has a zero gradient at the last step.
/// </summary>
internal static class Golden
{
    public static readonly double[] W0 = [1.0, -0.5, 0.25, 2.0];

    /// <summary>g_t for t = 1..5.</summary>
    public static readonly double[][] Gradients =
    [
        [0.3, -1.2, 1e-4, 2.0],
        [0.1, -0.8, -2e-4, 1.5],
        [-0.2, -1.0, 1e-4, 0.5],
        [0.4, 0.6, 3e-4, -1.0],
        [-0.5, 0.9, -1e-4, 0.0],
    ];

    public const int Steps = 5;

    /// <summary>|actual − expected| ≤ 1e-6·max(1, |expected|): float32 against double, relative for |w| ≥ 1.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>One step of a formula in double: updates w in place given g and t (from 1); the formula keeps its own slots.</summary>
    public delegate void Formula(double[] w, double[] g, int t);

    /// <summary>The engine's weights after each of the five steps (on <paramref name="device"/>).</summary>
    public static float[][] RunEngine(Optimizer optimizer, IDevice device)
    {
        var w = Tensor.FromArray(W0.Select(v => (float)v).ToArray(), new Shape(W0.Length), device);
        var after = new float[Steps][];
        for (int t = 1; t <= Steps; t++)
        {
            w.RequiresGrad = true;
            w.AccumulateGrad(Tensor.FromArray(Gradients[t - 1].Select(v => (float)v).ToArray(), new Shape(W0.Length), device));
            optimizer.Apply([w]);
            w.ZeroGrad();
            after[t - 1] = w.ToArray();
        }
        return after;
    }

    /// <summary>The formula's weights after each of the five steps.</summary>
    public static double[][] RunFormula(Formula formula)
    {
        var w = (double[])W0.Clone();
        var after = new double[Steps][];
        for (int t = 1; t <= Steps; t++)
        {
            formula(w, Gradients[t - 1], t);
            after[t - 1] = (double[])w.Clone();
        }
        return after;
    }

    /// <summary>The largest error, in units of the tolerance, over every step and coordinate.</summary>
    public static double WorstError(float[][] engine, double[][] formula)
    {
        double worst = 0;
        for (int t = 0; t < Steps; t++)
            for (int i = 0; i < W0.Length; i++)
                worst = Math.Max(worst, Math.Abs(engine[t][i] - formula[t][i]) / (Tolerance * Math.Max(1, Math.Abs(formula[t][i]))));
        return worst;
    }

    /// <summary>Fresh optimizers from <paramref name="create"/> on the reference and the fast CPU device agree with the formula at every step.</summary>
    public static void Check(string what, Func<Optimizer> create, Formula formula)
    {
        var expected = RunFormula(formula);
        foreach (var device in new[] { Device.Reference, Device.Cpu })
        {
            var actual = RunEngine(create(), device);
            for (int t = 0; t < Steps; t++)
                for (int i = 0; i < W0.Length; i++)
                {
                    double e = expected[t][i], a = actual[t][i];
                    Assert.True(Math.Abs(a - e) <= Tolerance * Math.Max(1, Math.Abs(e)),
                        $"{what} on {device.Name}, step {t + 1}, w[{i}]: expected {e:R} (double formula), got {a:R}; " +
                        $"off by {Math.Abs(a - e):E2}, tolerance {Tolerance * Math.Max(1, Math.Abs(e)):E2}.");
                }
        }
    }
}
