using System.Globalization;

namespace Learn.Dnn.Data;

/// <summary>
/// A small CSV reader for numeric tables with an optional text label column. Lines starting with
/// '#' are comments; the first other line is the header. Every malformed line is an error that
/// names the line, the column and what was found — nothing is silently skipped or coerced.
/// </summary>
[Chapter(4)]
public sealed class CsvTable
{
    private CsvTable(string[] header, string[][] rows, string source)
    {
        Header = header;
        Rows = rows;
        Source = source;
    }

    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<string[]> Rows { get; }
    public string Source { get; }

    public static CsvTable Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses CSV text; <paramref name="source"/> names it in error messages.</summary>
    public static CsvTable Parse(string text, string source = "csv")
    {
        string[]? header = null;
        var rows = new List<string[]>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            var fields = line.Split(',').Select(f => f.Trim()).ToArray();
            if (header is null) { header = fields; continue; }
            if (fields.Length != header.Length)
                throw new FormatException($"{source}, line {i + 1}: expected {header.Length} fields ({string.Join(",", header)}), found {fields.Length}: \"{line}\".");
            rows.Add(fields);
        }
        if (header is null) throw new FormatException($"{source}: no header line found (the file is empty or all comments).");
        return new CsvTable(header, rows.ToArray(), source);
    }

    /// <summary>The index of a column by name.</summary>
    public int Column(string name)
    {
        int index = Array.IndexOf(Header.ToArray(), name);
        return index >= 0 ? index : throw new ArgumentException($"{Source}: no column \"{name}\"; the columns are {string.Join(", ", Header)}.");
    }

    /// <summary>The named columns as a float matrix [rows, columns]. A non-number or NaN/∞ is an error.</summary>
    public Tensor Numeric(params string[] columns)
    {
        var indices = columns.Select(Column).ToArray();
        var values = new float[Rows.Count * indices.Length];
        for (int r = 0; r < Rows.Count; r++)
            for (int c = 0; c < indices.Length; c++)
            {
                string field = Rows[r][indices[c]];
                if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) || !float.IsFinite(v))
                    throw new FormatException($"{Source}, data row {r + 1}, column \"{columns[c]}\": expected a finite number, found \"{field}\".");
                values[r * indices.Length + c] = v;
            }
        return Tensor.FromArray(values, Rows.Count, indices.Length);
    }

    /// <summary>A text column as integer classes, numbered in order of first appearance unless <paramref name="classes"/> is given.</summary>
    public (int[] Labels, string[] Classes) Labels(string column, string[]? classes = null)
    {
        int index = Column(column);
        var names = classes?.ToList() ?? Rows.Select(r => r[index]).Distinct().ToList();
        var labels = new int[Rows.Count];
        for (int r = 0; r < Rows.Count; r++)
        {
            labels[r] = names.IndexOf(Rows[r][index]);
            if (labels[r] < 0)
                throw new FormatException($"{Source}, data row {r + 1}, column \"{column}\": unknown class \"{Rows[r][index]}\"; expected one of {string.Join(", ", names)}.");
        }
        return (labels, names.ToArray());
    }
}
