using System.Text.RegularExpressions;
using Learn.Dnn.Charts;
using Learn.Dnn.Devices;
using Learn.Dnn.Layers;
using Learn.Dnn.Losses;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;

namespace Learn.Dnn.Tests;

/// <summary>
/// README.md's "Using the engine" runs here: each of its C# blocks is, line for line, one
/// <c>#region readme-…</c> of this file (the test Readme_code_is_this_file_s_code fails when they
/// drift), and the tests below run that code.
/// </summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void The_Keras_way_learns_xor_and_draws_the_learning_curve()
    {
        #region readme-keras
        var x = Tensor.FromArray(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
        var y = Tensor.FromArray([0f, 1f, 1f, 0f], 4);   // shape [4]; a one-unit output takes it as [4, 1], as in Keras 3

        var model = new Sequential([
            new Input(2),
            new Dense(8, activation: "tanh"),
            new Dense(1, activation: "sigmoid"),
        ]);
        model.Compile(new Adam(learningRate: 0.05), "binary_crossentropy", ["accuracy"]);
        model.Summary();                                              // Keras' table of layers, shapes and parameters
        var history = model.Fit(x, y, epochs: 300, batchSize: 4, verbose: 0);
        var scores = model.Evaluate(x, y, verbose: 0);                // scores["loss"], scores["accuracy"]
        var probabilities = model.Predict(x, verbose: 0);            // [4, 1], each in (0, 1)
        #endregion

        #region readme-chart
        var plot = Chart.Create("XOR", "epoch", "loss");
        plot.LearningCurve(history.Logs["loss"], "training loss");
        File.WriteAllText("loss.svg", plot.ToSvg());
        #endregion

        Assert.Equal(1.0, scores["accuracy"]);
        var p = probabilities.ToArray();
        Assert.True(p[0] < 0.5f && p[1] > 0.5f && p[2] > 0.5f && p[3] < 0.5f, $"XOR outputs: {string.Join(", ", p)}");
        Assert.StartsWith("<svg", File.ReadAllText("loss.svg").TrimStart());
    }

    [Fact]
    public void The_loop_by_hand_learns_xor()
    {
        var x = Tensor.FromArray(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
        var y = Tensor.FromArray(new float[,] { { 0 }, { 1 }, { 1 }, { 0 } });
        #region readme-loop
        var hidden = new Dense(8, activation: "tanh", seed: 1);
        var output = new Dense(1, activation: "sigmoid", seed: 2);
        var loss = new BinaryCrossentropy();
        for (int step = 0; step < 2000; step++)
        {
            using var scope = StorageScope.Begin();   // the step's intermediates go back to the pool when it ends
            var value = loss.Call(y, output.Call(hidden.Call(x)));
            value.Backward();
            foreach (var w in hidden.TrainableWeights.Concat(output.TrainableWeights))
            {
                w.GradientDescentStep(0.5f);
                w.ZeroGrad();
            }
        }
        #endregion
        var p = output.Call(hidden.Call(x)).ToArray();
        Assert.True(p[0] < 0.5f && p[1] > 0.5f && p[2] > 0.5f && p[3] < 0.5f, $"XOR outputs: {string.Join(", ", p)}");
    }

    [Fact]
    public void Readme_code_is_this_file_s_code()
    {
        string root = Repository.Root;
        string readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        string source = File.ReadAllText(Path.Combine(root, "tests", "Learn.Dnn.Tests", "ReadmeExampleTests.cs")).ReplaceLineEndings("\n");
        int start = readme.IndexOf("## Using the engine", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no section \"## Using the engine\".");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string section = end < 0 ? readme[start..] : readme[start..end];

        var blocks = Regex.Matches(section, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        var regions = Regex.Matches(source, @"#region readme-\S+\n(.*?)\n\s*#endregion", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(regions.Count, blocks.Count);
        var directives = UsingDirectives(source);
        for (int i = 0; i < blocks.Count; i++)
        {
            Assert.Equal(Dedent(regions[i]), Dedent(string.Join("\n", Lines(blocks[i]).Where(l => !IsUsingDirective(l)))));
            foreach (string directive in Lines(blocks[i]).Where(IsUsingDirective))
                Assert.Contains(directive, directives);
        }

        // the project recipe points at real projects
        foreach (Match reference in Regex.Matches(section, @"dotnet add reference \S*?/(src/\S+\.csproj)"))
            Assert.True(File.Exists(Path.Combine(root, reference.Groups[1].Value)), $"README: {reference.Groups[1].Value} does not exist.");
    }

    private static bool IsUsingDirective(string line) => Regex.IsMatch(line, @"^using [A-Za-z0-9_.]+;$");

    private static IEnumerable<string> Lines(string text) => text.Split('\n');

    /// <summary>The file's using directives, and "using Learn.Dnn;", which its namespace Learn.Dnn.Tests implies.</summary>
    private static HashSet<string> UsingDirectives(string source) => [.. Lines(source).Where(IsUsingDirective), "using Learn.Dnn;"];

    /// <summary>The lines without their common indentation, leading and trailing blank lines dropped.</summary>
    private static string Dedent(string text)
    {
        var lines = Lines(text).Select(l => l.TrimEnd()).SkipWhile(l => l.Length == 0).Reverse().SkipWhile(l => l.Length == 0).Reverse().ToList();
        int indent = lines.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", lines.Select(l => l.Length == 0 ? l : l[indent..]));
    }

}
