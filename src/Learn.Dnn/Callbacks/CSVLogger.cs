namespace Learn.Dnn.Callbacks;

/// <summary>
/// Writes each epoch's logs to a CSV file, as Keras' <c>CSVLogger</c>: a header <c>epoch,</c> then the
/// log keys in alphabetical order (when the first epoch has no val_ keys, val_ copies of every key are
/// added, for the epochs that validate later); one row per epoch, epochs from 0, values as Python
/// prints them (repr), "NA" for a key an epoch lacks; rows end with "\r\n" (Python's csv dialect).
/// With <c>append</c>, rows go after the file's existing ones, and the header only into an empty file.
/// The file is flushed after every row, so a crash loses at most the epoch in progress.
/// </summary>
[Chapter(6)]
public class CSVLogger(string filename, string separator = ",", bool append = false) : Callback
{
    private StreamWriter? writer;
    private List<string>? keys;
    private bool writeHeader = true;

    public string Filename { get; } = filename ?? throw new ArgumentNullException(nameof(filename));
    public string Separator { get; } = separator;
    public bool Append { get; } = append;

    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs)
    {
        writer?.Dispose();
        writeHeader = true;
        if (Append && File.Exists(Filename))
            using (var reader = new StreamReader(Filename)) writeHeader = string.IsNullOrEmpty(reader.ReadLine());
        var directory = Path.GetDirectoryName(Path.GetFullPath(Filename));
        if (directory is not null) Directory.CreateDirectory(directory);
        writer = new StreamWriter(Filename, Append) { NewLine = "\r\n" };
        keys = null;
    }

    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (writer is null) OnTrainBegin(logs);
        if (keys is null)
        {
            keys = logs.Keys.Order(StringComparer.Ordinal).ToList();
            if (keys.Count > 0 && !keys.Any(k => k.StartsWith("val_", StringComparison.Ordinal)))
                keys.AddRange(keys.Select(k => "val_" + k).ToList());
            if (writeHeader) writer!.WriteLine(string.Join(Separator, ["epoch", .. keys.Select(Quote)]));
        }
        var row = keys.Select(k => logs.TryGetValue(k, out double v) ? PythonFormat.Repr(v) : "NA");
        writer!.WriteLine(string.Join(Separator, [epoch.ToString(System.Globalization.CultureInfo.InvariantCulture), .. row]));
        writer.Flush();
    }

    public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs)
    {
        writer?.Dispose();
        writer = null;
    }

    /// <summary>A field with the separator, a quote or a line break is quoted, quotes doubled (Python's csv, QUOTE_MINIMAL).</summary>
    private string Quote(string field) =>
        field.Contains(Separator) || field.Contains('"') || field.Contains('\n') || field.Contains('\r')
            ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
