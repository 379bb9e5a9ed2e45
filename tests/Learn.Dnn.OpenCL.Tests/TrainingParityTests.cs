using Learn.Dnn.Devices;
using Xunit.Abstractions;

namespace Learn.Dnn.OpenCL.Tests;

/// <summary>
/// Whole training runs on both devices from the same seed: the loss curves must agree step by
/// step within |cpu − cl| ≤ 1e-4·max(1, cpu) over 500 steps. On POCL the largest differences seen
/// are 6e-8 (XOR) and 2.4e-7 (softmax classifier); the margin leaves room for a GPU's fused
/// multiply-adds, and any wrong gradient changes the curve far more, within a few steps.
/// </summary>
public class TrainingParityTests(ITestOutputHelper output)
{
    private const double CurveTolerance = 1e-4;

    #region xor
    /// <summary>A 2-4-1 network, tanh hidden layer and sigmoid output, trained on XOR by plain gradient descent.</summary>
    internal sealed class XorNet
    {
        private static readonly float[] Inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        private static readonly float[] Targets = [0, 1, 1, 0];
        private readonly Tensor x, y, w1, b1, w2, b2;

        public XorNet(IDevice device, ulong seed)
        {
            var rng = new Rng(seed);
            x = Tensor.FromArray(Inputs, new Shape(4, 2), device);
            y = Tensor.FromArray(Targets, new Shape(4, 1), device);
            w1 = Parameter(rng.Uniform(new Shape(2, 4), -1f, 1f, device));   // [2, 4]
            b1 = Parameter(Tensor.Zeros(new Shape(4), device));              // [4]
            w2 = Parameter(rng.Uniform(new Shape(4, 1), -1f, 1f, device));   // [4, 1]
            b2 = Parameter(Tensor.Zeros(new Shape(1), device));              // [1]
        }

        private static Tensor Parameter(Tensor t)
        {
            t.RequiresGrad = true;
            return t;
        }

        /// <summary>One gradient-descent step on the mean squared error; returns the loss tensor (still on the device).</summary>
        public Tensor Step(float learningRate)
        {
            var h = (x.MatMul(w1) + b1).Tanh();          // [4, 4]
            var p = (h.MatMul(w2) + b2).Sigmoid();       // [4, 1]
            var loss = (p - y).Square().Mean();          // []
            loss.Backward();
            foreach (var w in new[] { w1, b1, w2, b2 })
            {
                w.GradientDescentStep(learningRate);
                w.ZeroGrad();
            }
            return loss;
        }
    }
    #endregion

    [SkippableFact]
    public void Xor_training_gives_the_same_loss_curve_on_opencl_as_on_the_cpu()
    {
        var cl = TestDevices.Require();
        const int steps = 500;
        var cpuNet = new XorNet(Device.Cpu, seed: 7);
        var clNet = new XorNet(cl, seed: 7);
        var cpuCurve = new float[steps];
        var clCurve = new float[steps];
        for (int step = 0; step < steps; step++)
        {
            cpuCurve[step] = cpuNet.Step(0.5f).Item();
            clCurve[step] = clNet.Step(0.5f).Item();
        }
        output.WriteLine($"XOR loss: step 0 cpu {cpuCurve[0]:G6} opencl {clCurve[0]:G6}; step {steps - 1} cpu {cpuCurve[^1]:G6} opencl {clCurve[^1]:G6}; " +
                         $"largest difference {cpuCurve.Zip(clCurve, (a, b) => Math.Abs(a - b)).Max():G3}");
        Tolerance.AssertClose(cpuCurve, clCurve, Tolerance.Relative(cpuCurve, CurveTolerance), "XOR loss curve (element i = loss at step i)");
        Assert.True(cpuCurve[^1] < cpuCurve[0] / 2, $"XOR did not learn on the CPU: loss {cpuCurve[0]} -> {cpuCurve[^1]}");
    }

    #region classifier
    /// <summary>
    /// Three Gaussian blobs in the plane (centres (0, 2), (−2, −1), (2, −1), σ = 0.7), 30 points
    /// each, and a linear softmax classifier trained on the mean cross-entropy.
    /// </summary>
    private static float[] SoftmaxClassifierCurve(IDevice device, int steps)
    {
        const int perClass = 30, classes = 3;
        float[][] centres = [[0f, 2f], [-2f, -1f], [2f, -1f]];
        var noise = new Rng(11).Normal(new Shape(perClass * classes, 2), 0f, 0.7f, Device.Cpu).ToArray();
        var points = new float[perClass * classes * 2];
        var oneHot = new float[perClass * classes * classes];
        for (int i = 0; i < perClass * classes; i++)
        {
            int label = i % classes;
            points[2 * i] = centres[label][0] + noise[2 * i];
            points[2 * i + 1] = centres[label][1] + noise[2 * i + 1];
            oneHot[i * classes + label] = 1f;
        }
        var x = Tensor.FromArray(points, new Shape(perClass * classes, 2), device);     // [90, 2]
        var y = Tensor.FromArray(oneHot, new Shape(perClass * classes, classes), device); // [90, 3]
        var rng = new Rng(5);
        var w = rng.Uniform(new Shape(2, classes), -0.5f, 0.5f, device);               // [2, 3]
        var b = Tensor.Zeros(new Shape(classes), device);                                // [3]
        w.RequiresGrad = b.RequiresGrad = true;

        var curve = new float[steps];
        for (int step = 0; step < steps; step++)
        {
            var logProbabilities = (x.MatMul(w) + b).LogSoftmax();                      // [90, 3]
            var loss = -(logProbabilities * y).Sum() * (1f / (perClass * classes));      // mean cross-entropy
            loss.Backward();
            curve[step] = loss.Item();
            foreach (var p in new[] { w, b })
            {
                p.GradientDescentStep(0.1f);
                p.ZeroGrad();
            }
        }
        return curve;
    }
    #endregion

