namespace Learn.Dnn.Plotting;

/// <summary>
/// One panel of a figure: a plot area with its title, axis labels, ticks, legend and colour bar,
/// and the plots drawn in it. Add plots with the methods below; each returns this panel, so calls
/// chain. Rasters (heatmaps, decision boundaries) are drawn first, everything else on top in the
/// order it was added. Axis limits follow the data unless <see cref="XLimits"/>/<see cref="YLimits"/> are set.
/// NaN or ±Inf in any data throws an <see cref="ArgumentException"/> naming the series and index.
/// </summary>
[Chapter(1)]
public sealed class Axes
{
    private readonly List<PlotItem> _items = [];
    private int _nextColor;

    internal Axes() { }

    public string Title { get; set; } = "";
    public string XLabel { get; set; } = "";
    public string YLabel { get; set; } = "";

    /// <summary>A logarithmic y axis (loss curves spanning decades); all y values must be &gt; 0.</summary>
    public bool LogY { get; set; }

    public (double Min, double Max)? XLimits { get; set; }
    public (double Min, double Max)? YLimits { get; set; }

    /// <summary>A line through (x[i], y[i]); with a label it gets a legend entry. Colours follow the palette.</summary>
    public Axes Line(double[] x, double[] y, string? label = null, bool dashed = false) =>
        Add(new LinePlot(x, y, label, NextColor(), dashed ? "6 4" : null));

    public Axes Line(float[] x, float[] y, string? label = null, bool dashed = false) =>
        Line(DataCheck.ToDouble(x), DataCheck.ToDouble(y), label, dashed);

    /// <summary>y = f(x) sampled at <paramref name="samples"/> evenly spaced x in [xMin, xMax] (an activation function).</summary>
    public Axes Function(Func<double, double> f, double xMin, double xMax, string? label = null, bool dashed = false,
                         int samples = 201)
    {
        if (samples < 2) throw new ArgumentException($"Axes.Function: samples must be at least 2, got {samples}.");
        var x = Enumerable.Range(0, samples).Select(i => xMin + i * (xMax - xMin) / (samples - 1)).ToArray();
        return Line(x, x.Select(f).ToArray(), label, dashed);
    }

    /// <summary>Points (x[i], y[i]) in one colour, one legend entry if labelled.</summary>
    public Axes Scatter(double[] x, double[] y, string? label = null)
    {
        int series = _nextColor;
        return Add(new ScatterPlot(x, y, label, NextColor(), Marker.ForClass(series)));
    }

    public Axes Scatter(float[] x, float[] y, string? label = null) =>
        Scatter(DataCheck.ToDouble(x), DataCheck.ToDouble(y), label);

    /// <summary>
    /// Points coloured (and shaped) by class: classes[i] ∈ {0, 1, ...}; the legend names each class
    /// (classNames[c], or "class c"). Class c has palette colour c in every panel.
    /// </summary>
    public Axes Scatter(double[] x, double[] y, int[] classes, string[]? classNames = null)
    {
        Add(new ScatterPlot(x, y, classes, classNames));
        if (classes.Length > 0) _nextColor = Math.Max(_nextColor, classes.Max() + 1);   // later series do not take a class's colour
        return this;
    }

    /// <summary>Points [n, 2] (column 0 = x, column 1 = y), coloured by class.</summary>
    public Axes Scatter(float[,] points, int[] classes, string[]? classNames = null)
    {
        if (points.GetLength(1) != 2)
            throw new ArgumentException($"Axes.Scatter: points must be [n, 2] (x, y), got [{points.GetLength(0)}, {points.GetLength(1)}].");
        var x = Enumerable.Range(0, points.GetLength(0)).Select(i => (double)points[i, 0]).ToArray();
        var y = Enumerable.Range(0, points.GetLength(0)).Select(i => (double)points[i, 1]).ToArray();
        return Scatter(x, y, classes, classNames);
    }

    /// <summary>The line w1·x + w2·y + b = 0 (a perceptron's decision line), dashed, clipped to the axes.</summary>
    public Axes StraightLine(double w1, double w2, double b, string? label = null) =>
        Add(new StraightLine(w1, w2, b, label, NextColor()));

    /// <summary>
    /// A matrix values[i, j] as cells over x ∈ [x.Min, x.Max], y ∈ [y.Min, y.Max]: column j along x,
    /// row i along y with row 0 at the bottom. Colour bar from min to max of the values.
    /// </summary>
    public Axes Heatmap(double[,] values, (double Min, double Max) x, (double Min, double Max) y,
                        string? colorbarLabel = null, Colormap? colormap = null) =>
        Add(new Heatmap(values, x, y, colormap, colorbarLabel, annotate: false));

