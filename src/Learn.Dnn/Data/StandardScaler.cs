namespace Learn.Dnn.Data;

/// <summary>
/// Standardises features: x' = (x − μ) / σ per column, with μ and σ learned from the training set
/// only (using the test set's statistics would leak information about it). A constant column
/// (σ = 0) is left centred but unscaled.
/// </summary>
[Chapter(4)]
public sealed class StandardScaler
{
    public Tensor? Mean { get; private set; }
    public Tensor? Scale { get; private set; }

    #region fit
    /// <summary>Learns μ and σ of each column of x: [samples, features].</summary>
    public StandardScaler Fit(Tensor x)
    {
        if (x.Rank != 2) throw new ShapeMismatchException($"StandardScaler.Fit: expected [samples, features], got {x.Shape}.");
        DataCheck.RequireFinite(x, "StandardScaler.Fit");
        using var _ = Tensor.NoGrad();
        Mean = x.Mean(0);                                              // μ: [features]
        var variance = (x - Mean).Square().Mean(0);                   // σ²: [features] (population variance)
        var std = variance.Sqrt().ToArray().Select(s => s > 0 ? s : 1f).ToArray();
        Scale = Tensor.FromArray(std, new Shape(std.Length), x.Device);
        return this;
    }
    #endregion

    /// <summary>(x − μ) / σ.</summary>
    public Tensor Transform(Tensor x)
    {
        if (Mean is null || Scale is null) throw new InvalidOperationException("StandardScaler.Transform: call Fit on the training data first.");
        if (x.Rank != 2 || x.Shape[1] != Mean.Shape[0])
            throw new ShapeMismatchException($"StandardScaler.Transform: fitted on {Mean.Shape[0]} features, got {x.Shape}.");
        return (x - Mean) / Scale;
    }

    public Tensor FitTransform(Tensor x) => Fit(x).Transform(x);
}
