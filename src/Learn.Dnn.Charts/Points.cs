using ScottPlot;
using ScottPlot.Plottables;

namespace Learn.Dnn.Charts;

/// <summary>Points coloured by class: a dataset, the inputs of a truth table, a test set on a decision boundary.</summary>
public static class Points
{
    private static readonly MarkerShape[] Shapes = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond];

    /// <summary>
    /// points: [n, 2] as (x, y); classes: [n], 0 … k−1; one legend entry per class (its name, or
    /// "class c"). Each class has its own colour and marker shape, outlined in white so it reads on
    /// top of shaded regions.
    /// </summary>
    public static IReadOnlyList<Markers> ClassScatter(this Plot plot, float[,] points, int[] classes, string[]? classNames = null, float size = 9)
    {
        int n = points.GetLength(0);
        if (points.GetLength(1) != 2)
            throw new ArgumentException($"ClassScatter: points must be [n, 2] (x, y), got [{n}, {points.GetLength(1)}].");
        if (classes.Length != n)
            throw new ArgumentException($"ClassScatter: {n} points but {classes.Length} class labels; give one class per point.");
        if (classes.Any(c => c < 0))
            throw new ArgumentException($"ClassScatter: class labels must be 0, 1, …; got {classes.Min()}.");
        int k = Math.Max(classes.Length == 0 ? 0 : classes.Max() + 1, classNames?.Length ?? 0);
        var markers = new List<Markers>();
        for (int c = 0; c < k; c++)
        {
            var members = Enumerable.Range(0, n).Where(i => classes[i] == c).ToArray();
            var group = plot.Add.Markers(members.Select(i => (double)points[i, 0]).ToArray(),
                                         members.Select(i => (double)points[i, 1]).ToArray(),
                                         Shapes[c % Shapes.Length], size, Chart.ColorOf(c));
            group.MarkerStyle.OutlineColor = Colors.White;
            group.MarkerStyle.OutlineWidth = 1;
            group.LegendText = classNames is not null && c < classNames.Length ? classNames[c] : $"class {c}";
            markers.Add(group);
        }
        plot.ShowLegend();
        return markers;
    }
}
