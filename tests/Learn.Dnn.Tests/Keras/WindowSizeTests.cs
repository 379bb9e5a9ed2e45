using Learn.Dnn.Convolution;

namespace Learn.Dnn.Tests.Keras;

/// <summary>Kernel size, strides and pool size each take an int or a (height, width) pair, independently, as in Keras.</summary>
public sealed class WindowSizeTests
{
    [Fact]
    public void Conv2D_takes_an_int_or_a_pair_for_kernel_size_and_strides()
    {
        var pairKernel = new Conv2D(4, kernelSize: (5, 5), activation: "relu");
        Assert.Equal(((5, 5), (1, 1)), (pairKernel.KernelSize, pairKernel.Strides));
        var intKernelPairStrides = new Conv2D(4, 3, strides: (2, 1));
        Assert.Equal(((3, 3), (2, 1)), (intKernelPairStrides.KernelSize, intKernelPairStrides.Strides));
        var pairKernelIntStrides = new Conv2D(4, (3, 5), strides: 2);
        Assert.Equal(((3, 5), (2, 2)), (pairKernelIntStrides.KernelSize, pairKernelIntStrides.Strides));
        var ints = new Conv2D(4, 3, 2);
        Assert.Equal(((3, 3), (2, 2)), (ints.KernelSize, ints.Strides));
        var pairs = new Conv2D(4, (3, 5), (2, 1), padding: "same");
        Assert.Equal(((3, 5), (2, 1)), (pairs.KernelSize, pairs.Strides));
    }

    [Fact]
    public void Pooling_takes_an_int_or_a_pair_for_pool_size_and_strides()
    {
        Assert.Equal(((2, 2), (2, 2)), Window(new MaxPooling2D()));
        Assert.Equal(((3, 3), (3, 3)), Window(new MaxPooling2D(3)));
        Assert.Equal(((2, 2), (2, 2)), Window(new MaxPooling2D((2, 2))));
        Assert.Equal(((3, 3), (1, 1)), Window(new MaxPooling2D(3, strides: 1)));
        Assert.Equal(((3, 3), (1, 2)), Window(new MaxPooling2D(3, strides: (1, 2))));
        Assert.Equal(((2, 3), (1, 1)), Window(new MaxPooling2D((2, 3), strides: 1)));
        Assert.Equal(((2, 3), (2, 1)), Window(new MaxPooling2D((2, 3), strides: (2, 1))));
        Assert.Equal(((3, 3), (1, 2)), Window(new AveragePooling2D(3, strides: (1, 2))));
        Assert.Equal(((2, 3), (1, 1)), Window(new AveragePooling2D((2, 3), strides: 1)));
        Assert.Equal(((2, 2), (2, 2)), Window(new AveragePooling2D(poolSize: (2, 2))));
    }

    private static ((int, int), (int, int)) Window(Pooling2D layer) => (layer.PoolSize, layer.Strides);
}
