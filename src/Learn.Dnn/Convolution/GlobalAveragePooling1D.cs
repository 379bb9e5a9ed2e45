using Learn.Dnn.Devices;

namespace Learn.Dnn.Convolution;

/// <summary>
/// Keras' <c>GlobalAveragePooling1D</c>: the mean over every position, per channel, [batch, steps, channels] → [batch, channels]
/// (see <see cref="GlobalPooling"/>).
/// </summary>
[Chapter(9)]
public sealed class GlobalAveragePooling1D : GlobalPooling
{
    /// <param name="keepDims">Keep the pooled axes as size 1 (Keras' keepdims, default false).</param>
    /// <param name="name">By default "global_average_pooling1d", ...</param>
    public GlobalAveragePooling1D(bool keepDims = false, string? name = null) : base(PoolOp.Average, 1, keepDims, name) { }
}
