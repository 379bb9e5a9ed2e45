namespace Learn.Dnn.Book.Tests;

/// <summary>The listing highlighter: each kind of token gets its class, and nothing of the code is lost or unescaped.</summary>
public sealed class CSharpHighlighterTests
{
    [Theory]
    [InlineData("public", "kw")]
    [InlineData("var", "kw")]
    [InlineData("float", "kw")]
    [InlineData("\"loss: {0}\"", "str")]
    [InlineData("@\"C:\\data\"", "str")]
    [InlineData("$\"epoch {epoch}\"", "str")]
    [InlineData("'x'", "str")]
    [InlineData("// ∂L/∂W = xᵀ·δ", "com")]
    [InlineData("/* block */", "com")]
    [InlineData("1e-7f", "num")]
    [InlineData("0xFF", "num")]
    [InlineData("1_000", "num")]
    [InlineData("0.5", "num")]
    [InlineData("#if DEBUG", "pre")]
    public void Token_gets_its_class(string token, string cssClass)
    {
        var html = CSharpHighlighter.ToHtml(token);
        Assert.StartsWith($"<span class=\"{cssClass}\">", html);
        Assert.EndsWith("</span>", html);
    }

    [Fact]
    public void Type_names_are_marked_but_calls_and_members_are_not()
    {
        var html = CSharpHighlighter.ToHtml("Tensor y = Tensor.Zeros(shape); var d = new Dense(4); var s = y.Shape;");
        Assert.Contains("<span class=\"typ\">Tensor</span> y", html);
        Assert.Contains("<span class=\"typ\">Tensor</span>.Zeros(", html);
        Assert.Contains("<span class=\"kw\">new</span> <span class=\"typ\">Dense</span>(", html);
        Assert.Contains("y.Shape;", html);
    }

    [Fact]
    public void Html_in_code_is_escaped_and_every_character_survives()
    {
        const string code = "if (a < b && c > d) { s = \"<b>\"; } // x < y\nList<int> xs = [];";
        var html = CSharpHighlighter.ToHtml(code);
        Assert.DoesNotContain("<b>", html);
        var text = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", ""));
        Assert.Equal(code, text);
    }

    [Fact]
    public void Keywords_inside_strings_and_comments_stay_strings_and_comments()
    {
        var html = CSharpHighlighter.ToHtml("var s = \"return null\"; // if else");
        Assert.Contains("<span class=\"str\">&quot;return null&quot;</span>", html);
        Assert.Contains("<span class=\"com\">// if else</span>", html);
        Assert.Equal(1, html.Split("class=\"kw\"").Length - 1);
    }

    [Fact]
    public void Raw_and_verbatim_strings_end_where_csharp_ends_them()
    {
        Assert.Equal("<span class=\"str\">@&quot;a&quot;&quot;b&quot;</span>;", CSharpHighlighter.ToHtml("@\"a\"\"b\";"));
        var raw = CSharpHighlighter.ToHtml("\"\"\"\n  a \" b\n  \"\"\";");
        Assert.StartsWith("<span class=\"str\">", raw);
        Assert.EndsWith("</span>;", raw);
    }
}
