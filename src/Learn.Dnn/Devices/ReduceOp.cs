namespace Learn.Dnn.Devices;

/// <summary>The reductions along one axis.</summary>
[Chapter(1)]
public enum ReduceOp
{
    Sum,
    Max,
}
