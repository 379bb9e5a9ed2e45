using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Learn.Dnn.Exercises.Tests;

/// <summary>
/// Assertions whose failure messages teach: what was computed, on which input, what it should be,
/// and a hint. Numbers are printed with the invariant culture.
/// </summary>
public static class Expect
{
    /// <summary>|actual − expected| ≤ atol + rtol·|expected|, else "<paramref name="what"/> should be …, got …".</summary>
    public static void Near(double actual, double expected, string what, string hint,
                            double rtol = 1e-6, double atol = 1e-9, double? numerical = null)
    {
        if (Math.Abs(actual - expected) <= atol + rtol * Math.Abs(expected)) return;
        var check = numerical is { } n ? $" (numerical: {Format(n)})" : "";
        throw new ExerciseFailure($"{what} should be {Format(expected)}{check}, got {Format(actual)}.\nHint: {hint}");
    }

    /// <summary>Fails with <paramref name="what"/> and the hint unless <paramref name="condition"/> holds.</summary>
    public static void True([DoesNotReturnIf(false)] bool condition, string what, string hint)
    {
        if (!condition) throw new ExerciseFailure($"{what}\nHint: {hint}");
    }

    /// <summary>The array has the given length, else "<paramref name="what"/> should have N entries, got M".</summary>
    public static void Length(Array? actual, int expected, string what, string hint)
    {
        if (actual is null) throw new ExerciseFailure($"{what} is null; it should have {expected} entries.\nHint: {hint}");
        if (actual.Length != expected)
            throw new ExerciseFailure($"{what} should have {expected} entries, got {actual.Length}.\nHint: {hint}");
    }

    public static string Format(double x) =>
        x != 0 && (Math.Abs(x) < 1e-4 || Math.Abs(x) >= 1e7 || double.IsNaN(x) || double.IsInfinity(x))
            ? x.ToString("G4", CultureInfo.InvariantCulture)
            : x.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>"[2, 3]" for a 2-d array of 2 rows and 3 columns, "[5]" for a vector, "null" for null.</summary>
    public static string ShapeOf(Array? array) =>
        array is null ? "null" : "[" + string.Join(", ", Enumerable.Range(0, array.Rank).Select(array.GetLength)) + "]";

    public static string Format(IEnumerable<double> xs) => "[" + string.Join(", ", xs.Select(Format)) + "]";
}
