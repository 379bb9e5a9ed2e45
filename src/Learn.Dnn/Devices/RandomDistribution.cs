namespace Learn.Dnn.Devices;

/// <summary>The distributions of the counter-based random stream.</summary>
[Chapter(1)]
public enum RandomDistribution
{
    /// <summary>U(a, b)</summary>
    Uniform,
    /// <summary>N(mean a, standard deviation b), by the Box–Muller transform</summary>
    Normal,
}