    [SkippableFact]
    public void Softmax_classifier_training_gives_the_same_loss_curve_on_opencl_as_on_the_cpu()
    {
        var cl = TestDevices.Require();
        var cpuCurve = SoftmaxClassifierCurve(Device.Cpu, 500);
        var clCurve = SoftmaxClassifierCurve(cl, 500);
        output.WriteLine($"Softmax classifier loss: cpu {cpuCurve[0]:G6} -> {cpuCurve[^1]:G6}, opencl {clCurve[0]:G6} -> {clCurve[^1]:G6}; " +
                         $"largest difference {cpuCurve.Zip(clCurve, (a, b) => Math.Abs(a - b)).Max():G3}");
        Tolerance.AssertClose(cpuCurve, clCurve, Tolerance.Relative(cpuCurve, CurveTolerance), "softmax classifier loss curve");
        Assert.True(cpuCurve[^1] < 0.5f * cpuCurve[0], $"the classifier did not learn: loss {cpuCurve[0]} -> {cpuCurve[^1]}");
    }

    #region iris
    /// <summary>
    /// Iris (150 flowers, 4 features, 3 species), standardized on the device, and a 4-8-3 tanh network
    /// trained full-batch on the fused softmax cross-entropy: the loss curve and the final accuracy.
    /// </summary>
    private static (float[] Curve, double Accuracy) IrisCurve(IDevice device, int steps)
    {
        var (features, labels, classes) = Learn.Dnn.Data.Datasets.Iris();
        var x = new Learn.Dnn.Data.StandardScaler().FitTransform(features.To(device));            // [150, 4]
        var y = Learn.Dnn.Data.Categorical.ToCategorical(labels.To(Device.Cpu), classes.Length).To(device); // [150, 3]
        var rng = new Rng(21);
        var w1 = rng.Uniform(new Shape(4, 8), -0.7f, 0.7f, device);
        var b1 = Tensor.Zeros(new Shape(8), device);
        var w2 = rng.Uniform(new Shape(8, 3), -0.7f, 0.7f, device);
        var b2 = Tensor.Zeros(new Shape(3), device);
        Tensor[] parameters = [w1, b1, w2, b2];
        foreach (var p in parameters) p.RequiresGrad = true;

        var curve = new float[steps];
        Tensor logits = null!;
        for (int step = 0; step < steps; step++)
        {
            logits = (x.MatMul(w1) + b1).Tanh().MatMul(w2) + b2;                                   // [150, 3]
            var loss = Learn.Dnn.Losses.SoftmaxCrossEntropy.Compute(logits, y);
            loss.Backward();
            curve[step] = loss.Item();
            foreach (var p in parameters)
            {
                p.GradientDescentStep(0.2f);
                p.ZeroGrad();
            }
        }
        int[] predicted = Learn.Dnn.Data.Categorical.ArgMax(logits), truth = Learn.Dnn.Data.Categorical.ArgMax(y);
        return (curve, predicted.Zip(truth).Count(pair => pair.First == pair.Second) / (double)truth.Length);
    }
    #endregion

    [SkippableFact]
    public void Iris_training_gives_the_same_loss_curve_and_accuracy_on_opencl_as_on_the_cpu()
    {
        var cl = TestDevices.Require();
        var (cpuCurve, cpuAccuracy) = IrisCurve(Device.Cpu, 300);
        var (clCurve, clAccuracy) = IrisCurve(cl, 300);
        output.WriteLine($"Iris loss: cpu {cpuCurve[0]:G6} -> {cpuCurve[^1]:G6} (accuracy {cpuAccuracy:P1}), " +
                         $"opencl {clCurve[0]:G6} -> {clCurve[^1]:G6} (accuracy {clAccuracy:P1}); " +
                         $"largest difference {cpuCurve.Zip(clCurve, (a, b) => Math.Abs(a - b)).Max():G3}");
        Tolerance.AssertClose(cpuCurve, clCurve, Tolerance.Relative(cpuCurve, CurveTolerance), "Iris loss curve");
        Assert.Equal(cpuAccuracy, clAccuracy);
        Assert.True(cpuAccuracy >= 0.9, $"the Iris network reached only {cpuAccuracy:P1} training accuracy");
    }
}
