using System.Globalization;
using System.Xml.Linq;
using ScottPlot;

namespace Learn.Dnn.Charts;

/// <summary>
/// Several charts side by side under one title, written as one SVG: each panel is a ScottPlot
/// <see cref="Plot"/> rendered at its share of the size and placed in a grid.
/// <code>
/// var figure = new Figure("Training loss", rows: 1, columns: 2) { Width = 960, Height = 420 };
/// figure[0].LearningCurve(irisLosses, "train");
/// figure[1].LearningCurve(moonsLosses, "train");
/// File.WriteAllText("loss-curves.svg", figure.ToSvg());
/// </code>
/// </summary>
public sealed class Figure
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const int TitleHeight = 40;
    private readonly Plot[] panels;

    public Figure(string title = "", int rows = 1, int columns = 1)
    {
        if (rows < 1 || columns < 1) throw new ArgumentException($"Figure: a grid of {rows}×{columns} panels has no panel; both must be at least 1.");
        (Title, Rows, Columns) = (title, rows, columns);
        panels = [.. Enumerable.Range(0, rows * columns).Select(_ => Chart.Create())];
        Width = columns == 1 ? Chart.DefaultWidth : 480 * columns;
        Height = (title.Length > 0 ? TitleHeight : 0) + Chart.DefaultHeight * rows;
    }

    /// <summary>The figure's title, above all panels (each panel may have its own title too).</summary>
    public string Title { get; set; }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>The whole figure's size in SVG pixels.</summary>
    public int Width { get; set; }

    public int Height { get; set; }

    /// <summary>Panel <paramref name="index"/>, row by row from the top left.</summary>
    public Plot this[int index] => index >= 0 && index < panels.Length
        ? panels[index]
        : throw new ArgumentOutOfRangeException(nameof(index), $"Figure: panel {index} does not exist; this figure has {panels.Length} ({Rows}×{Columns}).");

    public Plot this[int row, int column] => this[row * Columns + column];

    public IReadOnlyList<Plot> Panels => panels;

    /// <summary>The figure as one SVG document: the title, then each panel's SVG nested at its place in the grid.</summary>
    public string ToSvg()
    {
        ChartFonts.Register();
        int top = Title.Length > 0 ? TitleHeight : 0;
        int panelWidth = Width / Columns, panelHeight = (Height - top) / Rows;
        var root = new XElement(Svg + "svg",
            new XAttribute("width", Width), new XAttribute("height", Height),
            new XAttribute("viewBox", $"0 0 {Width} {Height}"),
            new XElement(Svg + "rect", new XAttribute("width", Width), new XAttribute("height", Height), new XAttribute("fill", "white")));
        if (top > 0)
            root.Add(new XElement(Svg + "text", Title,
                new XAttribute("x", Width / 2.0), new XAttribute("y", TitleHeight * 0.7),
                new XAttribute("text-anchor", "middle"), new XAttribute("font-family", $"{ChartFonts.Family}, sans-serif"),
                new XAttribute("font-size", 19), new XAttribute("font-weight", "bold"), new XAttribute("fill", "#000000")));
        for (int n = 0; n < panels.Length; n++)
        {
            var panel = SvgOutput.Finish(panels[n].GetSvgXml(panelWidth, panelHeight), idPrefix: $"p{n}_");
            panel.SetAttributeValue("x", (n % Columns * panelWidth).ToString(CultureInfo.InvariantCulture));
            panel.SetAttributeValue("y", (top + n / Columns * panelHeight).ToString(CultureInfo.InvariantCulture));
            root.Add(panel);
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root;
    }
}
