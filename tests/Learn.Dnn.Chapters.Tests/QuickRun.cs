using System.Xml.Linq;
using Learn.Dnn.Harness;

namespace Learn.Dnn.Chapters.Tests;

/// <summary>
/// A chapter program run once in its quick mode, in-process: figures go to a fresh temporary
/// directory, the printed text to a string. A test class takes one as a fixture, so its tests share one run.
/// </summary>
public abstract class QuickRun : IDisposable
{
    protected QuickRun(int chapter, Action<ChapterRun> program)
    {
        Directory = Path.Combine(Path.GetTempPath(), $"learn-dnn-ch{chapter:00}-{Guid.NewGuid():N}");
        var output = new StringWriter();
        Run = new ChapterRun(chapter, quick: true, outputDirectory: Directory, output: output);
        program(Run);
        Output = output.ToString();
    }

    public ChapterRun Run { get; }

    /// <summary>Everything the program printed.</summary>
    public string Output { get; }

    public string Directory { get; }

    /// <summary>A reported result; a missing one fails with the names that were reported.</summary>
    public double Result(string name) =>
        Run.Results.TryGetValue(name, out double value)
            ? value
            : throw new Xunit.Sdk.XunitException(
                $"Chapter {Run.Chapter} did not report \"{name}\". It reported: {string.Join(", ", Run.Results.Keys.Select(k => $"\"{k}\""))}.\nOutput:\n{Output}");

    /// <summary>Asserts that every named figure was written and that every figure written is well-formed XML (SVG).</summary>
    public void AssertFigures(params string[] names)
    {
        foreach (string name in names)
            Assert.True(Run.Figures.Any(f => Path.GetFileNameWithoutExtension(f) == name),
                $"Chapter {Run.Chapter} should write the figure {name}.svg; it wrote: {string.Join(", ", Run.Figures.Select(Path.GetFileName))}.");
        foreach (string path in Run.Figures)
        {
            Assert.True(File.Exists(path), $"Chapter {Run.Chapter} reported the figure {path}, but the file does not exist.");
            var root = XDocument.Load(path).Root;   // throws with the line and position if the XML is malformed
            Assert.True(root?.Name.LocalName == "svg", $"{path}: the root element should be <svg>, got <{root?.Name.LocalName}>.");
        }
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
