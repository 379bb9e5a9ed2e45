using System.Globalization;

namespace Learn.Dnn.Autograd;

/// <summary>
/// Checks an analytic gradient against a numerical one. The central difference
/// (f(x + h) − f(x − h)) / 2h has error O(h²), against O(h) for the one-sided difference;
/// evaluated in double precision it is a trustworthy reference for float32 backward code.
/// </summary>
[Chapter(2)]
public static class GradientCheck
{
    #region central-difference
    /// <summary>∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h for every i, in double.</summary>
    public static double[] Numerical(Func<double[], double> f, double[] x, double h = 1e-4)
    {
        var gradient = new double[x.Length];
        var probe = (double[])x.Clone();
        for (int i = 0; i < x.Length; i++)
        {
            probe[i] = x[i] + h;
            double plus = f(probe);
            probe[i] = x[i] - h;
            double minus = f(probe);
            probe[i] = x[i];
            gradient[i] = (plus - minus) / (2 * h);
        }
        return gradient;
    }
    #endregion

    /// <summary>
    /// The gradients of a tensor function: for each input, its analytic gradient from Backward()
    /// and the numerical one. <paramref name="f"/> maps the inputs to any tensor; the scalar checked is
    /// L = Σ f(inputs) ⊙ r for a fixed random r, so every output element's gradient path is exercised.
    /// The inputs are evaluated on the CPU in double where the function allows (the numerical side
    /// perturbs each float input by ±h and re-runs the float32 forward, accumulating the sum in double).
    /// </summary>
    public static IReadOnlyList<(double[] Analytic, double[] Numerical)> Tensors(
        Func<Tensor[], Tensor> f, Tensor[] inputs, double h = 1e-2, ulong seed = 7)
    {
        var device = inputs[0].Device;
        var leaves = inputs.Select(t => { var c = t.Clone(); c.RequiresGrad = true; return c; }).ToArray();
        var output = f(leaves);
        var weights = new Rng(seed).Uniform(output.Shape, -1f, 1f, device).ToArray();
        var weightTensor = Tensor.FromArray(weights, output.Shape, device);
        (output * weightTensor).Sum().Backward();

        var results = new List<(double[], double[])>();
        for (int which = 0; which < inputs.Length; which++)
        {
            var analytic = (leaves[which].Grad?.ToArray() ?? new float[inputs[which].Size]).Select(g => (double)g).ToArray();
            var start = inputs[which].ToArray().Select(v => (double)v).ToArray();
            int index = which;
            double Loss(double[] values)
            {
                using var _ = Tensor.NoGrad();
                var probe = inputs.Select((t, j) => j == index
                    ? Tensor.FromArray(values.Select(v => (float)v).ToArray(), t.Shape, device)
                    : t).ToArray();
                var y = f(probe).ToArray();
                double sum = 0;
                for (int i = 0; i < y.Length; i++) sum += (double)y[i] * weights[i];
                return sum;
            }
            results.Add((analytic, Numerical(Loss, start, h)));
        }
        return results;
    }

    /// <summary>
    /// Throws with the operation, input and index of the first gradient entry where
    /// |analytic − numerical| &gt; atol + rtol·|numerical|.
    /// </summary>
    public static void Assert(string operation, IReadOnlyList<(double[] Analytic, double[] Numerical)> gradients,
                              double rtol = 1e-2, double atol = 1e-2)
    {
        for (int input = 0; input < gradients.Count; input++)
        {
            var (analytic, numerical) = gradients[input];
            for (int i = 0; i < analytic.Length; i++)
                if (!(Math.Abs(analytic[i] - numerical[i]) <= atol + rtol * Math.Abs(numerical[i])))
                    throw new GradientCheckException(string.Create(CultureInfo.InvariantCulture,
                        $"{operation}: gradient of input {input} at index {i} is {analytic[i]:G6} by backward but {numerical[i]:G6} by central differences (tolerance {atol} + {rtol}·|numerical|)."));
        }
    }
}