    public Axes Heatmap(float[,] values, (double Min, double Max) x, (double Min, double Max) y,
                        string? colorbarLabel = null, Colormap? colormap = null) =>
        Heatmap(DataCheck.ToDouble(values), x, y, colorbarLabel, colormap);

    /// <summary>
    /// A matrix as a table of cells: rowLabels down the left (row 0 at the top), columnLabels
    /// along the bottom; with <paramref name="annotate"/> each cell shows its value.
    /// </summary>
    public Axes Heatmap(double[,] values, string[] rowLabels, string[] columnLabels, bool annotate = false,
                        string? colorbarLabel = null, Colormap? colormap = null) =>
        Add(new Heatmap(values, rowLabels, columnLabels, colormap, colorbarLabel, annotate));

    /// <summary>
    /// A confusion matrix: counts[true class, predicted class], each cell annotated with its
    /// count; y axis "true", x axis "predicted" (unless labels were set already).
    /// </summary>
    public Axes ConfusionMatrix(int[,] counts, string[] classNames)
    {
        var values = new double[counts.GetLength(0), counts.GetLength(1)];
        for (int i = 0; i < counts.GetLength(0); i++)
            for (int j = 0; j < counts.GetLength(1); j++)
                values[i, j] = counts[i, j];
        if (YLabel == "") YLabel = "true";
        if (XLabel == "") XLabel = "predicted";
        return Heatmap(values, classNames, classNames, annotate: true, colorbarLabel: "count");
    }

    /// <summary>
    /// Two-class decision regions: <paramref name="probability"/> maps a batch of points [n, 2]
    /// (x, y) to P(class 1) for each, [n]. It is called once, with resolution² grid points over
    /// x × y. The regions are shaded blue (class 0) to orange (class 1) with the 0.5 contour.
    /// Add the data with <see cref="Scatter(float[,], int[], string[])"/> afterwards.
    /// </summary>
    public Axes DecisionBoundary(Func<float[,], float[]> probability, (double Min, double Max) x,
                                 (double Min, double Max) y, int resolution = 150)
    {
        var points = Plotting.DecisionBoundary.GridPoints(x, y, resolution);
        float[] p = probability(points);
        if (p.Length != points.GetLength(0))
            throw new ArgumentException(
                $"Axes.DecisionBoundary: the probability function returned {p.Length} values for {points.GetLength(0)} points; " +
                "it must return one probability of class 1 per point.");
        return DecisionBoundary(ToGrid(p, resolution, 1, 0), x, y);
    }

    /// <summary>
    /// Multi-class decision regions: <paramref name="classProbabilities"/> maps points [n, 2] to
    /// probabilities [n, k] (softmax output). Each grid cell takes the colour of its most probable
    /// class, paler where the model is unsure; the class borders are drawn.
    /// </summary>
    public Axes DecisionBoundary(Func<float[,], float[,]> classProbabilities, (double Min, double Max) x,
                                 (double Min, double Max) y, int resolution = 150)
    {
        var points = Plotting.DecisionBoundary.GridPoints(x, y, resolution);
        float[,] p = classProbabilities(points);
        if (p.GetLength(0) != points.GetLength(0) || p.GetLength(1) < 2)
            throw new ArgumentException(
                $"Axes.DecisionBoundary: the probability function returned [{p.GetLength(0)}, {p.GetLength(1)}] for " +
                $"{points.GetLength(0)} points; it must return [{points.GetLength(0)}, k] with k ≥ 2 classes.");
        var flat = new float[p.Length];
        Buffer.BlockCopy(p, 0, flat, 0, p.Length * sizeof(float));
        var grids = Enumerable.Range(0, p.GetLength(1)).Select(c => ToGrid(flat, resolution, p.GetLength(1), c)).ToArray();
        return Add(new DecisionBoundary(grids, x, y));
    }

    /// <summary>
    /// Two-class decision regions over the data's range (widened by 10 % on each side), with the
    /// data points [n, 2] scattered on top, coloured by class.
    /// </summary>
    public Axes DecisionBoundary(Func<float[,], float[]> probability, float[,] points, int[] classes,
                                 string[]? classNames = null, int resolution = 150)
    {
        var (x, y) = PaddedRange(points);
        return DecisionBoundary(probability, x, y, resolution).Scatter(points, classes, classNames);
    }

    /// <summary>Multi-class decision regions over the data's range, with the data scattered on top.</summary>
    public Axes DecisionBoundary(Func<float[,], float[,]> classProbabilities, float[,] points, int[] classes,
                                 string[]? classNames = null, int resolution = 150)
    {
        var (x, y) = PaddedRange(points);
        return DecisionBoundary(classProbabilities, x, y, resolution).Scatter(points, classes, classNames);
    }

