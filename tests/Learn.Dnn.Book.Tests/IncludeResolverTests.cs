namespace Learn.Dnn.Book.Tests;

/// <summary>The include directive: listings cut from named regions of real files, and every way that can go wrong.</summary>
public sealed class IncludeResolverTests
{
    private const string Layer = """
        namespace Demo;

        public sealed class Dense
        {
            #region forward
            public float[] Forward(float[] x)
            {
                #region affine
                var y = Affine(x);   // y = x·W + b
                #endregion
                return y;
            }
            #endregion
        }
        """;

    private static (IncludeResolver Resolver, BuildErrors Errors, string Page) Setup(TempRepo repo)
    {
        var errors = new BuildErrors();
        return (new IncludeResolver(repo.Root, errors), errors, repo.Path("book/01-dense.md"));
    }

    [Fact]
    public void Region_listing_drops_the_markers_and_the_common_indentation()
    {
        using var repo = new TempRepo().Write("src/Demo/Dense.cs", Layer);
        var (resolver, errors, page) = Setup(repo);

        var listing = resolver.Resolve("../src/Demo/Dense.cs#forward", page, 3);

        Assert.False(errors.Any, string.Join("\n", errors.Messages));
        Assert.NotNull(listing);
        Assert.Equal("""
            public float[] Forward(float[] x)
            {
                var y = Affine(x);   // y = x·W + b
                return y;
            }
            """.Replace("\r\n", "\n"), listing.Code);
        Assert.Equal("src/Demo/Dense.cs", listing.RepoPath);
        Assert.Equal("forward", listing.Region);
        Assert.Equal((6, 12), (listing.FirstLine, listing.LastLine));
    }

    [Fact]
    public void Nested_region_can_be_included_on_its_own()
    {
        using var repo = new TempRepo().Write("src/Demo/Dense.cs", Layer);
        var (resolver, errors, page) = Setup(repo);

        var listing = resolver.Resolve("../src/Demo/Dense.cs#affine", page, 3);

        Assert.False(errors.Any, string.Join("\n", errors.Messages));
        Assert.Equal("var y = Affine(x);   // y = x·W + b", listing!.Code);
    }

    [Fact]
    public void Including_the_outer_region_also_uses_the_nested_one()
    {
        using var repo = new TempRepo().Write("src/Demo/Dense.cs", Layer);
        var (resolver, errors, page) = Setup(repo);

        resolver.Resolve("../src/Demo/Dense.cs#forward", page, 3);
        resolver.ReportUnusedRegions();

        Assert.False(errors.Any, "the nested region 'affine' is shown inside 'forward', so it is used:\n" + string.Join("\n", errors.Messages));
    }

    [Fact]
    public void Whole_file_include_drops_every_marker()
    {
        using var repo = new TempRepo().Write("src/Demo/Dense.cs", Layer);
        var (resolver, errors, page) = Setup(repo);

        var listing = resolver.Resolve("../src/Demo/Dense.cs", page, 3);
        resolver.ReportUnusedRegions();

        Assert.False(errors.Any, string.Join("\n", errors.Messages));
        Assert.Null(listing!.Region);
        Assert.DoesNotContain("#region", listing.Code);
        Assert.DoesNotContain("#endregion", listing.Code);
        Assert.StartsWith("namespace Demo;", listing.Code);
    }

    [Fact]
    public void Missing_file_names_the_page_and_line()
    {
        using var repo = new TempRepo();
        var (resolver, errors, page) = Setup(repo);

        var listing = resolver.Resolve("../src/Nowhere.cs#forward", page, 7);

        Assert.Null(listing);
        var message = Assert.Single(errors.Messages);
        Assert.StartsWith("book/01-dense.md:7:", message);
        Assert.Contains("src/Nowhere.cs", message);
        Assert.Contains("does not exist", message);
    }

    [Fact]
    public void Missing_region_names_the_page_line_and_the_regions_that_do_exist()
    {
        using var repo = new TempRepo().Write("src/Demo/Dense.cs", Layer);
        var (resolver, errors, page) = Setup(repo);

        var listing = resolver.Resolve("../src/Demo/Dense.cs#backward", page, 12);

        Assert.Null(listing);
        var message = Assert.Single(errors.Messages);
        Assert.StartsWith("book/01-dense.md:12:", message);
        Assert.Contains("region 'backward' does not exist in 'src/Demo/Dense.cs'", message);
        Assert.Contains("'forward'", message);
    }

    [Fact]
    public void Region_defined_twice_in_one_file_is_an_error_at_the_second_definition()
    {
        using var repo = new TempRepo().Write("src/Demo/Twice.cs", """
            class Twice
            {
                #region step
                void A() { }
                #endregion
                #region step
                void B() { }
                #endregion
            }
            """);
        var (resolver, errors, page) = Setup(repo);

        resolver.Resolve("../src/Demo/Twice.cs#step", page, 1);

        var message = Assert.Single(errors.Messages);
        Assert.StartsWith("src/Demo/Twice.cs:6:", message);
        Assert.Contains("defined twice", message);
    }

    [Fact]
    public void Region_that_no_page_includes_is_an_error_in_src_chapters_and_exercises()
    {
        using var repo = new TempRepo()
            .Write("src/Demo/Dense.cs", Layer)
            .Write("chapters/01-Demo/Program.cs", "#region experiment\nvar x = 1;\n#endregion\n")
            .Write("exercises/Ch01/Stub.cs", "// #region hint\nint y = 2;\n// #endregion\n")
            .Write("tests/Demo.Tests/T.cs", "#region not-checked\n#endregion\n");
        var (resolver, errors, page) = Setup(repo);

        resolver.Resolve("../src/Demo/Dense.cs#affine", page, 1);
        resolver.ReportUnusedRegions();

        string[] expected =
        [
            "src/Demo/Dense.cs:5: region 'forward' is not included by any book page",
            "chapters/01-Demo/Program.cs:1: region 'experiment' is not included by any book page",
            "exercises/Ch01/Stub.cs:1: region 'hint' is not included by any book page",
        ];
        Assert.Equal(expected.Order(), errors.Messages.Select(m => m[..m.IndexOf(';')]).Order());
    }

    [Fact]
    public void Unclosed_and_unopened_region_markers_are_errors()
    {
        var errors = new BuildErrors();
        SourceRegions.Parse(["#region open", "x", "#endregion", "#endregion", "#region never-closed"], "src/A.cs", errors);

        Assert.Equal(2, errors.Messages.Count);
        Assert.Contains(errors.Messages, m => m.StartsWith("src/A.cs:4:") && m.Contains("#endregion without"));
        Assert.Contains(errors.Messages, m => m.StartsWith("src/A.cs:5:") && m.Contains("never closed"));
    }

    [Fact]
    public void Dedent_removes_only_the_indentation_all_lines_share()
    {
        Assert.Equal("if (x)\n    y();\n\nz();", SourceRegions.Dedent(["", "        if (x)", "            y();", "", "        z();", "   "]));
    }

    [Fact]
    public void Directive_must_be_the_whole_line()
    {
        Assert.True(IncludeResolver.TryParseDirective("{{#include ../src/A.cs#forward}}", out var target));
        Assert.Equal("../src/A.cs#forward", target);
        Assert.True(IncludeResolver.TryParseDirective("  {{#include ../src/A.cs}}  ", out target));
        Assert.Equal("../src/A.cs", target);
        Assert.False(IncludeResolver.TryParseDirective("see {{#include ../src/A.cs}} here", out _));
    }
}
