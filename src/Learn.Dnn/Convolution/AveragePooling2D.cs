using Learn.Dnn.Devices;

namespace Learn.Dnn.Convolution;

/// <summary>
/// Average pooling, Keras' AveragePooling2D: each output is the mean of its window, per channel.
/// Keras defaults: pool 2×2, strides = pool, padding "valid"; "same" averages over the cells inside the
/// image only (it divides by their count). The gradient of a window is shared equally among its cells.
/// </summary>
[Chapter(7)]
public sealed class AveragePooling2D : Pooling2D
{
    /// <param name="poolSize">The window's height and width.</param>
    /// <param name="strides">How far the window moves; by default poolSize.</param>
    /// <param name="padding">"valid" or "same".</param>
    /// <param name="name">By default "average_pooling2d", "average_pooling2d_1", ...</param>
    public AveragePooling2D(int poolSize = 2, int? strides = null, string padding = "valid", string? name = null)
        : base(PoolOp.Average, (poolSize, poolSize), strides is int s ? (s, s) : null, padding, name) { }

    /// <summary>A non-square window, or different strides along the height and the width.</summary>
    public AveragePooling2D((int Height, int Width) poolSize, (int Height, int Width)? strides = null, string padding = "valid", string? name = null)
        : base(PoolOp.Average, poolSize, strides, padding, name) { }
}
