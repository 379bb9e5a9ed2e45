namespace Learn.Dnn.Devices;

// In Devices/ because the devices' window primitives (Im2Col, Conv2D, Pool2D) take it; the layers of Convolution/, higher up, use it from here.

/// <summary>What a pooling window computes: its largest value, or the mean of its (non-padded) values.</summary>
[Chapter(7)]
public enum PoolOp
{
    Max,
    Average,
}
