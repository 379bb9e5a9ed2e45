using Learn.Dnn.Serialization;
namespace Learn.Dnn.Losses;

/// <summary>MSE = mean over all elements of (ŷ − y)², the loss for regression. ∂MSE/∂ŷ = 2(ŷ − y)/N.</summary>
[Chapter(3)]
[KerasName("mean_squared_error", "mse")]
public sealed class MeanSquaredError : Loss
{
    #region compute
    protected override Tensor Compute(Tensor yTrue, Tensor yPred) => (yPred - yTrue).Square().Mean();
    #endregion
}
