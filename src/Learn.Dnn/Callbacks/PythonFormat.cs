using System.Globalization;
using System.Numerics;

namespace Learn.Dnn.Callbacks;

/// <summary>
/// Python's number formats, which Keras' progress bar prints with: <c>f"{v:.4f}"</c> rounds the exact
/// binary value half to even (0.03125 → "0.0312", where .NET's "F4" gives "0.0313"), and
/// <c>f"{v:.4e}"</c> writes at least two exponent digits.
/// </summary>
internal static class PythonFormat
{
    /// <summary>f"{value:.{digits}f}".</summary>
    public static string Fixed(double value, int digits)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        // value = mantissa·2^exponent exactly; round mantissa·2^exponent·10^digits to an integer, ties to even
        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int rawExponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (rawExponent == 0) rawExponent = 1; else mantissa |= 1L << 52;
        int exponent = rawExponent - 1075;
        BigInteger numerator = mantissa * BigInteger.Pow(10, digits), denominator = BigInteger.One;
        if (exponent >= 0) numerator <<= exponent; else denominator <<= -exponent;
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        int half = (remainder * 2).CompareTo(denominator);
        if (half > 0 || (half == 0 && !quotient.IsEven)) quotient += 1;
        string text = quotient.ToString(CultureInfo.InvariantCulture).PadLeft(digits + 1, '0');
        if (digits > 0) text = text[..^digits] + "." + text[^digits..];
        return (negative ? "-" : "") + text;   // Python keeps the sign of −0.0 and of values that round to 0
    }

    /// <summary>f"{value:.4e}".</summary>
    public static string Scientific4(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        return value.ToString("0.0000e+00", CultureInfo.InvariantCulture);
    }

    /// <summary>Keras' progress-bar value: .4f when |v| &gt; 1e-3, else .4e.</summary>
    public static string Metric(double value) =>
        Math.Abs(value) > 1e-3 ? Fixed(value, 4) : Scientific4(value);
}
