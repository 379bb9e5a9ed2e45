namespace Learn.Dnn.Book.Tests;

/// <summary>Whole builds of small books: formulas typeset, listings captioned, figures copied, and failures collected.</summary>
public sealed class BookBuildTests
{
    private static TempRepo MiniBook(bool withFigure = true)
    {
        var repo = TempRepo.FromFixture("MiniBook");
        if (withFigure)
            repo.Write("artifacts/figures/ch01/relu.svg", SiteChecks.TinySvg);
        return repo;
    }

    [Fact]
    public void Formulas_are_typeset_by_katex_and_no_tex_delimiters_are_left()
    {
        using var repo = MiniBook();
        var result = repo.Build();

        Assert.False(result.Errors.Any, string.Join("\n", result.Errors.Messages));
        var html = File.ReadAllText(Path.Combine(repo.Site, "01-relu.html"));
        Assert.Contains("class=\"katex\"", html);
        Assert.Contains("class=\"katex-display\"", html);
        Assert.DoesNotContain("$$", html);
        Assert.DoesNotContain("$\\", html);
        Assert.True(File.Exists(Path.Combine(repo.Site, "katex", "katex.min.css")), "KaTeX's stylesheet must be copied into the site");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(repo.Site, "katex", "fonts"), "*.woff2"));
    }

    [Fact]
    public void Listings_carry_a_caption_with_path_and_region_and_are_highlighted()
    {
        using var repo = MiniBook();
        repo.Build();

        var html = File.ReadAllText(Path.Combine(repo.Site, "01-relu.html"));
        Assert.Contains("<span class=\"listing-path\">src/Demo/Relu.cs</span> <span class=\"listing-region\">#forward</span>", html);
        Assert.Contains("<span class=\"kw\">public</span>", html);
        Assert.DoesNotContain("#region", html);
        Assert.DoesNotContain("{{#include", html);
    }

    [Fact]
    public void Site_has_an_index_with_every_page_and_previous_next_links()
    {
        using var repo = MiniBook();
        repo.Build();

        var index = File.ReadAllText(Path.Combine(repo.Site, "index.html"));
        Assert.Contains("href=\"00-intro.html\"", index);
        Assert.Contains("The rectified linear unit", index);
        var intro = File.ReadAllText(Path.Combine(repo.Site, "00-intro.html"));
        Assert.Contains("href=\"01-relu.html\" rel=\"next\"", intro);
        Assert.Contains("href=\"01-relu.html#the-backward-pass\"", intro);
        var chapter = File.ReadAllText(Path.Combine(repo.Site, "01-relu.html"));
        Assert.Contains("href=\"00-intro.html\" rel=\"prev\"", chapter);
        Assert.Empty(SiteChecks.BrokenReferences(repo.Site));
    }

    [Fact]
    public void Figures_are_copied_from_the_chapter_artifacts()
    {
        using var repo = MiniBook();
        repo.Build();
        Assert.True(File.Exists(Path.Combine(repo.Site, "figures", "ch01", "relu.svg")));
    }

    [Fact]
    public void Missing_figure_with_no_run_fails_naming_page_and_line()
    {
        using var repo = MiniBook(withFigure: false);
        var result = repo.Build(runChapters: false);

        var message = Assert.Single(result.Errors.Messages);
        Assert.StartsWith("book/01-relu.md:30:", message);
        Assert.Contains("figures/ch01/relu.svg", message);
    }

    [Fact]
    public void Missing_figure_without_a_chapter_program_fails_naming_the_chapter_folder()
    {
        using var repo = MiniBook(withFigure: false);
        var result = repo.Build(runChapters: true);

        Assert.Contains(result.Errors.Messages, m => m.StartsWith("book/01-relu.md:30:") && m.Contains("chapters/01-*"));
    }

    [Fact]
    public void Missing_figure_is_drawn_by_running_the_chapter_program_in_quick_mode()
    {
        using var repo = MiniBook(withFigure: false)
            .Write("chapters/01-Relu/01-Relu.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
                </Project>
                """)
            .Write("chapters/01-Relu/Program.cs", """
                // A stand-in chapter program: it draws its figure only when asked for the quick mode.
                if (args is not ["--quick", "--out", var outDir]) { Console.Error.WriteLine("expected --quick --out DIR"); return 2; }
                Directory.CreateDirectory(outDir);
                File.WriteAllText(Path.Combine(outDir, "relu.svg"), "<svg xmlns='http://www.w3.org/2000/svg' width='40' height='20'><rect width='40' height='20'/></svg>");
                return 0;
                """);

        var result = repo.Build(runChapters: true);

        Assert.False(result.Errors.Any, string.Join("\n", result.Errors.Messages));
        Assert.True(File.Exists(repo.Path("artifacts/figures/ch01/relu.svg")), "the chapter program should have written artifacts/figures/ch01/relu.svg");
        Assert.True(File.Exists(Path.Combine(repo.Site, "figures", "ch01", "relu.svg")));
    }

    [Fact]
    public void Every_problem_is_reported_in_one_build()
    {
        using var repo = MiniBook()
            .Write("book/02-broken.md", """
                # Broken

                {{#include ../src/Demo/Missing.cs#forward}}

                {{#include ../src/Demo/Relu.cs#sideways}}

                Bad formula: $\frac{1}{$.

                See [a page that is not there](07-nothing.md).
                """)
            .Write("src/Demo/Unused.cs", "class U\n{\n    #region lonely\n    int x;\n    #endregion\n}\n");

        var result = repo.Build();

        var messages = result.Errors.Messages;
        Assert.Contains(messages, m => m.StartsWith("book/02-broken.md:3:") && m.Contains("Missing.cs"));
        Assert.Contains(messages, m => m.StartsWith("book/02-broken.md:5:") && m.Contains("'sideways'"));
        Assert.Contains(messages, m => m.StartsWith("book/02-broken.md:7:") && m.Contains("does not typeset"));
        Assert.Contains(messages, m => m.StartsWith("book/02-broken.md:9:") && m.Contains("07-nothing.md"));
        Assert.Contains(messages, m => m.StartsWith("src/Demo/Unused.cs:3:") && m.Contains("'lonely'"));
        Assert.Equal(5, messages.Count);
    }

    [Fact]
    public void Page_without_a_title_heading_is_an_error()
    {
        using var repo = MiniBook().Write("book/03-untitled.md", "Some text.\n\n```bash\n# a comment, not a title\n```\n");
        var result = repo.Build();
        Assert.Contains(result.Errors.Messages, m => m.StartsWith("book/03-untitled.md:1:") && m.Contains("no '# Title'"));
    }

    [Fact]
    public void Builder_exits_non_zero_and_prints_every_error()
    {
        using var repo = MiniBook(withFigure: false);
        var output = new StringWriter();
        var savedError = Console.Error;
        Console.SetError(output);
        int exitCode;
        try
        {
            exitCode = (int)typeof(BookBuilder).Assembly.EntryPoint!.Invoke(null, [new[] { "--root", repo.Root, "--no-run" }])!;
        }
        finally
        {
            Console.SetError(savedError);
        }
        Assert.Equal(1, exitCode);
        Assert.Contains("book/01-relu.md:30:", output.ToString());
    }
}
