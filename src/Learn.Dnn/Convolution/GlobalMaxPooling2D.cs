using Learn.Dnn.Devices;

namespace Learn.Dnn.Convolution;

/// <summary>
/// Keras' <c>GlobalMaxPooling2D</c>: the largest value over every position, per channel, [batch, height, width, channels] → [batch, channels]
/// (see <see cref="GlobalPooling"/>).
/// </summary>
[Chapter(9)]
public sealed class GlobalMaxPooling2D : GlobalPooling
{
    /// <param name="keepDims">Keep the pooled axes as size 1 (Keras' keepdims, default false).</param>
    /// <param name="name">By default "global_max_pooling2d", ...</param>
    public GlobalMaxPooling2D(bool keepDims = false, string? name = null) : base(PoolOp.Max, 2, keepDims, name) { }
}
