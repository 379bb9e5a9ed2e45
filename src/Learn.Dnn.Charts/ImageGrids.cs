using ScottPlot;

namespace Learn.Dnn.Charts;

/// <summary>Small greyscale images (MNIST digits, learned filters) in a grid, each with a caption such as "pred 3 / true 5".</summary>
public static class ImageGrids
{
    /// <summary>
    /// Image n is a flat array of height·width pixels, row-major, top row first. All images share
    /// one grey scale from the smallest to the largest pixel over all of them, so their brightness
    /// compares; the chart hides its axes. <paramref name="columns"/> defaults to ⌈√count⌉. Save it at a
    /// size whose aspect matches the grid (about 200 × 230 pixels a cell) for square pixels.
    /// </summary>
    public static Plot ImageGrid(this Plot plot, IReadOnlyList<float[]> images, int height, int width,
                                 IReadOnlyList<string>? captions = null, int? columns = null)
    {
        if (images.Count == 0) throw new ArgumentException("ImageGrid: no images were given.");
        if (height <= 0 || width <= 0) throw new ArgumentException($"ImageGrid: the image size must be positive, got {height}×{width}.");
        for (int n = 0; n < images.Count; n++)
            if (images[n].Length != height * width)
                throw new ArgumentException($"ImageGrid: image [{n}] has {images[n].Length} pixels; a {height}×{width} image has {height * width}.");
        if (captions is not null && captions.Count != images.Count)
            throw new ArgumentException($"ImageGrid: {images.Count} images but {captions.Count} captions; give one caption per image.");
        if (columns is <= 0) throw new ArgumentException($"ImageGrid: columns must be positive, got {columns}.");
        int perRow = columns ?? (int)Math.Ceiling(Math.Sqrt(images.Count));
        int rows = (images.Count + perRow - 1) / perRow;

        var pixels = images.SelectMany(i => i).ToArray();
        var scale = new ScottPlot.Range(pixels.Min(), pixels.Max() > pixels.Min() ? pixels.Max() : pixels.Min() + 1);
        // Cell (row r, column c) is [c, c + 1] × [−(r + 1)·h, −r·h] in square units: the image fills 90% of
        // its width at the image's aspect ratio, and the caption sits in the space below it.
        double gap = 0.1, captionSpace = captions is null ? 0 : 0.3;
        double imageHeight = (1 - gap) * height / width, cellHeight = imageHeight + gap + captionSpace;
        for (int n = 0; n < images.Count; n++)
        {
            int r = n / perRow, c = n % perRow;
            var intensities = new double[height, width];
            for (int i = 0; i < height; i++)
                for (int j = 0; j < width; j++)
                    intensities[i, j] = images[n][i * width + j];
            var image = plot.Add.Heatmap(intensities);
            image.Colormap = new ScottPlot.Colormaps.Grayscale();
            image.ManualRange = scale;
            double top = -r * cellHeight - gap / 2;
            // Rectangle sets the bitmap's edges; Extent would place the cells' centres there and spill half a pixel each way.
            image.Rectangle = new CoordinateRect(c + gap / 2, c + 1 - gap / 2, top - imageHeight, top);
            if (captions is not null)
            {
                var caption = plot.Add.Text(captions[n], c + 0.5, top - imageHeight - 0.03);
                caption.Alignment = Alignment.UpperCenter;
                caption.LabelFontSize = 13;
            }
        }
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left, plot.Axes.Right, plot.Axes.Top }) axis.IsVisible = false;
        plot.HideGrid();
        plot.Axes.Frame(false);
        plot.Axes.Margins(0, 0);
        plot.Axes.SetLimits(0, perRow, -rows * cellHeight, 0);   // after Margins, which would autoscale to the images and cut the last captions off
        return plot;
    }
}
