namespace Learn.Dnn.Devices;

/// <summary>What a pooling window computes: its largest value, or the mean of its (non-padded) values.</summary>
[Chapter(7)]
public enum PoolOp
{
    Max,
    Average,
}
