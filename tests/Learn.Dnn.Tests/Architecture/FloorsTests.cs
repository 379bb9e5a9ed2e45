using System.Text.RegularExpressions;

namespace Learn.Dnn.Tests.Architecture;

/// <summary>
/// The engine is built in floors, and no folder imports from a folder above it: Devices at the
/// bottom (they know nothing of tensors or activations), then Tensors and Autograd, then the
/// concepts built on tensors, then the optimizers, then models and their callbacks. Folder =
/// namespace, except Tensors/, whose types live in the root namespace Learn.Dnn so that
/// <c>using Learn.Dnn;</c> gives a user <see cref="Tensor"/>.
/// </summary>
public class FloorsTests
{
    private static readonly Dictionary<string, int> Floor = new()
    {
        ["Devices"] = 0,
        ["Tensors"] = 1, ["Autograd"] = 1, ["Serialization"] = 1,
        ["Activations"] = 2, ["Data"] = 2, ["Regularization"] = 2, ["Convolution"] = 2,
        ["Layers"] = 3, ["Losses"] = 3, ["Metrics"] = 3, ["Recurrent"] = 3,
        ["Optimizers"] = 4,
        ["Models"] = 5, ["Callbacks"] = 5,
        ["Running"] = 6,
    };

    private static string EngineFolder([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "Learn.Dnn"));

    private static IEnumerable<(string Folder, string File, string[] Lines)> SourceFiles() =>
        from folder in Directory.GetDirectories(EngineFolder())
        let name = Path.GetFileName(folder)
        where name is not ("bin" or "obj")
        from file in Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
        select (name, Path.GetRelativePath(EngineFolder(), file), File.ReadAllLines(file));

    [Fact]
    public void Every_engine_folder_has_a_floor()
    {
        var missing = SourceFiles().Select(f => f.Folder).Distinct().Where(f => !Floor.ContainsKey(f)).ToList();
        Assert.True(missing.Count == 0, $"Give these engine folders a floor in FloorsTests: {string.Join(", ", missing)}");
    }

    [Fact]
    public void No_folder_imports_from_a_folder_above_it()
    {
        var reference = new Regex(@"\bLearn\.Dnn\.(\w+)");
        var violations =
            from file in SourceFiles()
            from line in file.Lines.Select((text, index) => (text, index))
            where !line.text.TrimStart().StartsWith("//")
            from Match m in reference.Matches(line.text)
            let target = m.Groups[1].Value
            where Floor.TryGetValue(target, out int floor) && floor > Floor[file.Folder]
            select $"{file.File}:{line.index + 1} ({file.Folder}, floor {Floor[file.Folder]}) uses Learn.Dnn.{target} (floor {Floor[target]})";
        var list = violations.ToList();
        Assert.True(list.Count == 0, "A folder imports from a folder above it:\n" + string.Join("\n", list));
    }

    [Fact]
    public void Devices_know_nothing_of_tensors_or_activations()
    {
        var forbidden = new Regex(@"\b(Tensor|Activation|Sigmoid|Tanh|Relu|Gelu|Softplus|Elu|LeakyRelu)\b");
        var violations =
            from file in SourceFiles()
            where file.Folder == "Devices"
            from line in file.Lines.Select((text, index) => (text, index))
            where !line.text.TrimStart().StartsWith("//")
            where forbidden.IsMatch(line.text)
            select $"{file.File}:{line.index + 1}: {line.text.Trim()}";
        var list = violations.ToList();
        Assert.True(list.Count == 0, "Devices/ must not know tensors or activations:\n" + string.Join("\n", list));
    }

    [Fact]
    public void The_floor_check_catches_an_upward_import()
    {
        var reference = new Regex(@"\bLearn\.Dnn\.(\w+)");
        var m = reference.Match("using Learn.Dnn.Activations;");
        Assert.True(Floor[m.Groups[1].Value] > Floor["Devices"]);
    }
}
