using Learn.Dnn.Activations;
using Learn.Dnn.Devices;

namespace Learn.Dnn.Tests.Devices;

/// <summary>
/// The fast CPU device shares a large elementwise map among its cores in parts (CpuDevice.Unary). Each number is
/// computed alone, so the parts must give exactly the numbers of one SIMD call over the whole span, forward and
/// backward: three whole parts and a remainder here, so that the last, shorter part is tested too.
/// </summary>
public sealed class ElementwiseMapTests
{
    /// <summary>The activations with a SIMD form (the others run the reference loop on one core).</summary>
    public static TheoryData<string> Functions() => new() { "tanh", "sigmoid", "relu" };

    private static (UnaryFunction Function, Func<Tensor, Tensor> Apply) Find(string name) => name switch
    {
        "tanh" => (Tanh.Elementwise, x => x.Tanh()),
        "sigmoid" => (Sigmoid.Elementwise, x => x.Sigmoid()),
        _ => (Relu.Elementwise, x => x.Relu()),
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void A_map_shared_among_the_cores_equals_one_simd_call_bit_for_bit(string name)
    {
        var (function, apply) = Find(name);
        const int length = 3 * (1 << 16) + 12_345;
        var rng = new Rng(11);
        float[] values = rng.Normal(new Shape(length), 0f, 3f).ToArray(), upstream = rng.Normal(new Shape(length), 0f, 1f).ToArray();

        var x = Tensor.FromArray(values, new Shape(length), Device.Cpu);
        x.RequiresGrad = true;
        var y = apply(x);
        (y * Tensor.FromArray(upstream, new Shape(length), Device.Cpu)).Sum().Backward();   // ∂L/∂y = upstream

        float[] expectedY = new float[length], expectedDx = new float[length];
        function.Vectorized!(values, 1f, expectedY);
        function.VectorizedBackward!(values, expectedY, upstream, 1f, expectedDx);
        Assert.Equal(expectedY, y.ToArray());
        Assert.Equal(expectedDx, x.Grad!.ToArray());
    }
}
