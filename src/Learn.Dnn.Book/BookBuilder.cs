using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Learn.Dnn.Book;

/// <summary>The pages built and every problem found.</summary>
public sealed record BuildResult(IReadOnlyList<BookPage> Pages, BuildErrors Errors);

/// <summary>
/// Builds the site: reads book/NN-*.md, resolves listings from source regions, collects figures,
/// typesets formulas with KaTeX, writes one HTML page per chapter (each with its own table of contents)
/// plus index.html, the offline search (search-index.js, search.js), book.css, print.css and
/// KaTeX's stylesheet and fonts. Every problem is collected; the caller fails if there are any.
/// </summary>
public sealed class BookBuilder(BookOptions options)
{
    /// <summary>Written into the output folder so a rebuild may safely clear it.</summary>
    private const string Marker = ".learn-dnn-book";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseMathematics()          // $...$ inline, $$...$$ display
        .UsePipeTables()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseFootnotes()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    private readonly BuildErrors _errors = new();

    private sealed record ParsedPage(BookPage Page, MarkdownDocument Document, List<(MarkdownObject Node, int Line)> Math);

    public BuildResult Build()
    {
        var root = options.Root;
        var bookDir = Path.Combine(root, "book");
        var pages = ReadPages(bookDir);

        PrepareOutput();
        var resolver = new IncludeResolver(root, _errors);
        var figures = new FigureCollector(root, options.OutputDirectory, options.RunChapters, options.QuickFigures, _errors);
        var parsed = pages.Select(p => Parse(p, pages, resolver, figures)).ToList();
        resolver.ReportUnusedRegions();
        figures.Complete();
        Typeset(parsed);

        var search = new List<SearchEntry>();
        for (var i = 0; i < parsed.Count; i++)
        {
            var body = Render(parsed[i].Document);
            var headings = PageContents.Headings(parsed[i].Document);
            var html = SiteLayout.Page(parsed[i].Page, body, i > 0 ? pages[i - 1] : null,
                                       i + 1 < pages.Count ? pages[i + 1] : null, parsed[i].Math.Count > 0, headings);
            File.WriteAllText(Path.Combine(options.OutputDirectory, parsed[i].Page.OutputName), html);
            search.AddRange(PageContents.SearchEntries(parsed[i].Page, parsed[i].Document));
        }
        File.WriteAllText(Path.Combine(options.OutputDirectory, "index.html"), SiteLayout.Index(pages));
        File.WriteAllText(Path.Combine(options.OutputDirectory, "search-index.js"), PageContents.SearchIndexScript(search));
        CopyAssets(needKatex: parsed.Any(p => p.Math.Count > 0));
        return new BuildResult(pages, _errors);
    }

    private List<BookPage> ReadPages(string bookDir)
    {
        if (!Directory.Exists(bookDir))
        {
            _errors.Add($"book: no folder {bookDir}");
            return [];
        }
        var pages = Directory.EnumerateFiles(bookDir, "*.md")
            .Where(f => BookPage.IsPageFile(Path.GetFileName(f)))
            .Select(f => BookPage.Read(f, options.Root, _errors))
            .OfType<BookPage>().OrderBy(p => p.Number).ToList();
        foreach (var clash in pages.GroupBy(p => p.Number).Where(g => g.Count() > 1))
            _errors.Add($"book: {(clash.First().IsAppendix ? $"appendix {clash.First().Appendix}" : $"chapter {clash.Key:00}")} has {clash.Count()} pages ({string.Join(", ", clash.Select(p => p.MarkdownName))}); each chapter is one Markdown file");
        return pages;
    }

    /// <summary>Parses one page and rewrites its syntax tree: includes → listings, lone images → figures, .md links → .html.</summary>
    private ParsedPage Parse(BookPage page, List<BookPage> pages, IncludeResolver resolver, FigureCollector figures)
    {
        var document = Markdown.Parse(page.Markdown, Pipeline);
        var pagePath = RepoRoot.Relative(options.Root, page.SourcePath);
        var sourceDirectory = Path.GetDirectoryName(page.SourcePath)!;

        foreach (var paragraph in document.Descendants<ParagraphBlock>().ToList())
        {
            var text = page.Markdown.Substring(paragraph.Span.Start, paragraph.Span.Length).Trim();
            if (IncludeResolver.TryParseDirective(text, out var target))
            {
                var listing = resolver.Resolve(target, page.SourcePath, paragraph.Line + 1);
                if (listing is not null) Replace(paragraph, new ListingBlock(listing) { Line = paragraph.Line });
            }
            else if (LoneImage(paragraph) is { } image)
            {
                Replace(paragraph, new FigureBlock(image.Url ?? "", InlineText.Of(image)) { Line = paragraph.Line });
                figures.Request(image.Url ?? "", pagePath, image.Line + 1, sourceDirectory);
            }
        }

        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (link.IsImage) figures.Request(link.Url ?? "", pagePath, link.Line + 1, sourceDirectory);
            else RewritePageLink(link, pages, pagePath);
        }

