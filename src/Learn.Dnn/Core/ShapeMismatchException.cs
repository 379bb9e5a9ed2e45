namespace Learn.Dnn;

/// <summary>Thrown when tensors of incompatible shapes meet; the message names the operation and both shapes.</summary>
[Chapter(1)]
public sealed class ShapeMismatchException(string message) : ArgumentException(message);
