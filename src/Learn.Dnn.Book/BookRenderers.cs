using System.Net;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Learn.Dnn.Book;

/// <summary>Writes a listing: a caption naming the file, region and lines, then the highlighted code.</summary>
public sealed class ListingRenderer : HtmlObjectRenderer<ListingBlock>
{
    protected override void Write(HtmlRenderer renderer, ListingBlock block)
    {
        var listing = block.Listing;
        var region = listing.Region is null ? "" : $" <span class=\"listing-region\">#{Encode(listing.Region)}</span>";
        renderer.Write("<figure class=\"listing\">\n<figcaption>")
                .Write($"<span class=\"listing-path\">{Encode(listing.RepoPath)}</span>{region}")
                .Write($" <span class=\"listing-lines\">lines {listing.FirstLine}–{listing.LastLine}</span>")
                .Write("</figcaption>\n")
                .Write(CodeHtml.Pre(listing.Code, listing.Language))
                .Write("</figure>\n");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

/// <summary>Writes an image alone in its paragraph as a figure with a caption.</summary>
public sealed class FigureRenderer : HtmlObjectRenderer<FigureBlock>
{
    protected override void Write(HtmlRenderer renderer, FigureBlock block)
    {
        var caption = WebUtility.HtmlEncode(block.Caption);
        renderer.Write("<figure class=\"figure\">")
                .Write($"<img src=\"{WebUtility.HtmlEncode(block.Source)}\" alt=\"{caption}\">")
                .Write(caption.Length > 0 ? $"<figcaption>{caption}</figcaption>" : "")
                .Write("</figure>\n");
    }
}

/// <summary>Writes fenced and indented code blocks; C# is highlighted.</summary>
public sealed class CodeRenderer : HtmlObjectRenderer<CodeBlock>
{
    protected override void Write(HtmlRenderer renderer, CodeBlock block)
    {
        var language = (block as FencedCodeBlock)?.Info?.Trim().ToLowerInvariant() ?? "";
        var code = block.Lines.ToString().TrimEnd('\n');
        renderer.Write(CodeHtml.Pre(code, language is "cs" or "c#" ? "csharp" : language));
    }
}

/// <summary>The pre/code markup every code block and listing shares.</summary>
public static class CodeHtml
{
    public static string Pre(string code, string language)
    {
        var body = language == "csharp" ? CSharpHighlighter.ToHtml(code) : WebUtility.HtmlEncode(code);
        var cssClass = language.Length > 0 ? $" class=\"language-{WebUtility.HtmlEncode(language)}\"" : "";
        return $"<pre class=\"code\"><code{cssClass}>{body}</code></pre>\n";
    }
}

/// <summary>Writes an inline formula as the HTML KaTeX produced for it at build time.</summary>
public sealed class KatexInlineRenderer : HtmlObjectRenderer<MathInline>
{
    protected override void Write(HtmlRenderer renderer, MathInline math) =>
        renderer.Write(math.GetData(TypesetMath.Key) as string ?? WebUtility.HtmlEncode(math.Content.ToString()));
}

/// <summary>Writes a display formula ($$ on its own lines) as KaTeX's HTML in a centred block.</summary>
public sealed class KatexBlockRenderer : HtmlObjectRenderer<MathBlock>
{
    protected override void Write(HtmlRenderer renderer, MathBlock math) =>
        renderer.Write("<div class=\"math-display\">")
                .Write(math.GetData(TypesetMath.Key) as string ?? WebUtility.HtmlEncode(math.Lines.ToString()))
                .Write("</div>\n");
}

/// <summary>The key under which a math node carries its typeset HTML.</summary>
public static class TypesetMath
{
    public static readonly object Key = new();
}
