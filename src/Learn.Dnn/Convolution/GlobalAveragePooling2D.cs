using Learn.Dnn.Devices;

namespace Learn.Dnn.Convolution;

/// <summary>
/// Keras' <c>GlobalAveragePooling2D</c>: the mean over every position, per channel, [batch, height, width, channels] → [batch, channels]
/// (see <see cref="GlobalPooling"/>).
/// </summary>
[Chapter(9)]
public sealed class GlobalAveragePooling2D : GlobalPooling
{
    /// <param name="keepDims">Keep the pooled axes as size 1 (Keras' keepdims, default false).</param>
    /// <param name="name">By default "global_average_pooling2d", ...</param>
    public GlobalAveragePooling2D(bool keepDims = false, string? name = null) : base(PoolOp.Average, 2, keepDims, name) { }
}
