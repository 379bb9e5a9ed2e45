using System.Net;
using System.Text;

namespace Learn.Dnn.Book;

/// <summary>
/// A small C# syntax highlighter: turns source text into HTML with spans for keywords (kw),
/// strings and characters (str), comments (com), numbers (num), type names (typ) and
/// preprocessor lines (pre). It is a scanner, not a parser: it reads left to right and decides
/// each token from its first characters, which is all a listing needs.
/// </summary>
public static class CSharpHighlighter
{
    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class",
        "const", "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event",
        "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto", "if",
        "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new", "null",
        "object", "operator", "out", "override", "params", "private", "protected", "public", "readonly",
        "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct",
        "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
        // contextual keywords that read as keywords in our code
        "var", "async", "await", "yield", "record", "init", "get", "set", "when", "where", "nameof",
        "with", "required", "partial", "and", "or", "not", "nint", "nuint", "dynamic", "global", "scoped",
    ];

    public static string ToHtml(string code)
    {
        var html = new StringBuilder(code.Length * 2);
        var previousWord = "";
        var i = 0;
        while (i < code.Length)
        {
            var c = code[i];
            var start = i;
            if (c == '/' && At(code, i + 1) == '/')
            {
                i = LineEnd(code, i);
                Span(html, "com", code[start..i]);
            }
            else if (c == '/' && At(code, i + 1) == '*')
            {
                var end = code.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? code.Length : end + 2;
                Span(html, "com", code[start..i]);
            }
            else if (c == '#' && IsLineStart(code, i))
            {
                i = LineEnd(code, i);
                Span(html, "pre", code[start..i]);
            }
            else if (IsStringStart(code, i))
            {
                i = StringEnd(code, i);
                Span(html, "str", code[start..i]);
            }
            else if (c == '\'')
            {
                i = QuotedEnd(code, i + 1, '\'');
                Span(html, "str", code[start..i]);
            }
            else if (char.IsDigit(c) || (c == '.' && char.IsDigit(At(code, i + 1))))
            {
                i = NumberEnd(code, i);
                Span(html, "num", code[start..i]);
            }
            else if (char.IsLetter(c) || c == '_' || (c == '@' && char.IsLetter(At(code, i + 1))))
            {
                i++;
                while (i < code.Length && (char.IsLetterOrDigit(code[i]) || code[i] == '_')) i++;
                var word = code[start..i];
                if (Keywords.Contains(word)) Span(html, "kw", word);
                else if (IsTypeName(code, start, i, previousWord)) Span(html, "typ", word);
                else html.Append(WebUtility.HtmlEncode(word));
                previousWord = word;
                continue;
            }
            else
            {
                html.Append(WebUtility.HtmlEncode(c.ToString()));
                i++;
                if (!char.IsWhiteSpace(c)) previousWord = c.ToString();
                continue;
            }
            previousWord = "";
        }
        return html.ToString();
    }

    /// <summary>
    /// A capitalised name is a type when it follows "new", or when it is neither a member
    /// access (after '.') nor a call (before '('): Tensor.Zeros, new Dense(...), List&lt;Layer&gt;.
    /// </summary>
    private static bool IsTypeName(string code, int start, int end, string previousWord)
    {
        if (!char.IsUpper(code[start])) return false;
        if (previousWord == "new") return true;
        if (previousWord == ".") return false;
        var next = end;
        while (next < code.Length && code[next] == ' ') next++;
        var isAssignment = At(code, next) == '=' && At(code, next + 1) is not ('=' or '>');   // Eps = 1e-7: a name, not a type
        return At(code, next) != '(' && !isAssignment;
    }

    private static bool IsStringStart(string code, int i) => code[i] switch
    {
        '"' => true,
        '$' or '@' => At(code, i + 1) == '"' || (At(code, i + 1) is '$' or '@' && At(code, i + 2) == '"'),
        _ => false,
    };

    /// <summary>End of a regular, verbatim (@"..."), interpolated ($"...") or raw ("""...""") string.</summary>
    private static int StringEnd(string code, int i)
    {
        var verbatim = false;
        while (code[i] != '"') { verbatim |= code[i] == '@'; i++; }
        var quotes = 0;
        while (At(code, i + quotes) == '"') quotes++;
        if (quotes >= 3)
        {
            var close = code.IndexOf(new string('"', quotes), i + quotes, StringComparison.Ordinal);
            return close < 0 ? code.Length : close + quotes;
        }
        if (quotes == 2 && !verbatim) return i + 2;   // ""
        if (!verbatim) return QuotedEnd(code, i + 1, '"');
        for (var j = i + 1; j < code.Length; j++)
        {
            if (code[j] != '"') continue;
            if (At(code, j + 1) == '"') { j++; continue; }   // "" inside @"..." is one quote
            return j + 1;
        }
        return code.Length;
    }

    /// <summary>End of a quoted literal with backslash escapes, stopping at the line end if unclosed.</summary>
    private static int QuotedEnd(string code, int i, char quote)
    {
        for (; i < code.Length && code[i] != '\n'; i++)
        {
            if (code[i] == '\\') { i++; continue; }
            if (code[i] == quote) return i + 1;
        }
        return i;
    }

    /// <summary>Digits, '_', '.', hex digits after 0x, exponent and suffixes (1e-3f, 0xFF, 1_000L, 2.5m).</summary>
    private static int NumberEnd(string code, int i)
    {
        var hex = code[i] == '0' && At(code, i + 1) is 'x' or 'X';
        if (code[i] == '0' && At(code, i + 1) is 'x' or 'X' or 'b' or 'B') i += 2;
        while (i < code.Length)
        {
            var c = code[i];
            if (char.IsAsciiLetterOrDigit(c) || c == '_') { i++; continue; }
            if (c == '.' && char.IsDigit(At(code, i + 1))) { i++; continue; }
            if (!hex && c is '+' or '-' && code[i - 1] is 'e' or 'E') { i++; continue; }
            break;
        }
        return i;
    }

    private static bool IsLineStart(string code, int i)
    {
        for (var j = i - 1; j >= 0 && code[j] != '\n'; j--)
            if (!char.IsWhiteSpace(code[j])) return false;
        return true;
    }

    private static int LineEnd(string code, int i)
    {
        var end = code.IndexOf('\n', i);
        return end < 0 ? code.Length : end;
    }

    private static char At(string code, int i) => i < code.Length ? code[i] : '\0';

    private static void Span(StringBuilder html, string cssClass, string text) =>
        html.Append("<span class=\"").Append(cssClass).Append("\">").Append(WebUtility.HtmlEncode(text)).Append("</span>");
}