    /// <summary>
    /// Two-class decision regions from a precomputed grid: probability[i, j] = P(class 1) at
    /// row i along y (row 0 at y.Min), column j along x.
    /// </summary>
    public Axes DecisionBoundary(double[,] probability, (double Min, double Max) x, (double Min, double Max) y) =>
        Add(new DecisionBoundary(probability, x, y));

    /// <summary>
    /// Greyscale images in a grid (no axes): images[n] holds height·width pixels, row-major;
    /// one grey scale spans all images' min..max. <paramref name="columns"/> defaults to ⌈√n⌉.
    /// </summary>
    public Axes ImageGrid(IReadOnlyList<float[]> images, int height, int width, string[]? captions = null,
                          int? columns = null, Colormap? colormap = null) =>
        Add(new ImageGrid(images, height, width, captions, columns, colormap));

    // The bounding box of points [n, 2], widened by 10 % of its size (or by 1 where it is flat).
    private static ((double Min, double Max) X, (double Min, double Max) Y) PaddedRange(float[,] points)
    {
        if (points.GetLength(1) != 2 || points.GetLength(0) == 0)
            throw new ArgumentException($"Axes.DecisionBoundary: points must be [n, 2] with n ≥ 1, got [{points.GetLength(0)}, {points.GetLength(1)}].");
        (double Min, double Max) Padded(int column)
        {
            var values = DataCheck.Finite("DecisionBoundary", "points", column == 0 ? "x" : "y",
                Enumerable.Range(0, points.GetLength(0)).Select(i => (double)points[i, column]).ToArray());
            var (min, max) = DataCheck.Range(values);
            double pad = max > min ? 0.1 * (max - min) : 1;
            return (min - pad, max + pad);
        }
        return (Padded(0), Padded(1));
    }

    private Axes Add(PlotItem item)
    {
        _items.Add(item);
        return this;
    }

    private string NextColor() => Palette.Color(_nextColor++);

    // p[n·stride + column] for the grid point n = i·resolution + j → grid[i, j].
    private static double[,] ToGrid(float[] p, int resolution, int stride, int column)
    {
        var grid = new double[resolution, resolution];
        for (int i = 0; i < resolution; i++)
            for (int j = 0; j < resolution; j++)
                grid[i, j] = p[(i * resolution + j) * stride + column];
        return grid;
    }

    /// <summary>Draws the panel into the rectangle (left, top, width, height) of the figure.</summary>
    internal void Render(SvgWriter svg, double left, double top, double width, double height, string id)
    {
        var items = _items.Where(i => i.IsRaster).Concat(_items.Where(i => !i.IsRaster)).ToList();
        double topMargin = Title == "" ? 14 : 36;
        if (Title != "")
            svg.Text(left + width / 2, top + 24, Title, 15, weight: "600", cssClass: "title");
        if (items.Any(i => i.HidesAxes))
        {
            var whole = new Frame(left + 8, top + topMargin, width - 16, height - topMargin - 8,
                                  new Scale(0, 1, left + 8, left + width - 8), new Scale(0, 1, top + height - 8, top + topMargin));
            foreach (var item in items) item.Render(svg, whole);
            return;
        }
        var entries = items.SelectMany(i => i.LegendEntries).ToList();
        var points = items.SelectMany(i => i.Points).ToList();
        var frame = Layout(items, left, top + topMargin, width, height - topMargin, 0, out var xAxis, out var yAxis);
        var legend = entries.Count == 0 ? default : Legend.BestCorner(frame, entries, points);
        bool legendOutside = entries.Count > 0 && legend.Covered > 0;
        if (legendOutside)   // every inner corner would hide data: make room on the right
            frame = Layout(items, left, top + topMargin, width, height - topMargin, Legend.Width(entries) + 12, out xAxis, out yAxis);
        DrawGrid(svg, frame, xAxis, yAxis, raster: items.Any(i => i.IsRaster));
        svg.ClipRectangle(id + "-clip", frame.Left, frame.Top, frame.Width, frame.Height);
        svg.BeginGroup($"clip-path=\"url(#{id}-clip)\"");
        foreach (var item in items) item.Render(svg, frame);
        svg.EndGroup();
        svg.Rectangle(frame.Left, frame.Top, frame.Width, frame.Height, "none", "#444444", 1);
        DrawTicks(svg, frame, xAxis, yAxis);
        DrawAxisLabels(svg, frame, left);
        var colorBar = items.Select(i => i.ColorBar).OfType<ColorBar>().FirstOrDefault();
        colorBar?.Render(svg, frame.Right, frame.Top, frame.Height, id + "-colorbar");
        if (legendOutside)
            Legend.Render(svg, frame.Right + (colorBar?.Width(frame.Height) ?? 0) + 12, frame.Top, entries);
        else if (entries.Count > 0)
        {
            legend = Legend.BestCorner(frame, entries, points);
            Legend.Render(svg, legend.X, legend.Y, entries);
        }
    }

