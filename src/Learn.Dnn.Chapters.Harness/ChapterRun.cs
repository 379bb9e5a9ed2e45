using System.Globalization;
using Learn.Dnn.Charts;
using Learn.Dnn.Devices;
using ScottPlot;

namespace Learn.Dnn.Harness;

/// <summary>
/// The command line and the outputs of a chapter program:
/// <c>--quick</c> (a fast mode, seconds, used by the tests), <c>--out DIR</c> (where figures go,
/// default artifacts/figures/chNN), <c>--device cpu|opencl[:name]</c>, <c>--seed N</c>.
/// A program reports its results with <see cref="Report"/> (printed, and asserted by the chapter's
/// test) and writes its figures with <c>SaveFigure</c>.
/// Parsing the arguments chooses no device: the program makes that an explicit act,
/// <c>using var device = Device.Use(run.Device);</c>, so every tensor it creates lives there.
/// </summary>
public sealed class ChapterRun
{
    private readonly Dictionary<string, double> results = new();
    private readonly List<string> figures = new();

    public ChapterRun(int chapter, bool quick = false, string? outputDirectory = null,
                      IDevice? device = null, ulong seed = 42, TextWriter? output = null)
    {
        Chapter = chapter;
        Quick = quick;
        OutputDirectory = outputDirectory ?? Path.Combine("artifacts", "figures", $"ch{chapter:00}");
        Device = device ?? Devices.Device.Default;
        Seed = seed;
        Output = output ?? Console.Out;
    }

    /// <summary>Parses the chapter program's arguments; an unknown or malformed one is an error with the usage.</summary>
    public static ChapterRun From(int chapter, string[] args, TextWriter? output = null)
    {
        bool quick = false;
        string? outDir = null, device = null;
        ulong seed = 42;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw Usage($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "--out": outDir = Next(); break;
                case "--device": device = Next(); break;
                case "--seed":
                    string s = Next();
                    if (!ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out seed)) throw Usage($"--seed expects a non-negative integer, got \"{s}\"");
                    break;
                default: throw Usage($"unknown argument \"{args[i]}\"");
            }
        }
        var chosen = Devices.Device.Parse(device ?? Environment.GetEnvironmentVariable("LEARN_DNN_DEVICE"));
        return new ChapterRun(chapter, quick, outDir, chosen, seed, output);
    }

    private static ArgumentException Usage(string problem) =>
        new($"{problem}. Usage: dotnet run --project chapters/NN-Topic -- [--quick] [--out DIR] [--device cpu|opencl[:name]] [--seed N]");

    public int Chapter { get; }

    /// <summary>The fast mode: fewer epochs and samples, the same experiments.</summary>
    public bool Quick { get; }

    public string OutputDirectory { get; }

    /// <summary>The device named by --device or LEARN_DNN_DEVICE (the CPU if neither); the program makes it the default with <c>Device.Use</c>.</summary>
    public IDevice Device { get; }

    public ulong Seed { get; }

    public TextWriter Output { get; }

    /// <summary>The numbers the program reported, by name (the chapter tests assert on them).</summary>
    public IReadOnlyDictionary<string, double> Results => results;

    /// <summary>The figure files written so far.</summary>
    public IReadOnlyList<string> Figures => figures;

    /// <summary>Picks the quick-mode or the full-mode value: <c>run.Choose(quick: 200, full: 2000)</c>.</summary>
    public T Choose<T>(T quick, T full) => Quick ? quick : full;

    /// <summary>Prints a section heading.</summary>
    public void Section(string title)
    {
        Output.WriteLine();
        Output.WriteLine($"== {title} ==");
    }

    /// <summary>Prints a line of text.</summary>
    public void Say(string text) => Output.WriteLine(text);

    /// <summary>Prints and records a result: <c>run.Report("test accuracy", 0.967)</c>.</summary>
    public void Report(string name, double value)
    {
        results[name] = value;
        string text = value != 0 && Math.Abs(value) < 1e-3
            ? value.ToString("0.###e+0", CultureInfo.InvariantCulture)   // a tiny difference keeps its digits
            : value.ToString("0.####", CultureInfo.InvariantCulture);
        Output.WriteLine($"{name}: {text}");
    }

    /// <summary>Writes a figure as &lt;out&gt;/&lt;name&gt;.svg and prints where.</summary>
    public string SaveFigure(string name, string svg)
    {
        Directory.CreateDirectory(OutputDirectory);
        string path = Path.Combine(OutputDirectory, name + ".svg");
        File.WriteAllText(path, svg);
        figures.Add(path);
        Output.WriteLine($"figure: {path}");
        return path;
    }

    /// <summary>Writes a chart as &lt;out&gt;/&lt;name&gt;.svg (at <paramref name="width"/> × <paramref name="height"/> pixels) and prints where.</summary>
    public string SaveFigure(string name, Plot plot, int width = Chart.DefaultWidth, int height = Chart.DefaultHeight) =>
        SaveFigure(name, plot.ToSvg(width, height));

    /// <summary>Writes a figure of several panels as &lt;out&gt;/&lt;name&gt;.svg and prints where.</summary>
    public string SaveFigure(string name, Figure figure) => SaveFigure(name, figure.ToSvg());

    /// <summary>A progress bar for <paramref name="total"/> steps (epochs), Keras style.</summary>
    public ProgressBar Progress(string label, int total) => new(label, total, Output);

    /// <summary>Prints the closing summary: the device and where the figures are.</summary>
    public void Finish()
    {
        Output.WriteLine();
        Output.WriteLine($"device: {Device.Name}, seed: {Seed}, mode: {(Quick ? "quick" : "full")}");
        if (figures.Count > 0) Output.WriteLine($"{figures.Count} figure(s) written to {Path.GetFullPath(OutputDirectory)}");
    }
}
