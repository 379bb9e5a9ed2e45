using FsCheck;
using FsCheck.Fluent;

namespace Learn.Dnn.Exercises.Tests;

/// <summary>
/// Generators for graded tests. FsCheck's default numbers stay small, so every range is explicit,
/// and each includes the values that break naive code (0, large magnitudes).
/// </summary>
public static class Inputs
{
    /// <summary>Doubles in [−range, range] on a grid of 1/1000, with 0 and ±range always possible.</summary>
    public static Gen<double> Double(double range) =>
        Gen.Frequency(
            (8, Gen.Choose(-1000, 1000).Select(i => i / 1000.0 * range)),
            (1, Gen.Elements(0.0, range, -range)));

    /// <summary>Arrays of <paramref name="length"/> doubles in [−range, range].</summary>
    public static Gen<double[]> Doubles(int length, double range) => Double(range).ArrayOf(length);

    /// <summary>Arrays of 1 to <paramref name="maxLength"/> doubles in [−range, range].</summary>
    public static Gen<double[]> Vector(int maxLength, double range) =>
        Gen.Choose(1, maxLength).SelectMany(n => Doubles(n, range));

    /// <summary>A [rows, columns] matrix of doubles in [−range, range].</summary>
    public static Gen<double[,]> Matrix(int rows, int columns, double range) =>
        Doubles(rows * columns, range).Select(values =>
        {
            var m = new double[rows, columns];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++)
                    m[i, j] = values[i * columns + j];
            return m;
        });
}
