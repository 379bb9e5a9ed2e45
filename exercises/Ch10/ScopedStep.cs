using Learn.Dnn.Devices;
using Learn.Dnn.Layers;
using Learn.Dnn.Losses;

namespace Learn.Dnn.Exercises.Ch10;

/// <summary>Chapter 10, on the engine: a training step whose memory goes back to the device when it ends.</summary>
public static class ScopedStep
{
    /// <summary>
    /// Exercise ch10.scoped-step — one step of gradient descent on <paramref name="model"/> (its layers
    /// applied in order, training: true), with CategoricalCrossentropy(fromLogits: true) between the
    /// model's output (the logits) and the one-hot targets <paramref name="y"/>, inside a StorageScope:
    /// open one with StorageScope.Begin(), compute the loss, Backward(), move every trainable weight by
    /// GradientDescentStep(<paramref name="learningRate"/>) and ZeroGrad() it. Return the loss as a float and the
    /// logits of this step, which must stay readable after the scope ends: keep their storage
    /// (scope.Keep(logits.Storage)). Everything else the step made must go back to the device.
    /// <para>Hint 1 (nudge): everything created between Begin and the end of the using block belongs to the scope; read the loss before the scope ends and keep only the logits.</para>
    /// <para>Hint 2 (formula): using scope = StorageScope.Begin(); logits = layerₙ(… layer₁(x)); L = CE(y, logits); ∂L/∂w by Backward; w ← w − η·∂L/∂w; keep the logits' storage; return (L, logits).</para>
    /// <para>Hint 3 (code): using var scope = StorageScope.Begin(); var h = x; foreach (var layer in model) h = layer.Call(h, training: true); var loss = new CategoricalCrossentropy(fromLogits: true).Call(y, h); loss.Backward(); foreach (var w in model.SelectMany(l =&gt; l.TrainableWeights)) { w.GradientDescentStep(learningRate); w.ZeroGrad(); } scope.Keep(h.Storage); return (loss.Item(), h);</para>
    /// </summary>
    public static (float Loss, Tensor Logits) Step(Tensor x, Tensor y, Dense[] model, float learningRate)
    {
        // BEGIN YOUR CODE ch10.scoped-step
        throw new NotImplementedException("ch10.scoped-step: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
