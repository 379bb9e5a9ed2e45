using Learn.Dnn.Layers;
using Learn.Dnn.Losses;
using Learn.Dnn.Optimizers;

namespace Learn.Dnn.Exercises.Ch05;

/// <summary>Chapter 5, on the engine: the loop inside Fit, written by you.</summary>
public static class TrainingLoop
{
    /// <summary>
    /// Exercise ch05.training-loop — train <paramref name="layers"/> on x and y (applied in order, ŷ = layerₖ(… layer₁(x)))
    /// for <paramref name="epochs"/> epochs and return the epoch losses, one per epoch. Each epoch: draw a new order
    /// of the n samples (x: [n, …], y: [n, …]) with <c>rng.Permutation(n)</c> from one <c>new Rng(seed)</c> made
    /// before the first epoch; for each batch of <paramref name="batchSize"/> rows of that order (the last batch
    /// keeps what is left): forward the batch's rows (<c>x.Rows(indices)</c>), compute the loss
    /// <c>loss.Call(yBatch, ŷ)</c> (a scalar, the batch's mean), ZeroGrad every trainable weight, Backward, then
    /// <c>optimizer.Apply(weights)</c>. The epoch's loss is the mean over its batches weighted by batch size:
    /// Σ (batch loss · batch size) / n, which is what Keras reports. A layer creates its weights on its first call:
    /// call the layers once on x.Rows(0, 1) before collecting <c>TrainableWeights</c>.
    /// <para>Hint 1 (nudge): it is Fit without the progress bar: shuffle, slice, and the four steps of chapter 4 with the optimizer's Apply in place of the hand-written step.</para>
    /// <para>Hint 2 (formula): per batch B: L_B = loss(y_B, f(x_B)); w ← optimizer(w, ∂L_B/∂w); epoch loss = Σ_B |B|·L_B / n.</para>
    /// <para>Hint 3 (code): var rng = new Rng(seed); for each epoch: var order = rng.Permutation(n); for (int start = 0; start &lt; n; start += batchSize) { var batch = order[start..Math.Min(n, start + batchSize)]; var l = loss.Call(y.Rows(batch), Forward(x.Rows(batch))); foreach (var w in weights) w.ZeroGrad(); l.Backward(); optimizer.Apply(weights); sum += l.Item() * batch.Length; } losses.Add(sum / n);</para>
    /// </summary>
    public static List<double> Train(Tensor x, Tensor y, IReadOnlyList<Layer> layers, Loss loss, Optimizer optimizer,
                                     int epochs, int batchSize, ulong seed)
    {
        // BEGIN YOUR CODE ch05.training-loop
        throw new NotImplementedException("ch05.training-loop: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
