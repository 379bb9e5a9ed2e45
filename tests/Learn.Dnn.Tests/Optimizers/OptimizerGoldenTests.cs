using Learn.Dnn.Optimizers;
using static Learn.Dnn.Tests.Optimizers.Golden;

namespace Learn.Dnn.Tests.Optimizers;

/// <summary>
/// Every optimizer and option, five steps against Keras 3's update rule written out in double
/// (keras/src/optimizers/*.py). The formulas below are the specification; they share no code with the engine.
/// </summary>
public sealed class OptimizerGoldenTests
{
    private const double Eps = 1e-7;
    private static double[] Zeros() => new double[W0.Length];
    private static double[] Filled(double v) => Enumerable.Repeat(v, W0.Length).ToArray();

    #region formulas
    /// <summary>Keras SGD: m = μm − ηg; nesterov w += μm − ηg, else w += m; without momentum w −= ηg.</summary>
    internal static Formula Sgd(double lr, double momentum = 0, bool nesterov = false)
    {
        var m = Zeros();
        return (w, g, t) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                if (momentum == 0) { w[i] -= lr * g[i]; continue; }
                m[i] = momentum * m[i] - lr * g[i];
                w[i] += nesterov ? momentum * m[i] - lr * g[i] : m[i];
            }
        };
    }

    /// <summary>Keras RMSprop: v = ρv + (1−ρ)g²; centered ḡ = ρḡ + (1−ρ)g, den = v − ḡ² + ε, else v + ε; Δ = ηg/√den; momentum s = μs + Δ.</summary>
    internal static Formula RmsProp(double lr, double rho = 0.9, double momentum = 0, bool centered = false, bool epsilonOutsideRoot = false)
    {
        double[] v = Zeros(), gbar = Zeros(), s = Zeros();
        return (w, g, t) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
                double den = v[i];
                if (centered)
                {
                    gbar[i] = rho * gbar[i] + (1 - rho) * g[i];
                    den -= gbar[i] * gbar[i];
                }
                double inc = epsilonOutsideRoot ? lr * g[i] / (Math.Sqrt(den) + Eps) : lr * g[i] / Math.Sqrt(den + Eps);
                if (momentum > 0) { s[i] = momentum * s[i] + inc; w[i] -= s[i]; }
                else w[i] -= inc;
            }
        };
    }

    /// <summary>Keras Adagrad: acc (from 0.1) += g²; w −= ηg/√(acc + ε).</summary>
    internal static Formula Adagrad(double lr, double initial = 0.1)
    {
        var acc = Filled(initial);
        return (w, g, t) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                acc[i] += g[i] * g[i];
                w[i] -= lr * g[i] / Math.Sqrt(acc[i] + Eps);
            }
        };
    }

    /// <summary>Keras Adadelta: Eg = ρEg + (1−ρ)g²; Δ = −√(Edx + ε)/√(Eg + ε)·g; Edx = ρEdx + (1−ρ)Δ²; w += ηΔ.</summary>
    internal static Formula Adadelta(double lr, double rho = 0.95)
    {
        double[] eg = Zeros(), edx = Zeros();
        return (w, g, t) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                eg[i] = rho * eg[i] + (1 - rho) * g[i] * g[i];
                double delta = -Math.Sqrt(edx[i] + Eps) / Math.Sqrt(eg[i] + Eps) * g[i];
                edx[i] = rho * edx[i] + (1 - rho) * delta * delta;
                w[i] += lr * delta;
            }
        };
    }

    /// <summary>
    /// Keras Adam: m = β1m + (1−β1)g, v = β2v + (1−β2)g²; α = η√(1−β2ᵗ)/(1−β1ᵗ); w −= αm/(√v + ε);
    /// amsgrad divides by √v̂, v̂ = max(v̂, v); decoupled weight decay w −= w·wd·η first.
    /// </summary>
    internal static Formula Adam(double lr, double beta1 = 0.9, double beta2 = 0.999, bool amsgrad = false,
                                 double weightDecay = 0, bool epsilonInsideRoot = false)
    {
        double[] m = Zeros(), v = Zeros(), vhat = Zeros();
        return (w, g, t) =>
        {
            double alpha = lr * Math.Sqrt(1 - Math.Pow(beta2, t)) / (1 - Math.Pow(beta1, t));
            for (int i = 0; i < w.Length; i++)
            {
                w[i] -= w[i] * weightDecay * lr;
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                vhat[i] = Math.Max(vhat[i], v[i]);
                double root = amsgrad ? vhat[i] : v[i];
                w[i] -= alpha * m[i] / (epsilonInsideRoot ? Math.Sqrt(root + Eps) : Math.Sqrt(root) + Eps);
            }
        };
    }

    /// <summary>
    /// Keras Nadam: u_t = β1(1 − ½·0.96ᵗ), U = Π_{s≤t} u_s; m, v as Adam;
    /// m̂ = u_{t+1}m/(1 − U·u_{t+1}) + (1 − u_t)g/(1 − U); v̂ = v/(1 − β2ᵗ); w −= ηm̂/(√v̂ + ε).
    /// </summary>
    internal static Formula Nadam(double lr, double beta1 = 0.9, double beta2 = 0.999)
    {
        double[] m = Zeros(), v = Zeros();
        double product = 1;
        double U(int t) => beta1 * (1 - 0.5 * Math.Pow(0.96, t));
        return (w, g, t) =>
        {
            product *= U(t);
            for (int i = 0; i < w.Length; i++)
            {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                double mHat = U(t + 1) * m[i] / (1 - product * U(t + 1)) + (1 - U(t)) * g[i] / (1 - product);
                double vHat = v[i] / (1 - Math.Pow(beta2, t));
                w[i] -= lr * mHat / (Math.Sqrt(vHat) + Eps);
            }
        };
    }
    #endregion

    [Fact] public void SGD_matches_the_formula() => Check("SGD()", () => new SGD(), Sgd(0.01));
    [Fact] public void SGD_with_momentum_matches_the_formula() => Check("SGD(momentum 0.9)", () => new SGD(0.05f, momentum: 0.9f), Sgd(0.05, 0.9));
    [Fact] public void SGD_with_Nesterov_momentum_matches_the_formula() => Check("SGD(momentum 0.9, nesterov)", () => new SGD(0.05f, momentum: 0.9f, nesterov: true), Sgd(0.05, 0.9, nesterov: true));

    [Fact] public void RMSprop_matches_the_formula() => Check("RMSprop()", () => new RMSprop(), RmsProp(1e-3));
    [Fact] public void RMSprop_with_a_large_step_matches_the_formula() => Check("RMSprop(lr 0.05, rho 0.8)", () => new RMSprop(0.05f, rho: 0.8f), RmsProp(0.05, rho: 0.8));
    [Fact] public void RMSprop_centered_matches_the_formula() => Check("RMSprop(centered)", () => new RMSprop(0.01f, centered: true), RmsProp(0.01, centered: true));
    [Fact] public void RMSprop_with_momentum_matches_the_formula() => Check("RMSprop(momentum 0.5)", () => new RMSprop(0.01f, momentum: 0.5f), RmsProp(0.01, momentum: 0.5));
    [Fact] public void RMSprop_centered_with_momentum_matches_the_formula() =>
        Check("RMSprop(centered, momentum 0.5)", () => new RMSprop(0.01f, momentum: 0.5f, centered: true), RmsProp(0.01, momentum: 0.5, centered: true));

    [Fact] public void Adagrad_matches_the_formula() => Check("Adagrad()", () => new Adagrad(), Adagrad(1e-3));
    [Fact] public void Adagrad_with_a_large_step_matches_the_formula() => Check("Adagrad(lr 0.1, initial 0.5)", () => new Adagrad(0.1f, initialAccumulatorValue: 0.5f), Adagrad(0.1, 0.5));

    [Fact] public void Adadelta_matches_the_formula() => Check("Adadelta()", () => new Adadelta(), Adadelta(1e-3));
    [Fact] public void Adadelta_with_the_papers_step_matches_the_formula() => Check("Adadelta(lr 1, rho 0.9)", () => new Adadelta(1f, rho: 0.9f), Adadelta(1.0, 0.9));

    [Fact] public void Adam_matches_the_formula() => Check("Adam()", () => new Adam(), Adam(1e-3));
    [Fact] public void Adam_with_a_large_step_matches_the_formula() => Check("Adam(lr 0.1, beta1 0.8, beta2 0.99)", () => new Adam(0.1f, beta1: 0.8f, beta2: 0.99f), Adam(0.1, 0.8, 0.99));
    [Fact] public void Adam_with_amsgrad_matches_the_formula() => Check("Adam(lr 0.1, amsgrad)", () => new Adam(0.1f, amsgrad: true), Adam(0.1, amsgrad: true));

    [Fact] public void AdamW_matches_the_formula() => Check("AdamW()", () => new AdamW(), Adam(1e-3, weightDecay: 0.004));
    [Fact] public void AdamW_with_strong_decay_matches_the_formula() => Check("AdamW(lr 0.1, weight decay 0.2)", () => new AdamW(0.1f, weightDecay: 0.2f), Adam(0.1, weightDecay: 0.2));

    [Fact] public void Nadam_matches_the_formula() => Check("Nadam()", () => new Nadam(), Nadam(1e-3));
    [Fact] public void Nadam_with_a_large_step_matches_the_formula() => Check("Nadam(lr 0.1, beta1 0.8)", () => new Nadam(0.1f, beta1: 0.8f), Nadam(0.1, beta1: 0.8));

    [Fact]
    public void Weight_decay_on_any_optimizer_comes_before_the_update()
    {
        var sgd = Sgd(0.1);
        Check("SGD(lr 0.1, weight decay 0.5)", () => new SGD(0.1f) { WeightDecay = 0.5f }, (w, g, t) =>
        {
            for (int i = 0; i < w.Length; i++) w[i] -= w[i] * 0.5 * 0.1;   // decay, with the weight before the step
            sgd(w, g, t);
        });
    }

    #region the-check-can-fail
    /// <summary>
    /// The golden check must see where ε goes: a formula with ε on the wrong side of the root differs
    /// from the engine by far more than the tolerance, while the right one agrees.
    /// </summary>
    [Fact]
    public void The_golden_check_catches_epsilon_on_the_wrong_side_of_the_root()
    {
        var rmsprop = RunEngine(new RMSprop(0.01f), Dnn.Devices.Device.Reference);
        Assert.True(WorstError(rmsprop, RunFormula(RmsProp(0.01))) <= 1, "RMSprop should match Keras' formula, ε inside the root.");
        double rmspropWrong = WorstError(rmsprop, RunFormula(RmsProp(0.01, epsilonOutsideRoot: true)));
        Assert.True(rmspropWrong > 100, $"RMSprop with ε outside the root is off by only {rmspropWrong:F1}× the tolerance: the check would miss it.");

        var adam = RunEngine(new Adam(0.01f), Dnn.Devices.Device.Reference);
        Assert.True(WorstError(adam, RunFormula(Adam(0.01))) <= 1, "Adam should match Keras' formula, ε outside the root.");
        double adamWrong = WorstError(adam, RunFormula(Adam(0.01, epsilonInsideRoot: true)));
        Assert.True(adamWrong > 100, $"Adam with ε inside the root is off by only {adamWrong:F1}× the tolerance: the check would miss it.");
    }

    [Fact]
    public void The_golden_check_catches_a_missing_bias_correction()
    {
        var adam = RunEngine(new Adam(0.01f), Dnn.Devices.Device.Reference);
        // α = η instead of η√(1−β2ᵗ)/(1−β1ᵗ): lr scaled so that α is wrong but finite at every step.
        double[] m = new double[4], v = new double[4];
        var uncorrected = RunFormula((w, g, t) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                w[i] -= 0.01 * m[i] / (Math.Sqrt(v[i]) + Eps);
            }
        });
        Assert.True(WorstError(adam, uncorrected) > 100, "Adam without bias correction should be caught by the golden check.");
    }
    #endregion
}
