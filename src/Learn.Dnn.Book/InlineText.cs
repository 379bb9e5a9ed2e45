using System.Text;
using Markdig.Extensions.Mathematics;
using Markdig.Syntax.Inlines;

namespace Learn.Dnn.Book;

/// <summary>The plain text of Markdown inlines (for titles, image captions and alt text).</summary>
public static class InlineText
{
    public static string Of(ContainerInline? inlines)
    {
        var text = new StringBuilder();
        Append(text, inlines);
        return text.ToString().Trim();
    }

    private static void Append(StringBuilder text, Inline? inline)
    {
        switch (inline)
        {
            case null: return;
            case LiteralInline literal: text.Append(literal.Content.ToString()); break;
            case CodeInline code: text.Append(code.Content); break;
            case MathInline math: text.Append(math.Content.ToString()); break;
            case LineBreakInline: text.Append(' '); break;
            case ContainerInline container:
                foreach (var child in container) Append(text, child);
                break;
        }
    }
}
