namespace Learn.Dnn.Losses;

/// <summary>
/// The fused softmax + cross-entropy: L = −(1/N) Σᵢ Σₖ yᵢₖ · log softmax(zᵢ)ₖ for logits z: [N, K] and
/// targets y: [N, K] (rows sum to 1). Fusing the two avoids ever forming ln p for a tiny p, and its
/// gradient is the famous ∂L/∂z = (softmax(z) − y) / N (derived in chapter 4), computed directly
/// instead of through the softmax Jacobian.
/// </summary>
[Chapter(4)]
public static class SoftmaxCrossEntropy
{
    #region fused
    public static Tensor Compute(Tensor logits, Tensor targets)
    {
        int n = logits.Shape[0];
        Tensor logProbs, loss;
        using (Tensor.NoGrad())
        {
            logProbs = logits.LogSoftmax();                              // [N, K], stable (log-sum-exp)
            loss = -(targets * logProbs).Sum() * (1f / n);               // scalar
        }
        return loss.WithGradient("softmax_cross_entropy", [logits, targets], dL =>
        {
            using var _ = Tensor.NoGrad();
            var scale = dL * (1f / n);
            logits.AccumulateGrad((logProbs.Exp() - targets) * scale);     // ∂L/∂z = (p − y)/N
            if (targets.RequiresGrad) targets.AccumulateGrad(-logProbs * scale);   // ∂L/∂y = −log p/N (soft targets)
        });
    }
    #endregion
}
