using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Learn.Dnn.Callbacks;

/// <summary>
/// Keras 3's progress bar (<c>keras.utils.Progbar</c>), drawn the same way:
/// <code>1875/1875 ━━━━━━━━━━━━━━━━━━━━ 2s 1ms/step - accuracy: 0.9712 - loss: 0.0950</code>
/// the step right-aligned to the target's width, a bar of 20 "━" (done in green, the rest dim), the
/// time left while running (<c>12s</c>, <c>1:05</c>, <c>1:02:03</c>) or the elapsed seconds when done,
/// the time per step (excluding the first, which pays for warm-up) in s, ms or us, then the values
/// (.4f when |v| &gt; 1e-3, else .4e). The values are shown as given: the model already passes
/// running means (Keras' "stateful" metrics).
/// <para>
/// On a terminal it redraws one line with \r, at most every <c>interval</c> seconds (and always at the
/// end). When the output is not a terminal (a file, a test, a CI log) it writes only the final line,
/// so a log holds one line per epoch. Verbose 2 writes one line at the end,
/// <c>1875/1875 - 3s - 1ms/step - accuracy: …</c>; verbose 0 writes nothing.
/// </para>
/// </summary>
[Chapter(5)]
public sealed class Progbar
{
    private readonly TextWriter output;
    private readonly Func<double> clock;
    private readonly bool dynamicDisplay;
    private readonly double start;
    private readonly List<KeyValuePair<string, double>> values = [];
    private double lastUpdate = double.NegativeInfinity;
    private double? timeAfterFirstStep;
    private int previousWidth;

    /// <param name="target">The number of steps; null when unknown.</param>
    /// <param name="width">The bar's width in characters.</param>
    /// <param name="verbose">0 silent, 1 a bar, 2 one line at the end.</param>
    /// <param name="interval">The least time between two redraws on a terminal, in seconds.</param>
    /// <param name="unitName">"step" (or "sample").</param>
    /// <param name="output">Where to write; Console.Out by default.</param>
    /// <param name="clock">Seconds since any fixed origin; a stopwatch by default (tests pass a fake one).</param>
    /// <param name="dynamicDisplay">Redraw in place with \r and colours; by default when the output is an interactive console.</param>
    public Progbar(int? target, int width = 20, int verbose = 1, double interval = 0.05, string unitName = "step",
                   TextWriter? output = null, Func<double>? clock = null, bool? dynamicDisplay = null)
    {
        if (verbose is < 0 or > 2) throw new ArgumentOutOfRangeException(nameof(verbose), $"Progbar: verbose must be 0, 1 or 2, got {verbose}.");
        Target = target;
        Width = width;
        Verbose = verbose;
        Interval = interval;
        UnitName = unitName;
        this.output = output ?? Console.Out;
        this.clock = clock ?? SystemClock;
        this.dynamicDisplay = dynamicDisplay ?? (ReferenceEquals(this.output, Console.Out) && !Console.IsOutputRedirected);
        start = this.clock();
    }

    public int? Target { get; set; }
    public int Width { get; }
    public int Verbose { get; }
    public double Interval { get; }
    public string UnitName { get; }

    private static readonly Stopwatch Watch = Stopwatch.StartNew();
    private static double SystemClock() => Watch.Elapsed.TotalSeconds;

    #region update
    /// <summary>
    /// Step <paramref name="current"/> (1-based) is done; <paramref name="newValues"/> replace the values
    /// shown. <paramref name="finalize"/> (by default: current ≥ target) ends the line.
    /// </summary>
    public void Update(int current, IEnumerable<KeyValuePair<string, double>>? newValues = null, bool? finalize = null)
    {
        bool last = finalize ?? (Target is not null && current >= Target);
        foreach (var (key, value) in newValues ?? [])
        {
            int at = values.FindIndex(v => v.Key == key);
            if (at < 0) values.Add(new(key, value)); else values[at] = new(key, value);
        }
        double now = clock();
        double timePerUnit = EstimateStepDuration(current, now);

        if (Verbose == 1)
        {
            if (now - lastUpdate < Interval && !last) return;
            lastUpdate = now;
            if (!dynamicDisplay && !last) return;   // redirected output: only the finished line
            string line = Line1(current, now, timePerUnit, last, out int visibleWidth);
            if (dynamicDisplay)
            {
                var text = new StringBuilder("\r").Append(line);
                if (previousWidth > visibleWidth) text.Append(' ', previousWidth - visibleWidth);
                previousWidth = visibleWidth;
                if (last) text.Append('\n');
                output.Write(text.ToString());
            }
            else output.Write(line + "\n");
            output.Flush();
        }
        else if (Verbose == 2 && last && Target is > 0)
        {
            var info = new StringBuilder(Count(current, Target.Value))
                .Append(" - ").Append(PythonFormat.Fixed(now - start, 0)).Append('s')
                .Append(" -").Append(FormatTime(timePerUnit, UnitName));
            foreach (var (key, value) in values)   // Keras' verbose-2 line tests v > 1e-3, not |v|
                info.Append(" - ").Append(key).Append(": ").Append(value > 1e-3 ? PythonFormat.Fixed(value, 4) : PythonFormat.Scientific4(value));
            output.Write(info.Append('\n').ToString());
            output.Flush();
        }
    }
    #endregion

