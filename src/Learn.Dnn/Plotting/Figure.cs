using System.Text;

namespace Learn.Dnn.Plotting;

/// <summary>
/// A figure: one panel (<see cref="Axes"/>) or a grid of rows × columns panels, with an optional
/// title over all of them. <see cref="ToSvg"/> renders it as an SVG document; <see cref="Save"/>
/// writes it to a .svg file that any browser opens and the book embeds.
/// <code>
/// var figure = new Figure("Training loss");
/// figure.Axes.Line(epochs, losses, "train").Line(epochs, validationLosses, "validation");
/// figure.Axes.XLabel = "epoch"; figure.Axes.YLabel = "loss"; figure.Axes.LogY = true;
/// figure.Save("out/loss.svg");
/// </code>
/// </summary>
[Chapter(1)]
public sealed class Figure
{
    private readonly Axes[] _panels;

    /// <summary>
    /// A figure of rows × columns panels. Default size: 640 × 440 px for one panel, 360 × 400 px
    /// per panel otherwise (plus 40 px for the title).
    /// </summary>
    public Figure(string title = "", int rows = 1, int columns = 1)
    {
        if (rows < 1 || columns < 1)
            throw new ArgumentException($"Figure: rows and columns must be at least 1, got {rows} × {columns}.");
        Title = title;
        Rows = rows;
        Columns = columns;
        _panels = Enumerable.Range(0, rows * columns).Select(_ => new Axes()).ToArray();
        bool single = rows * columns == 1;
        Width = single ? 640 : 360 * columns;
        Height = (single ? 440 : 400 * rows) + (title == "" || single ? 0 : 40);
    }

    public string Title { get; set; }
    public int Rows { get; }
    public int Columns { get; }

    /// <summary>Width in px (the SVG scales in a browser; this sets the proportions and font size relative to it).</summary>
    public int Width { get; set; }

    public int Height { get; set; }

    /// <summary>The first (for a one-panel figure: the only) panel.</summary>
    public Axes Axes => _panels[0];

    /// <summary>Panel number <paramref name="index"/>, counted row by row from the top left.</summary>
    public Axes this[int index] => index >= 0 && index < _panels.Length
        ? _panels[index]
        : throw new ArgumentOutOfRangeException(nameof(index), $"Figure: panel {index} does not exist; the figure has {_panels.Length} panels (0 to {_panels.Length - 1}).");

    public Axes this[int row, int column] => this[row * Columns + column];

    public IReadOnlyList<Axes> Panels => _panels;

    /// <summary>The figure as a standalone SVG document.</summary>
    public string ToSvg()
    {
        var svg = new SvgWriter();
        svg.Begin(Width, Height);
        svg.Rectangle(0, 0, Width, Height, "#FFFFFF");
        double band = Title == "" ? 0 : 36;
        if (Title != "")
            svg.Text(Width / 2.0, 26, Title, 18, weight: "600", cssClass: "figure-title");
        double panelWidth = Width / (double)Columns, panelHeight = (Height - band) / Rows;
        for (int n = 0; n < _panels.Length; n++)
        {
            double left = (n % Columns) * panelWidth, top = band + (n / Columns) * panelHeight;
            svg.BeginGroup("class=\"panel\"");
            _panels[n].Render(svg, left, top, panelWidth, panelHeight, $"{IdPlaceholder}-panel{n}");
            svg.EndGroup();
        }
        svg.End();
        return WithUniqueIds(svg.ToString());
    }

    // Clip paths and gradients are referenced by id. When several figures are inlined in one
    // HTML page their ids must differ, so each figure's ids start with a hash of its own content:
    // unique per figure, yet the same on every run. "<" cannot occur unescaped in any text,
    // so the placeholder cannot clash with a title or label.
    private const string IdPlaceholder = "<ID>";

    private static string WithUniqueIds(string svg)
    {
        byte[] hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(svg));
        return svg.Replace(IdPlaceholder, "fig" + Convert.ToHexString(hash, 0, 4).ToLowerInvariant());
    }

    /// <summary>Writes the SVG to <paramref name="path"/> (UTF-8), creating its directory if needed.</summary>
    public void Save(string path)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(path, ToSvg(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}
