namespace Learn.Dnn.Plotting;

/// <summary>How a legend shows one entry: a short line, a marker, or a filled patch.</summary>
internal enum LegendSymbol { Line, Marker, Patch }

internal sealed record LegendEntry(string Label, string Color, LegendSymbol Symbol, MarkerShape Shape = MarkerShape.Circle,
                                   string? Dash = null);


/// <summary>
/// One thing drawn inside a panel's axes (a line, a scatter, a heatmap...). It reports the data
/// range it needs, and draws itself once the panel has fixed its scales.
/// </summary>
internal abstract class PlotItem
{
    /// <summary>The x range of the data, or null if the item does not constrain x (a straight line).</summary>
    public abstract (double Min, double Max)? XRange { get; }

    public abstract (double Min, double Max)? YRange { get; }

    /// <summary>
    /// True for rasters (heatmaps, decision boundaries): the axes end exactly at the raster's edges,
    /// with no margin, and the item is drawn before (under) the others.
    /// </summary>
    public virtual bool IsRaster => false;

    /// <summary>Fraction of the data range added on each side, so markers do not sit on the frame.</summary>
    public virtual double Margin => 0;

    /// <summary>True for an image grid: no frame, no ticks.</summary>
    public virtual bool HidesAxes => false;

    /// <summary>Category names for the ticks (a confusion matrix), or null for numeric ticks.</summary>
    public virtual IReadOnlyList<string>? XCategories => null;

    /// <summary>Row names, top row first; a categorical y axis runs downwards like a table.</summary>
    public virtual IReadOnlyList<string>? YCategories => null;

    public virtual ColorBar? ColorBar => null;

    public virtual IEnumerable<LegendEntry> LegendEntries => [];

    /// <summary>Data points the legend should avoid covering.</summary>
    public virtual IEnumerable<(double X, double Y)> Points => [];

    public abstract void Render(SvgWriter svg, Frame frame);
}
