namespace Learn.Dnn.Losses;

/// <summary>MSE = mean over all elements of (ŷ − y)², the loss for regression. ∂MSE/∂ŷ = 2(ŷ − y)/N.</summary>
[Chapter(3)]
public sealed class MeanSquaredError : Loss
{
    public override string Name => "mean_squared_error";

    #region compute
    protected override Tensor Compute(Tensor yTrue, Tensor yPred) => (yPred - yTrue).Square().Mean();
    #endregion
}
