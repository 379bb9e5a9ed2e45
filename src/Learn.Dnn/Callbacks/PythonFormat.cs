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

    #region repr
    /// <summary>
    /// Python's <c>repr(float)</c> (what <c>str(v)</c> and CSVLogger write): the shortest digits that
    /// read back to the same double, in fixed notation when 1e-4 ≤ |v| &lt; 1e16 ("0.5", "3.0"), else
    /// in scientific notation with at least two exponent digits ("1e-05", "1.5e+16").
    /// </summary>
    public static string Repr(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";
        string sign = value < 0 ? "-" : "";
        string shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);   // shortest round-trip digits
        int exponentAt = shortest.IndexOf('E');
        string mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        int exponent = exponentAt < 0 ? 0 : int.Parse(shortest[(exponentAt + 1)..], CultureInfo.InvariantCulture);
        int point = mantissa.IndexOf('.');
        if (point < 0) point = mantissa.Length;
        string digits = mantissa.Replace(".", "");
        int leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        int decimalExponent = exponent + point - leadingZeros - 1;   // value = 0.d₁d₂… × 10^(decimalExponent + 1)
        if (decimalExponent < -4 || decimalExponent >= 16)
        {
            string rest = digits.Length > 1 ? "." + digits[1..] : "";
            return $"{sign}{digits[0]}{rest}e{(decimalExponent < 0 ? "-" : "+")}{Math.Abs(decimalExponent):00}";
        }
        string text = decimalExponent >= 0
            ? (digits.Length > decimalExponent + 1
                ? digits[..(decimalExponent + 1)] + "." + digits[(decimalExponent + 1)..]
                : digits.PadRight(decimalExponent + 1, '0') + ".0")
            : "0." + new string('0', -decimalExponent - 1) + digits;
        return sign + text;
    }
    #endregion

    #region str-format
    /// <summary>
    /// Python's <c>template.format(**values)</c> for the fields a checkpoint path uses:
    /// "{epoch:02d}", "{val_loss:.2f}", "{loss:.3e}", "{loss}"; "{{" and "}}" are braces. A spec is
    /// [0][width][.precision][d|f|e]. Values are int (epoch, batch) or double (logs).
    /// </summary>
    public static string Format(string template, IReadOnlyDictionary<string, object> values)
    {
        var result = new System.Text.StringBuilder();
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{') { result.Append('{'); i++; continue; }
            if (c == '}' && i + 1 < template.Length && template[i + 1] == '}') { result.Append('}'); i++; continue; }
            if (c == '}') throw new FormatException($"Single '}}' encountered in format string \"{template}\".");
            if (c != '{') { result.Append(c); continue; }
            int close = template.IndexOf('}', i);
            if (close < 0) throw new FormatException($"Single '{{' encountered in format string \"{template}\".");
            string field = template[(i + 1)..close];
            int colon = field.IndexOf(':');
            string name = colon < 0 ? field : field[..colon], spec = colon < 0 ? "" : field[(colon + 1)..];
            if (!values.TryGetValue(name, out var value))
                throw new KeyNotFoundException($"'{name}' (the keys there are: {string.Join(", ", values.Keys)})");
            result.Append(FormatField(value, spec, name));
            i = close;
        }
        return result.ToString();
    }

    private static string FormatField(object value, string spec, string name)
    {
        var match = System.Text.RegularExpressions.Regex.Match(spec, @"^(0?)(\d*)(?:\.(\d+))?([dfeg]?)$");
        if (!match.Success) throw new FormatException($"Format spec \"{spec}\" of field '{name}' is not supported; use [0][width][.precision][d|f|e].");
        bool zeroPad = match.Groups[1].Value == "0";
        int width = match.Groups[2].Value.Length > 0 ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        int? precision = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : null;
        char type = match.Groups[4].Value.Length > 0 ? match.Groups[4].Value[0] : ' ';
        bool isInteger = value is int or long;
        double number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        string text = type switch
        {
            'd' when isInteger => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            'd' => throw new FormatException($"Unknown format code 'd' for object of type 'float' (field '{name}' is {Repr(number)}); use .2f or e."),
            'f' => Fixed(number, precision ?? 6),
            'e' => number.ToString("0." + new string('0', precision ?? 6) + "e+00", CultureInfo.InvariantCulture),
            'g' => number.ToString("G" + (precision ?? 6), CultureInfo.InvariantCulture),
            _ => isInteger ? Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) : Repr(number),
        };
        if (text.Length >= width) return text;
        if (!zeroPad) return text.PadLeft(width);
        bool negative = text.StartsWith('-');
        return (negative ? "-" : "") + text[(negative ? 1 : 0)..].PadLeft(width - (negative ? 1 : 0), '0');
    }
    #endregion
}