    /// <summary>The verbose-1 line, with colour codes on a terminal; <paramref name="visibleWidth"/> leaves them out.</summary>
    private string Line1(int current, double now, double timePerUnit, bool last, out int visibleWidth)
    {
        string Bold(string s) => dynamicDisplay ? $"\x1b[1m{s}\x1b[0m" : s;
        string Colour(string s, int code) => dynamicDisplay ? $"\x1b[{code}m{s}\x1b[0m" : s;

        var bar = new StringBuilder();
        var plain = new StringBuilder();
        if (Target is > 0)
        {
            string count = Count(current, Target.Value);
            int done = (int)(Width * ((double)current / Target.Value));
            done = Math.Clamp(done, 0, Width);
            bar.Append(Bold(count)).Append(' ');
            if (done > 0) bar.Append(Colour(new string('━', done), 32));
            bar.Append(Colour(new string('━', Width - done), 37));
            plain.Append(count).Append(' ').Append('━', Width);
        }
        else
        {
            string count = current.ToString(CultureInfo.InvariantCulture).PadLeft(7) + "/Unknown";
            bar.Append(count);
            plain.Append(count);
        }

        string time;
        if (Target is > 0 && !last)
        {
            double eta = timePerUnit * (Target.Value - current);
            time = eta > 3600 ? string.Create(CultureInfo.InvariantCulture, $"{(long)(eta / 3600)}:{(long)(eta % 3600 / 60):00}:{(long)(eta % 60):00}")
                 : eta > 60 ? string.Create(CultureInfo.InvariantCulture, $"{(long)(eta / 60)}:{(long)(eta % 60):00}")
                 : string.Create(CultureInfo.InvariantCulture, $"{(long)eta}s");
        }
        else time = PythonFormat.Fixed(now - start, 0) + "s";

        var info = new StringBuilder(" ").Append(Bold(time)).Append(FormatTime(timePerUnit, UnitName));
        var plainInfo = new StringBuilder(" ").Append(time).Append(FormatTime(timePerUnit, UnitName));
        foreach (var (key, value) in values)
        {
            string item = $" - {key}: {PythonFormat.Metric(value)}";
            info.Append(item);
            plainInfo.Append(item);
        }
        visibleWidth = plain.Length + plainInfo.Length;
        return bar.Append(info).ToString();
    }

    private static string Count(int current, int target)
    {
        int digits = (int)Math.Floor(Math.Log10(target)) + 1;
        return current.ToString(CultureInfo.InvariantCulture).PadLeft(digits) + "/" + target.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>" 2s/step", " 12ms/step" or " 850us/step".</summary>
    internal static string FormatTime(double timePerUnit, string unitName)
    {
        if (timePerUnit >= 1 || timePerUnit == 0) return $" {PythonFormat.Fixed(timePerUnit, 0)}s/{unitName}";
        if (timePerUnit >= 1e-3) return $" {PythonFormat.Fixed(timePerUnit * 1000.0, 0)}ms/{unitName}";
        return $" {PythonFormat.Fixed(timePerUnit * 1000000.0, 0)}us/{unitName}";
    }

    /// <summary>Seconds per step, leaving out the first step (warm-up) once there are two.</summary>
    private double EstimateStepDuration(int current, double now)
    {
        if (current == 0) return 0;
        double timePerUnit = timeAfterFirstStep is not null && current > 1
            ? (now - timeAfterFirstStep.Value) / (current - 1)
            : (now - start) / current;
        if (current == 1) timeAfterFirstStep = now;
        return timePerUnit;
    }
}
