namespace Learn.Dnn.Optimizers;

/// <summary>
/// Stochastic gradient descent, the plain rule: w ← w − η·g, with Keras' default η = 0.01.
/// Each call of <see cref="Optimizer.Apply"/> is one step on one mini-batch's gradient.
/// </summary>
[Chapter(5)]
public sealed class SGD(float learningRate = 0.01f) : Optimizer(learningRate)
{
    public override string Name => "sgd";

    #region update
    protected override void Update(int index, Tensor weight, Tensor gradient, float learningRate) =>
        weight.Device.Axpy(-learningRate, gradient.Storage, weight.Storage);   // w += (−η)·g, one fused pass
    #endregion
}
