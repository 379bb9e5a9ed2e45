using Learn.Dnn.Devices;

namespace Learn.Dnn.Convolution;

/// <summary>
/// Max pooling, Keras' MaxPooling2D: each output is the largest value of its window, per channel.
/// Keras defaults: pool 2×2, strides = pool, padding "valid"; "same" pads with −∞. The gradient of a
/// window goes to its maximum alone; when several cells tie, to the first in row-major window order.
/// </summary>
[Chapter(7)]
public sealed class MaxPooling2D : Pooling2D
{
    /// <param name="poolSize">The window's height and width.</param>
    /// <param name="strides">How far the window moves; by default poolSize.</param>
    /// <param name="padding">"valid" or "same".</param>
    /// <param name="name">By default "max_pooling2d", "max_pooling2d_1", ...</param>
    public MaxPooling2D(int poolSize = 2, int? strides = null, string padding = "valid", string? name = null)
        : base(PoolOp.Max, (poolSize, poolSize), strides is int s ? (s, s) : null, padding, name) { }

    /// <summary>A non-square window, or different strides along the height and the width.</summary>
    public MaxPooling2D((int Height, int Width) poolSize, (int Height, int Width)? strides = null, string padding = "valid", string? name = null)
        : base(PoolOp.Max, poolSize, strides, padding, name) { }
}
