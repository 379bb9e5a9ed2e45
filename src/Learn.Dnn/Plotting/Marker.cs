namespace Learn.Dnn.Plotting;

/// <summary>Marker shapes; class c of a scatter plot gets shape c (mod 5) as well as colour c.</summary>
internal enum MarkerShape { Circle, Square, TriangleUp, Diamond, TriangleDown }

internal static class Marker
{
    public static MarkerShape ForClass(int label) => (MarkerShape)(((label % 5) + 5) % 5);

    /// <summary>SVG path data for a marker of radius r centred on (x, y).</summary>
    public static string PathData(MarkerShape shape, double x, double y, double r)
    {
        static string N(double v) => SvgWriter.Number(v);
        return shape switch
        {
            MarkerShape.Circle =>
                $"M {N(x - r)} {N(y)} a {N(r)} {N(r)} 0 1 0 {N(2 * r)} 0 a {N(r)} {N(r)} 0 1 0 {N(-2 * r)} 0 Z",
            MarkerShape.Square => Polygon((x - 0.85 * r, y - 0.85 * r), (x + 0.85 * r, y - 0.85 * r),
                                          (x + 0.85 * r, y + 0.85 * r), (x - 0.85 * r, y + 0.85 * r)),
            MarkerShape.TriangleUp => Polygon((x, y - 1.15 * r), (x + r, y + 0.75 * r), (x - r, y + 0.75 * r)),
            MarkerShape.TriangleDown => Polygon((x, y + 1.15 * r), (x + r, y - 0.75 * r), (x - r, y - 0.75 * r)),
            _ => Polygon((x, y - 1.2 * r), (x + 1.2 * r, y), (x, y + 1.2 * r), (x - 1.2 * r, y)),
        };
    }

    private static string Polygon(params (double X, double Y)[] corners) =>
        "M " + string.Join(" L ", corners.Select(c => $"{SvgWriter.Number(c.X)} {SvgWriter.Number(c.Y)}")) + " Z";
}
