using System.Diagnostics;
using System.Globalization;

namespace Learn.Dnn.Harness;

/// <summary>
/// A Keras-style progress line: <c>epoch 3/10 [=========>..........] loss: 0.2314 - 1.2s</c>.
/// On a terminal it redraws one line; when the output is redirected (a file, a test) it prints a
/// plain line at every tenth of the work instead.
/// </summary>
public sealed class ProgressBar(string label, int total, TextWriter output)
{
    private const int Width = 30;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
    private int lastPrintedTenth = -1;

    /// <summary>Step <paramref name="step"/> (1-based) is done; <paramref name="metrics"/> are shown beside the bar.</summary>
    public void Update(int step, params (string Name, double Value)[] metrics)
    {
        string text = Line(step, metrics);
        if (interactive)
        {
            output.Write("\r" + text);
            if (step >= total) output.WriteLine();
            return;
        }
        int tenth = total == 0 ? 10 : step * 10 / total;
        if (tenth > lastPrintedTenth || step >= total)
        {
            lastPrintedTenth = tenth;
            output.WriteLine(text);
        }
    }

    private string Line(int step, (string Name, double Value)[] metrics)
    {
        int filled = total == 0 ? Width : Math.Min(Width, step * Width / total);
        string bar = new string('=', Math.Max(filled - 1, 0)) + (filled < Width ? ">" : "=") + new string('.', Width - filled);
        string values = string.Join(" - ", metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Name}: {m.Value:0.0000}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"{label} {step}/{total} [{bar}] {values}{(values.Length > 0 ? " - " : "")}{clock.Elapsed.TotalSeconds:0.0}s");
    }
}