    /// <summary>
    /// Margins from what they hold: the y tick labels' width on the left, the colour bar (and a
    /// legend placed outside) on the right; then as many ticks as fit (about one per 45 px up; across, one per 50 px, fewer if the labels would touch).
    /// </summary>
    private Frame Layout(List<PlotItem> items, double left, double top, double width, double height, double legendWidth,
                         out Axis xAxis, out Axis yAxis)
    {
        double bottomMargin = 30 + (XLabel == "" ? 0 : 22);
        double plotHeight = height - bottomMargin;
        yAxis = Axis.For(Title, "y", items, isY: true, YLimits, LogY, Math.Clamp((int)(plotHeight / 45), 3, 10));
        var colorBar = items.Select(i => i.ColorBar).OfType<ColorBar>().FirstOrDefault();
        double rightMargin = 18 + (colorBar?.Width(plotHeight) ?? 0) + legendWidth;
        double leftMargin = 10 + (YLabel == "" ? 0 : 24) + yAxis.WidestLabel(12) + 10;
        double plotWidth = width - leftMargin - rightMargin;

        int maxTicks = Math.Clamp((int)(plotWidth / 50), 5, 10);
        xAxis = Axis.For(Title, "x", items, isY: false, XLimits, log: false, maxTicks);
        while (!xAxis.IsCategorical && maxTicks > 3 && xAxis.Labels.Length * (xAxis.WidestLabel(12) + 12) > plotWidth)
            xAxis = Axis.For(Title, "x", items, isY: false, XLimits, log: false, --maxTicks);

        var xScale = new Scale(xAxis.Min, xAxis.Max, left + leftMargin, left + leftMargin + plotWidth);
        var yScale = yAxis.IsCategorical   // a table's row 0 is at the top
            ? new Scale(yAxis.Min, yAxis.Max, top, top + plotHeight)
            : new Scale(yAxis.Min, yAxis.Max, top + plotHeight, top, yAxis.IsLog);
        return new Frame(left + leftMargin, top, plotWidth, plotHeight, xScale, yScale);
    }

    private static void DrawGrid(SvgWriter svg, Frame frame, Axis xAxis, Axis yAxis, bool raster)
    {
        if (raster) return;   // a grid over a heatmap only hides it
        svg.BeginGroup("class=\"grid\" stroke=\"#E4E4E4\" stroke-width=\"1\"");
        foreach (double t in xAxis.Ticks) svg.Line(frame.X.Map(t), frame.Top, frame.X.Map(t), frame.Bottom, "#E4E4E4");
        foreach (double t in yAxis.Ticks) svg.Line(frame.Left, frame.Y.Map(t), frame.Right, frame.Y.Map(t), "#E4E4E4");
        svg.EndGroup();
    }

    private static void DrawTicks(SvgWriter svg, Frame frame, Axis xAxis, Axis yAxis)
    {
        for (int k = 0; k < xAxis.Ticks.Length; k++)
        {
            double x = frame.X.Map(xAxis.Ticks[k]);
            svg.Line(x, frame.Bottom, x, frame.Bottom + 5, "#444444");
            svg.Text(x, frame.Bottom + 19, xAxis.Labels[k], 12, cssClass: "tick-label x");
        }
        for (int k = 0; k < yAxis.Ticks.Length; k++)
        {
            double y = frame.Y.Map(yAxis.Ticks[k]);
            svg.Line(frame.Left - 5, y, frame.Left, y, "#444444");
            svg.Text(frame.Left - 8, y, yAxis.Labels[k], 12, anchor: "end", cssClass: "tick-label y", baseline: "central");
        }
    }

    private void DrawAxisLabels(SvgWriter svg, Frame frame, double panelLeft)
    {
        if (XLabel != "")
            svg.Text(frame.Left + frame.Width / 2, frame.Bottom + 42, XLabel, 14, cssClass: "xlabel");
        if (YLabel != "")
            svg.Text(panelLeft + 20, frame.Top + frame.Height / 2, YLabel, 14, rotate: -90, cssClass: "ylabel");
    }
}
