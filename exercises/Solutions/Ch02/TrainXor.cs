namespace Learn.Dnn.Exercises.Ch02;

/// <summary>Chapter 2, on the engine's tensors: train it yourself.</summary>
public static class TrainXor
{
    /// <summary>
    /// Exercise ch02.train-xor — train the chapter's 2-4-1 XOR network with your own loop and return its
    /// final loss and its four predictions. The data: X = [[0, 0], [0, 1], [1, 0], [1, 1]] ([4, 2]) and
    /// y = [0, 1, 1, 0] ([4, 1]). The net: h = tanh(X·W₁ + b₁), ŷ = σ(h·W₂ + b₂), with W₁: [2, 4] and
    /// W₂: [4, 1] drawn uniform in [−1, 1] from <c>new Rng(seed)</c> (W₁ first), b₁: [4] and b₂: [1] zero,
    /// all four with RequiresGrad = true. The loss: the mean squared error (1/4)·Σ(ŷ − y)². Each of the
    /// <paramref name="epochs"/> steps: forward, loss, ZeroGrad on every weight, Backward, and
    /// GradientDescentStep(learningRate) on every weight. Return the loss after the last step's forward
    /// pass and the predictions ŷ of that pass.
    /// <para>Hint 1 (nudge): it is the chapter's Train, written by you: four weight tensors, a forward pass, a loss, and the same four steps every epoch.</para>
    /// <para>Hint 2 (formula): per epoch: ŷ = σ(tanh(X·W₁ + b₁)·W₂ + b₂), L = mean((ŷ − y)²), then w ← w − η·∂L/∂w for w in W₁, b₁, W₂, b₂.</para>
    /// <para>Hint 3 (code): var rng = new Rng(seed); var w1 = rng.Uniform(new Shape(2, 4), -1f, 1f); w1.RequiresGrad = true; … then for each epoch: var p = ((x.MatMul(w1) + b1).Tanh().MatMul(w2) + b2).Sigmoid(); var loss = (p - y).Square().Mean(); foreach (var w in weights) w.ZeroGrad(); loss.Backward(); foreach (var w in weights) w.GradientDescentStep(learningRate);</para>
    /// </summary>
    public static (float Loss, float[] Predictions) Train(int epochs, float learningRate, ulong seed)
    {
        // BEGIN SOLUTION ch02.train-xor
        var x = Tensor.FromArray([0f, 0f, 0f, 1f, 1f, 0f, 1f, 1f], new Shape(4, 2));
        var y = Tensor.FromArray([0f, 1f, 1f, 0f], new Shape(4, 1));
        var rng = new Rng(seed);
        var w1 = rng.Uniform(new Shape(2, 4), -1f, 1f);
        var b1 = Tensor.Zeros(4);
        var w2 = rng.Uniform(new Shape(4, 1), -1f, 1f);
        var b2 = Tensor.Zeros(1);
        Tensor[] weights = [w1, b1, w2, b2];
        foreach (var w in weights) w.RequiresGrad = true;

        float lastLoss = float.NaN;
        float[] predictions = [];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var predicted = ((x.MatMul(w1) + b1).Tanh().MatMul(w2) + b2).Sigmoid();   // [4, 1]
            var loss = (predicted - y).Square().Mean();                                // a scalar
            foreach (var w in weights) w.ZeroGrad();
            loss.Backward();
            foreach (var w in weights) w.GradientDescentStep(learningRate);            // w ← w − η·∂L/∂w
            lastLoss = loss.Item();
            predictions = predicted.ToArray();
        }
        return (lastLoss, predictions);
        // END SOLUTION
    }
}
