namespace Learn.Dnn.Autograd;

/// <summary>A backward function disagrees with the numerical gradient.</summary>
[Chapter(2)]
public sealed class GradientCheckException(string message) : Exception(message);
