using System.Reflection;
using System.Text.RegularExpressions;

namespace Learn.Dnn.Tests.Keras;

/// <summary>
/// Appendix B, the Keras ↔ Learn.Dnn glossary, against the engine: nothing that exists is "to come",
/// every <c>new X(...)</c> it shows is an engine type, the Keras names a user types first have rows,
/// and the Keras 2 → Keras 3 differences are collected where its introduction links.
/// </summary>
public sealed class GlossaryTests
{
    private static readonly string Glossary = File.ReadAllText(Path.Combine(Repository.Root, "book", "b-keras-glossary.md")).ReplaceLineEndings("\n");

    private static readonly Type[] EngineTypes = typeof(Tensor).Assembly.GetExportedTypes();

    private static readonly HashSet<string> EngineNames =
    [
        .. EngineTypes.Select(t => t.Name.Split('`')[0]),
        .. EngineTypes.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)).Select(m => m.Name),
    ];

    /// <summary>The cells of every table row, the header's excepted.</summary>
    private static IEnumerable<string[]> Rows() =>
        Glossary.Split('\n').Where(l => l.StartsWith("| ") && !l.StartsWith("| Keras ")).Select(l => l.Split(" | ")).Where(c => c.Length >= 3);

    /// <summary>The Learn.Dnn cell (the second) of every table row.</summary>
    private static IEnumerable<string> LearnDnnCells() => Rows().Select(c => c[1]);

    [Fact]
    public void Nothing_that_exists_is_marked_to_come()
    {
        var stale = new List<string>();
        foreach (Match m in Regex.Matches(Glossary, @"`([^`]+)`[^`|;()]*\(chapter \d+, to come\)"))
            foreach (Match name in Regex.Matches(m.Groups[1].Value, @"\b[A-Z][A-Za-z0-9]*\b"))
                if (EngineNames.Contains(name.Value)) stale.Add($"{name.Value} in \"{m.Value}\"");
        Assert.True(stale.Count == 0, "The glossary says \"to come\" for what the engine has: " + string.Join("; ", stale));
    }

    [Fact]
    public void Every_type_the_glossary_constructs_is_an_engine_type()
    {
        var names = LearnDnnCells().SelectMany(cell => Regex.Matches(cell, @"new ([A-Z][A-Za-z0-9]*)\(").Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.True(EngineTypes.Any(t => t.Name == name), $"The glossary shows new {name}(...), which the engine does not have."));
    }

    [Theory]
    [InlineData("Sequential")] [InlineData("Compile")] [InlineData("Fit")] [InlineData("Evaluate")] [InlineData("Predict")]
    [InlineData("Summary")] [InlineData("History")] [InlineData("SaveWeights")] [InlineData("Conv2D")] [InlineData("MaxPooling2D")]
    [InlineData("Flatten")] [InlineData("Dropout")] [InlineData("EarlyStopping")] [InlineData("ModelCheckpoint")]
    [InlineData("SimpleRNN")] [InlineData("LSTM")] [InlineData("GRU")] [InlineData("ToTensors")] [InlineData("Adagrad")]
    public void The_glossary_has_a_row_for(string name)
    {
        Assert.True(EngineNames.Contains(name), $"{name} is not in the engine any more: update this test and the glossary.");
        Assert.Contains(Rows(), cells => Regex.IsMatch(string.Join(" | ", cells[1..]), $@"\b{name}\b"));
    }

    [Fact]
    public void The_Keras_2_differences_are_collected_and_linked()
    {
        Assert.Contains("](#keras-2-and-keras-3)", Glossary);
        int section = Glossary.IndexOf("\n## Keras 2 and Keras 3\n", StringComparison.Ordinal);
        Assert.True(section >= 0, "The glossary has no section \"## Keras 2 and Keras 3\".");
        string text = Glossary[section..Glossary.IndexOf("\n## ", section + 1, StringComparison.Ordinal)];
        foreach (string keras2 in new[] { "Adagrad", "initial_accumulator_value", "lr=", "decay", "input_shape", "predict_classes", "'acc'" })
            Assert.Contains(keras2, text);
    }
}
