using Learn.Dnn.Devices;

namespace Learn.Dnn.Convolution;

/// <summary>
/// Keras' <c>GlobalMaxPooling1D</c>: the largest value over every position, per channel, [batch, steps, channels] → [batch, channels]
/// (see <see cref="GlobalPooling"/>).
/// </summary>
[Chapter(9)]
public sealed class GlobalMaxPooling1D : GlobalPooling
{
    /// <param name="keepDims">Keep the pooled axes as size 1 (Keras' keepdims, default false).</param>
    /// <param name="name">By default "global_max_pooling1d", ...</param>
    public GlobalMaxPooling1D(bool keepDims = false, string? name = null) : base(PoolOp.Max, 1, keepDims, name) { }
}
