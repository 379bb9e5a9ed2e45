using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Learn.Dnn.Book;

/// <summary>A formula to typeset: TeX source, display ($$...$$) or inline ($...$).</summary>
public sealed record Formula(string Tex, bool Display);

/// <summary>What KaTeX made of a formula: HTML, or the reason it could not.</summary>
public sealed record TypesetFormula(string? Html, string? Error);

/// <summary>
/// Typesets formulas with KaTeX (npm package in the builder's folder) by running node once for
/// the whole book: every formula goes in as JSON on stdin, HTML comes back on stdout. The pages
/// then carry finished HTML and only need katex.min.css and its fonts.
/// </summary>
public sealed class MathRenderer(string toolDirectory)
{
    public string KatexDirectory => Path.Combine(toolDirectory, "node_modules", "katex", "dist");

    /// <summary>Builds running side by side (the tests) must not run two 'npm ci' in one folder.</summary>
    private static readonly Lock InstallLock = new();

    public bool IsInstalled => File.Exists(Path.Combine(KatexDirectory, "katex.min.css"));

    /// <summary>Installs KaTeX from package-lock.json (npm ci) when node_modules is missing.</summary>
    public void EnsureInstalled()
    {
        lock (InstallLock) Install();
    }

    private void Install()
    {
        if (IsInstalled) return;
        Console.WriteLine($"KaTeX is not installed in {toolDirectory}; running 'npm ci' there.");
        var (exitCode, _, stderr) = Run("npm", ["ci", "--no-audit", "--no-fund"], stdin: null);
        if (exitCode != 0 || !IsInstalled)
            throw new InvalidOperationException(
                $"MathRenderer: 'npm ci' in {toolDirectory} failed (exit {exitCode}); KaTeX is needed to typeset formulas.\n{stderr}");
    }

    public IReadOnlyList<TypesetFormula> Render(IReadOnlyList<Formula> formulas)
    {
        if (formulas.Count == 0) return [];
        var request = JsonSerializer.Serialize(formulas.Select(f => new { tex = f.Tex, display = f.Display }));
        var (exitCode, stdout, stderr) = Run("node", [Path.Combine(toolDirectory, "render-math.cjs")], request);
        if (exitCode != 0)
            throw new InvalidOperationException($"MathRenderer: node render-math.cjs failed (exit {exitCode}):\n{stderr}");
        var results = JsonSerializer.Deserialize<List<JsonElement>>(stdout)
            ?? throw new InvalidOperationException("MathRenderer: render-math.cjs returned no JSON");
        return results.Select(r => new TypesetFormula(
            r.TryGetProperty("html", out var html) ? html.GetString() : null,
            r.TryGetProperty("error", out var error) ? error.GetString() : null)).ToList();
    }

    private (int ExitCode, string Stdout, string Stderr) Run(string program, string[] arguments, string? stdin)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = toolDirectory,
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (stdin is not null) start.StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"MathRenderer: could not start '{program}'; is Node.js installed?");
        var stderrTask = process.StandardError.ReadToEndAsync();
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        process.WaitForExit();
        return (process.ExitCode, stdoutTask.Result, stderrTask.Result);
    }
}
