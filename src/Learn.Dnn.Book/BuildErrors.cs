namespace Learn.Dnn.Book;

/// <summary>
/// Every problem the build finds, each naming a file (repo-relative) and a 1-based line.
/// The build collects them all, prints them all, and only then fails — so one run shows
/// every missing region and figure, not just the first.
/// </summary>
public sealed class BuildErrors
{
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages => _messages;

    public bool Any => _messages.Count > 0;

    /// <summary>Records "file:line: message" (line is 1-based; 0 means the whole file).</summary>
    public void Add(string file, int line, string message) =>
        _messages.Add(line > 0 ? $"{file}:{line}: {message}" : $"{file}: {message}");

    public void Add(string message) => _messages.Add(message);
}
