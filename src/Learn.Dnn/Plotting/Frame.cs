namespace Learn.Dnn.Plotting;

/// <summary>The plot area of one panel, in pixels, with its two scales.</summary>
internal sealed record Frame(double Left, double Top, double Width, double Height, Scale X, Scale Y)
{
    public double Right => Left + Width;
    public double Bottom => Top + Height;
    public (double X, double Y) Map(double x, double y) => (X.Map(x), Y.Map(y));
}