        var math = document.Descendants<MathInline>().Select(m => ((MarkdownObject)m, m.Line))
            .Concat(document.Descendants<MathBlock>().Select(m => ((MarkdownObject)m, m.Line)))
            .ToList();
        return new ParsedPage(page, document, math);
    }

    private static LinkInline? LoneImage(ParagraphBlock paragraph)
    {
        var inlines = paragraph.Inline?.Where(i => i is not LiteralInline literal || !literal.Content.IsEmptyOrWhitespace()).ToList();
        return inlines is [LinkInline { IsImage: true } image] ? image : null;
    }

    private static void Replace(Block old, Block replacement)
    {
        var parent = old.Parent!;
        var index = parent.IndexOf(old);
        parent.RemoveAt(index);
        parent.Insert(index, replacement);
    }

    /// <summary>A link to another page's Markdown (02-backprop.md#chain-rule) becomes a link to its HTML.</summary>
    private void RewritePageLink(LinkInline link, List<BookPage> pages, string pagePath)
    {
        var url = link.Url ?? "";
        if (url.Contains("://", StringComparison.Ordinal) || url.StartsWith('#') || url.StartsWith("mailto:", StringComparison.Ordinal)) return;
        var hash = url.IndexOf('#');
        var file = hash >= 0 ? url[..hash] : url;
        if (!file.EndsWith(".md", StringComparison.Ordinal)) return;
        var target = pages.FirstOrDefault(p => p.MarkdownName == file);
        if (target is null)
        {
            _errors.Add(pagePath, link.Line + 1, $"link '{url}' names no book page (pages are book/NN-name.md)");
            return;
        }
        link.Url = target.OutputName + (hash >= 0 ? url[hash..] : "");
    }

    /// <summary>Typesets every formula of the book in one KaTeX run; a formula KaTeX rejects is reported at its line.</summary>
    private void Typeset(List<ParsedPage> parsed)
    {
        var all = parsed.SelectMany(p => p.Math.Select(m => (p.Page, m.Node, m.Line))).ToList();
        if (all.Count == 0) return;
        var katex = new MathRenderer(options.ToolDirectory);
        katex.EnsureInstalled();
        var formulas = all.Select(m => m.Node switch
        {
            MathInline inline => new Formula(inline.Content.ToString(), inline.DelimiterCount >= 2),
            MathBlock block => new Formula(block.Lines.ToString(), true),
            _ => throw new InvalidOperationException("unreachable"),
        }).ToList();
        var typeset = katex.Render(formulas);
        for (var i = 0; i < all.Count; i++)
        {
            if (typeset[i].Html is { } html) all[i].Node.SetData(TypesetMath.Key, html);
            else _errors.Add(RepoRoot.Relative(options.Root, all[i].Page.SourcePath), all[i].Line + 1,
                             $"formula '{formulas[i].Tex}' does not typeset: {typeset[i].Error}");
        }
    }

    private static string Render(MarkdownDocument document)
    {
        var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        // Ours first: the first renderer that accepts a node writes it (MathBlock is a CodeBlock too).
        renderer.ObjectRenderers.Insert(0, new KatexBlockRenderer());
        renderer.ObjectRenderers.Insert(1, new KatexInlineRenderer());
        renderer.ObjectRenderers.Insert(2, new ListingRenderer());
        renderer.ObjectRenderers.Insert(3, new FigureRenderer());
        renderer.ObjectRenderers.Insert(4, new CodeRenderer());
        renderer.Render(document);
        return writer.ToString();
    }

    private void PrepareOutput()
    {
        var output = options.OutputDirectory;
        if (Directory.Exists(output) && File.Exists(Path.Combine(output, Marker)))
            Directory.Delete(output, recursive: true);
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, Marker), "Built by src/Learn.Dnn.Book; the next build replaces this folder.\n");
    }

    private void CopyAssets(bool needKatex)
    {
        foreach (var asset in new[] { "book.css", "print.css", "search.js" })
            File.Copy(Path.Combine(options.ToolDirectory, "assets", asset), Path.Combine(options.OutputDirectory, asset), overwrite: true);
        if (!needKatex) return;
        var katex = new MathRenderer(options.ToolDirectory).KatexDirectory;
        var target = Path.Combine(options.OutputDirectory, "katex");
        Directory.CreateDirectory(Path.Combine(target, "fonts"));
        File.Copy(Path.Combine(katex, "katex.min.css"), Path.Combine(target, "katex.min.css"), overwrite: true);
        foreach (var font in Directory.EnumerateFiles(Path.Combine(katex, "fonts"), "*.woff2"))
            File.Copy(font, Path.Combine(target, "fonts", Path.GetFileName(font)), overwrite: true);
    }
}
