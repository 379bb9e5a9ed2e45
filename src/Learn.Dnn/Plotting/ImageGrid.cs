namespace Learn.Dnn.Plotting;

/// <summary>
/// Small greyscale images (MNIST digits, learned filters) in a grid, each with an optional
/// caption below it. Image n is a flat array of height·width pixels, row-major; all images share
/// one grey scale from the smallest to the largest pixel value, so their brightness compares.
/// The panel shows no axes.
/// </summary>
internal sealed class ImageGrid : PlotItem
{
    private readonly double[][] _images;
    private readonly int _height, _width, _columns;
    private readonly string[]? _captions;
    private readonly Colormap _colormap;
    private readonly double _min, _max;

    public ImageGrid(IReadOnlyList<float[]> images, int height, int width, string[]? captions, int? columns, Colormap? colormap)
    {
        if (images.Count == 0) throw new ArgumentException("ImageGrid: no images were given.");
        if (height <= 0 || width <= 0) throw new ArgumentException($"ImageGrid: image size must be positive, got {height}×{width}.");
        for (int n = 0; n < images.Count; n++)
            if (images[n].Length != height * width)
                throw new ArgumentException($"ImageGrid: image [{n}] has {images[n].Length} pixels; a {height}×{width} image has {height * width}.");
        if (captions is not null && captions.Length != images.Count)
            throw new ArgumentException($"ImageGrid: {images.Count} images but {captions.Length} captions; give one caption per image.");
        if (columns is <= 0) throw new ArgumentException($"ImageGrid: columns must be positive, got {columns}.");
        _images = images.Select((image, n) => DataCheck.Finite("ImageGrid", $"image {n}", "pixel", DataCheck.ToDouble(image))).ToArray();
        (_height, _width, _captions) = (height, width, captions);
        _columns = columns ?? (int)Math.Ceiling(Math.Sqrt(images.Count));
        _colormap = colormap ?? Colormap.Grays;
        (_min, _max) = DataCheck.Range(_images.SelectMany(i => i));
    }

    private int GridRows => (_images.Length + _columns - 1) / _columns;

    public override (double Min, double Max)? XRange => (0, 1);
    public override (double Min, double Max)? YRange => (0, 1);
    public override bool IsRaster => true;
    public override bool HidesAxes => true;

    public override void Render(SvgWriter svg, Frame frame)
    {
        const double gap = 6;
        double captionHeight = _captions is null ? 0 : 16;
        // The largest scale s at which columns·(width·s + gap) and rows·(height·s + gap + caption) fit.
        double scale = Math.Min((frame.Width - gap * _columns) / (_columns * _width),
                                (frame.Height - (gap + captionHeight) * GridRows) / (GridRows * _height));
        double cellWidth = _width * scale + gap, cellHeight = _height * scale + gap + captionHeight;
        double left = frame.Left + (frame.Width - cellWidth * _columns) / 2 + gap / 2;
        double top = frame.Top + (frame.Height - cellHeight * GridRows) / 2 + gap / 2;
        double captionSize = Math.Clamp(cellWidth * 0.16, 9, 12);
        svg.BeginGroup("class=\"image-grid\"");
        for (int n = 0; n < _images.Length; n++)
        {
            double x = left + (n % _columns) * cellWidth, y = top + (n / _columns) * cellHeight;
            svg.Image(x, y, _width * scale, _height * scale, PngEncoder.Encode(_width, _height, Pixels(_images[n])), pixelated: true);
            svg.Rectangle(x, y, _width * scale, _height * scale, "none", "#999999", 0.5);
            if (_captions is not null)
                svg.Text(x + _width * scale / 2, y + _height * scale + captionSize + 2, _captions[n], captionSize, cssClass: "caption");
        }
        svg.EndGroup();
    }

    private byte[] Pixels(double[] image)
    {
        var rgb = new byte[image.Length * 3];
        for (int p = 0; p < image.Length; p++)
        {
            double t = _max > _min ? (image[p] - _min) / (_max - _min) : 0.5;
            (rgb[3 * p], rgb[3 * p + 1], rgb[3 * p + 2]) = _colormap.Rgb(t);
        }
        return rgb;
    }
}
