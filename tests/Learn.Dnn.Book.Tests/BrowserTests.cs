using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Syntax;
using Microsoft.Playwright;

namespace Learn.Dnn.Book.Tests;

/// <summary>
/// Every page, loaded in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright):
/// no console or script errors, no failed requests (CSS, KaTeX fonts, figures all in the site),
/// KaTeX output wherever the page has math and no raw TeX left, every image decoded.
/// Without Chromium the tests skip, except under CI (CI=true), where they fail.
/// </summary>
[Collection(RealBookCollection.Name)]
public sealed class BrowserTests(RealBook book)
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private static readonly MarkdownPipeline MathOnly = new MarkdownPipelineBuilder().UseMathematics().Build();

    [SkippableFact]
    public async Task Every_page_of_the_real_book_renders_cleanly_in_chromium()
    {
        RequireChromium();
        var problems = await CheckSite(book.Site, book.Result.Pages);
        Assert.True(problems.Count == 0, "problems in the browser:\n  " + string.Join("\n  ", problems));
    }

    [SkippableFact]
    public async Task Search_finds_a_section_offline_and_print_hides_the_navigation()
    {
        RequireChromium();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs,
        });
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(new Uri(Path.Combine(book.Site, "01-perceptron.html")).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });

        await page.FillAsync("#search-input", "log-sum-exp");
        var hits = await page.EvalOnSelectorAllAsync<string[]>("#search-results a", "links => links.map(a => a.getAttribute('href'))");
        Assert.True(hits.Any(h => h.StartsWith("04-softmax.html#", StringComparison.Ordinal)),
            "searching 'log-sum-exp' from chapter 1 should find a section of chapter 4; found: " + string.Join(", ", hits));

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        var hidden = await page.EvaluateAsync<string[]>(
            "() => ['.site-header', '.page-toc', '.page-nav'].filter(s => document.querySelector(s) && getComputedStyle(document.querySelector(s)).display !== 'none')");
        Assert.True(hidden.Length == 0, "in print, these should be hidden but are shown: " + string.Join(", ", hidden));
        Assert.True(errors.Count == 0, "script errors: " + string.Join("; ", errors));
    }

    [SkippableFact]
    public async Task Every_page_of_a_book_with_math_listings_and_figures_renders_cleanly_in_chromium()
    {
        RequireChromium();
        using var repo = TempRepo.FromFixture("MiniBook").Write("artifacts/figures/ch01/relu.svg", SiteChecks.TinySvg);
        var result = repo.Build();
        Assert.False(result.Errors.Any, string.Join("\n", result.Errors.Messages));

        var problems = await CheckSite(repo.Site, result.Pages);
        Assert.True(problems.Count == 0, "problems in the browser:\n  " + string.Join("\n  ", problems));
    }

    [SkippableFact]
    public async Task Browser_check_catches_a_missing_figure_missing_fonts_and_raw_tex()
    {
        RequireChromium();
        using var repo = TempRepo.FromFixture("MiniBook").Write("artifacts/figures/ch01/relu.svg", SiteChecks.TinySvg);
        var result = repo.Build();
        File.Delete(Path.Combine(repo.Site, "figures", "ch01", "relu.svg"));
        Directory.Delete(Path.Combine(repo.Site, "katex", "fonts"), recursive: true);
        var chapter = Path.Combine(repo.Site, "01-relu.html");
        File.WriteAllText(chapter, File.ReadAllText(chapter).Replace("</main>", "<p>left over: $x^2$</p></main>"));

        var problems = await CheckSite(repo.Site, result.Pages);

        Assert.Contains(problems, p => p.Contains("image 'figures/ch01/relu.svg' did not load"));
        Assert.Contains(problems, p => p.Contains("raw TeX left in the page: '$x^2$'"));
        Assert.Contains(problems, p => p.Contains("no KaTeX font loaded"));
        Assert.Contains(problems, p => p.Contains("could not load") && p.Contains("katex/fonts/"));
    }

    private static void RequireChromium()
    {
        if (File.Exists(ChromiumPath)) return;
        if (Environment.GetEnvironmentVariable("CI") == "true")
            Assert.Fail($"{ChromiumPath} is missing, and CI must check the book in a browser: apt-get install -y chromium");
        Skip.If(true, $"{ChromiumPath} is missing (apt-get install -y chromium); the browser checks of the book are skipped.");
    }

    private static async Task<List<string>> CheckSite(string site, IReadOnlyList<BookPage> pages)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        var problems = new List<string>();
        problems.AddRange(await CheckPage(browser, Path.Combine(site, "index.html"), hasMath: false));
        foreach (var page in pages)
            problems.AddRange(await CheckPage(browser, Path.Combine(site, page.OutputName), HasMath(page)));
        return problems;
    }

    private static bool HasMath(BookPage page)
    {
        var document = Markdown.Parse(page.Markdown, MathOnly);
        return document.Descendants<MathInline>().Any() || document.Descendants<MathBlock>().Any();
    }

    private static async Task<List<string>> CheckPage(IBrowser browser, string file, bool hasMath)
    {
        var name = Path.GetFileName(file);
        var problems = new List<string>();
        var page = await browser.NewPageAsync();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add($"{name}: console error: {message.Text}"); };
        page.PageError += (_, error) => problems.Add($"{name}: script error: {error}");
        page.RequestFailed += (_, request) => problems.Add($"{name}: could not load {request.Url} ({request.Failure})");

        await page.GotoAsync(new Uri(file).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");

        var brokenImages = await page.EvaluateAsync<string[]>(
            "() => Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src'))");
        problems.AddRange(brokenImages.Select(src => $"{name}: image '{src}' did not load (naturalWidth is 0)"));

        // The visible prose, without code and typeset formulas: any $...$, $$, \( or \[ left in it is TeX KaTeX never saw.
        var rawTex = await page.EvaluateAsync<string[]>("""
            () => {
              const main = document.querySelector('main').cloneNode(true);
              main.querySelectorAll('pre, code, .katex').forEach(e => e.remove());
              return main.textContent.match(/\$\$|\\\(|\\\[|\$[^$\s][^$]*\$/g) || [];
            }
            """);
        problems.AddRange(rawTex.Select(tex => $"{name}: raw TeX left in the page: '{tex}'"));

        if (hasMath)
        {
            var formulas = await page.EvaluateAsync<int>("() => document.querySelectorAll('.katex .katex-html').length");
            if (formulas == 0) problems.Add($"{name}: the Markdown has math but the page has no KaTeX output");
            var fontLoaded = await page.EvaluateAsync<bool>(
                "() => Array.from(document.fonts).some(f => f.family.replace(/\"/g, '').startsWith('KaTeX') && f.status === 'loaded')");
            if (!fontLoaded) problems.Add($"{name}: no KaTeX font loaded (are katex/fonts/*.woff2 in the site?)");
        }
        await page.CloseAsync();
        return problems;
    }
}
