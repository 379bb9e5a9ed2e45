namespace Learn.Dnn.Tests.Operations;

internal static class TestOperations
{
    /// <summary>The identity in the forward pass, with a backward deliberately scaled by <paramref name="factor"/>.</summary>
    public static Tensor ScaleGradient(this Tensor x, float factor) =>
        x.Clone().WithGradient("scale_gradient", [x], dY => x.AccumulateGrad(dY * factor));
}
