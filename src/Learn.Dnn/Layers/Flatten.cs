namespace Learn.Dnn.Layers;

/// <summary>
/// Flattens each sample to a vector: [batch, d1, d2, ...] → [batch, d1·d2·...], in row-major
/// (channels-last) order, so a [batch, 3, 3, 128] feature map becomes [batch, 1152] with the channel
/// varying fastest — the order Keras uses, and the one a Dense kernel loaded from Keras expects.
/// No weights; backward reshapes the gradient back.
/// </summary>
[Chapter(7)]
public sealed class Flatten(string? name = null) : Layer(name)
{
    public override IReadOnlyList<Tensor> TrainableWeights => [];

    protected override void Build(Shape inputShape)
    {
        if (inputShape.Rank < 1)
            throw new ShapeMismatchException($"Flatten '{Name}' expects [batch, ...], got a scalar {inputShape}.");
    }

    protected override Tensor Forward(Tensor x, bool training)
    {
        if (x.Rank < 1)
            throw new ShapeMismatchException($"Flatten '{Name}' expects [batch, ...], got a scalar {x.Shape}.");
        int features = 1;
        for (int axis = 1; axis < x.Rank; axis++) features *= x.Shape[axis];
        return x.Reshape(x.Shape[0], features);
    }
}
