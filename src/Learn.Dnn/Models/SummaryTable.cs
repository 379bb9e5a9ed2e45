using System.Text;

namespace Learn.Dnn.Models;

/// <summary>
/// The table Keras draws with the rich library: heavy lines around the header (┏━┳┓ ┃ ┡━╇┩), light
/// lines below (│ ├─┼┤ └─┴┘), a line between rows, one space of padding on each side of a cell.
/// </summary>
internal static class SummaryTable
{
    #region widths
    /// <summary>
    /// Keras asks for columns ending at the fractions <paramref name="positions"/> of the line; rich
    /// then adds two spaces of padding per cell and the borders, and takes the excess back from the
    /// columns evenly (its ratio_reduce, rounding half to even): for 88, 39/31/18 becomes 38/29/17 cells.
    /// Returns each cell's width, padding included.
    /// </summary>
    public static int[] CellWidths(double[] positions, int lineLength)
    {
        var widths = new int[positions.Length];
        int current = 0;
        for (int i = 0; i < positions.Length; i++)
        {
            widths[i] = (int)(positions[i] * lineLength) - current;
            if (widths[i] < 4) throw new ArgumentException($"Summary: a line of {lineLength} characters is too narrow for the table.");
            current += widths[i];
        }
        var padded = widths.Select(w => w + 2).ToArray();
        int available = lineLength - (positions.Length + 1);   // the vertical borders
        int excess = padded.Sum() - available;
        if (excess <= 0) return padded;
        int remaining = excess, ratioLeft = padded.Length;
        for (int i = 0; i < padded.Length; i++)
        {
            int cut = Math.Min(padded[i], (int)Math.Round((double)remaining / ratioLeft, MidpointRounding.ToEven));
            padded[i] -= cut;
            remaining -= cut;
            ratioLeft--;
        }
        return padded;
    }
    #endregion

    public static string Render(string[] header, bool[] rightAligned, double[] positions, int lineLength, IEnumerable<string[]> rows)
    {
        var widths = CellWidths(positions, lineLength);
        var text = new StringBuilder();
        void Rule(char left, char fill, char middle, char right) =>
            text.Append(left).Append(string.Join(middle, widths.Select(w => new string(fill, w)))).Append(right).Append('\n');
        void Row(string[] cells, char border)
        {
            var lines = cells.Select((cell, i) => Wrap(cell, widths[i] - 2)).ToArray();
            int height = lines.Max(l => l.Count);   // the other cells of a wrapped row are blank below their first line
            for (int line = 0; line < height; line++)
            {
                text.Append(border);
                for (int i = 0; i < widths.Length; i++)
                {
                    string cell = line < lines[i].Count ? lines[i][line] : "";
                    text.Append(' ').Append(rightAligned[i] ? cell.PadLeft(widths[i] - 2) : cell.PadRight(widths[i] - 2)).Append(' ').Append(border);
                }
                text.Append('\n');
            }
        }

        Rule('┏', '━', '┳', '┓');
        Row(header, '┃');
        Rule('┡', '━', '╇', '┩');
        var list = rows.ToList();
        for (int r = 0; r < list.Count; r++)
        {
            Row(list[r], '│');
            if (r < list.Count - 1) Rule('├', '─', '┼', '┤');
        }
        Rule('└', '─', '┴', '┘');
        return text.ToString();
    }

    /// <summary>
    /// A cell too long for its column wraps at spaces onto more lines, as rich wraps a cell's words
    /// ("batch_normalization (BatchNormalization)" → "batch_normalization", "(BatchNormalization)");
    /// a line still too long, one long word, ends with "…", rich's default overflow.
    /// </summary>
    private static List<string> Wrap(string cell, int width)
    {
        var lines = new List<string>();
        string current = "";
        foreach (string word in cell.Split(' '))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > width)
            {
                lines.Add(current);
                current = word;
            }
            else current = current.Length == 0 ? word : current + " " + word;
        }
        lines.Add(current);
        return lines.Select(line => line.Length <= width ? line : line[..(width - 1)] + "…").ToList();
    }
}
