namespace Learn.Dnn.Plotting;

/// <summary>
/// Input checks shared by the plots. NaN and ±Inf are never silently skipped: a diverged loss
/// curve should be noticed, so plotting it throws and says which series and which index.
/// </summary>
internal static class DataCheck
{
    public static double[] Finite(string plot, string series, string name, IReadOnlyList<double> values)
    {
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException(
                    $"{plot} \"{series}\": {name}[{i}] is {Describe(values[i])}; every plotted value must be finite. " +
                    "Check the data (a diverged loss?) or remove the point before plotting.");
        return values.ToArray();
    }

    public static double[,] Finite(string plot, string series, double[,] values)
    {
        for (int i = 0; i < values.GetLength(0); i++)
            for (int j = 0; j < values.GetLength(1); j++)
                if (!double.IsFinite(values[i, j]))
                    throw new ArgumentException(
                        $"{plot} \"{series}\": value[{i}, {j}] is {Describe(values[i, j])}; every plotted value must be finite.");
        return (double[,])values.Clone();
    }

    public static void SameLength(string plot, string series, int xLength, int yLength)
    {
        if (xLength != yLength)
            throw new ArgumentException($"{plot} \"{series}\": x has {xLength} values but y has {yLength}; they must pair up.");
    }

    public static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);

    public static double[,] ToDouble(float[,] values)
    {
        var result = new double[values.GetLength(0), values.GetLength(1)];
        for (int i = 0; i < values.GetLength(0); i++)
            for (int j = 0; j < values.GetLength(1); j++)
                result[i, j] = values[i, j];
        return result;
    }

    public static (double Min, double Max) Range(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values) { min = Math.Min(min, v); max = Math.Max(max, v); }
        return (min, max);
    }

    public static (double Min, double Max)? RangeOrNull(IReadOnlyCollection<double> values) =>
        values.Count == 0 ? null : Range(values);

    private static string Describe(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "+Infinity" : "-Infinity";
}
