using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Learn.Dnn.Tests.Architecture;

/// <summary>
/// The engine is built in floors, and no folder uses a type or member declared in a folder above it.
/// From the bottom: Core/ (Shape, CounterRandom, the Chapter attribute: what every floor needs), then
/// Devices/ (they know nothing of tensors or activations), then Tensors/ and Autograd/ (Rng is here,
/// not in Core/: it draws tensors) with Serialization/ (the Keras names and configs, below every class
/// that declares them), then the concepts built on tensors, then the layers and what is
/// built from layers, then the optimizers, then the callbacks (they see a model through an interface
/// of their own floor), then the models that run them. Folder = namespace, except Core/ and Tensors/,
/// whose types live in the root namespace Learn.Dnn so that <c>using Learn.Dnn;</c> gives a user
/// <see cref="Tensor"/> and <see cref="Shape"/>. The check reads types, not <c>using</c> lines: see
/// <see cref="FloorCheck"/>.
/// </summary>
public class FloorsTests
{
    public static readonly IReadOnlyDictionary<string, int> Floor = new Dictionary<string, int>
    {
        ["Core"] = 0,
        ["Devices"] = 1,
        ["Tensors"] = 2, ["Autograd"] = 2, ["Serialization"] = 2,
        ["Activations"] = 3, ["Data"] = 3, ["Regularization"] = 3, ["Perceptrons"] = 3,
        ["Layers"] = 4, ["Merging"] = 4, ["Losses"] = 4, ["Metrics"] = 4, ["Convolution"] = 4, ["Recurrent"] = 4,
        ["Optimizers"] = 5,
        ["Callbacks"] = 6,
        ["Models"] = 7,
    };

    private static int? FloorOf(string folder) => Floor.TryGetValue(folder, out int floor) ? floor : null;

    private static string EngineFolder([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "Learn.Dnn"));

    /// <summary>The engine's sources, each with its path relative to src/Learn.Dnn ("Devices/Storage.cs").</summary>
    private static IReadOnlyList<(string Path, string Text)> EngineSources() =>
        Directory.GetFiles(EngineFolder(), "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(EngineFolder(), file).Replace('\\', '/'))
            .Where(path => FloorCheck.FolderOf(path) is not ("bin" or "obj"))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllText(Path.Combine(EngineFolder(), path))))
            .ToList();

    private static readonly Lazy<IReadOnlyList<FloorCheck.Use>> EngineUses = new(() =>
    {
        var (errors, uses) = FloorCheck.CrossFolderUses(FloorCheck.Compile(EngineSources()), FloorOf);
        Assert.True(errors.Count == 0, "The floor check could not compile the engine's sources:\n" + string.Join("\n", errors.Take(10)));
        return uses;
    });

    /// <summary>The uses that go up a floor, one line each: file:line, the user and its floor, the used symbol, its file and floor.</summary>
    private static List<string> Upward(IEnumerable<FloorCheck.Use> uses) =>
        (from use in uses
         where FloorOf(use.FromFolder) is { } userFloor && FloorOf(use.ToFolder) is { } usedFloor && usedFloor > userFloor
         select $"{use.File}:{use.Line}: {use.User} ({use.FromFolder}, floor {Floor[use.FromFolder]}) uses " +
                $"{use.Used} ({use.UsedFile}, floor {Floor[use.ToFolder]})").ToList();

    [Fact]
    public void Every_engine_folder_has_a_floor()
    {
        var missing = EngineSources().Select(s => FloorCheck.FolderOf(s.Path)).Distinct()
            .Where(folder => !Floor.ContainsKey(folder)).Select(folder => folder == "" ? "(the engine's top folder)" : folder).ToList();
        Assert.True(missing.Count == 0, $"Give these engine folders a floor in FloorsTests (or move their files into a folder that has one): {string.Join(", ", missing)}");
    }

    [Fact]
    public void No_folder_uses_a_type_from_a_folder_above_it()
    {
        var upward = Upward(EngineUses.Value);
        Assert.True(upward.Count == 0, $"{upward.Count} uses go up a floor:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void Devices_know_nothing_of_tensors_or_activations()
    {
        var violations = EngineUses.Value
            .Where(use => use.FromFolder == "Devices" && use.ToFolder is "Tensors" or "Autograd" or "Activations")
            .Select(use => $"{use.File}:{use.Line}: {use.User} uses {use.Used} ({use.UsedFile})").ToList();
        Assert.True(violations.Count == 0, "Devices/ must not know tensors or activations:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Every_part_of_Tensor_says_what_it_adds_to_Tensor()
    {
        var partial = new Regex(@"^public sealed partial class Tensor\b", RegexOptions.Multiline);
        var summary = new Regex(@"/// <summary>\s*(///\s*)?Adds [^<]*? to Tensor\b[^<]*", RegexOptions.Singleline);
        var parts = EngineSources().Where(s => partial.IsMatch(s.Text)).ToList();
        var wrong =
            from part in parts
            where !part.Path.EndsWith("/Tensor.cs")
            let header = part.Text[..partial.Match(part.Text).Index]
            let name = Path.GetFileName(part.Path)
            where !name.StartsWith("Tensor.") || !summary.IsMatch(header)
            select $"{part.Path}: a part of Tensor is named Tensor.Concept.cs and its summary begins \"Adds … to Tensor\" (see Tensor.cs)";
        Assert.True(parts.Count > 1, "Tensor's parts were not found.");
        Assert.True(!wrong.Any(), string.Join("\n", wrong));
    }

    [Fact]
    public void Every_engine_file_declares_one_type()
    {
        // Nested types are the outer type's business; partial declarations of one type count once.
        var crowded =
            from source in EngineSources()
            let types = CSharpSyntaxTree.ParseText(source.Text).GetRoot().DescendantNodes()
                .OfType<MemberDeclarationSyntax>()
                .Where(d => d is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax && d.Parent is BaseNamespaceDeclarationSyntax or CompilationUnitSyntax)
                .Select(d => d is BaseTypeDeclarationSyntax t ? t.Identifier.Text : ((DelegateDeclarationSyntax)d).Identifier.Text)
                .Distinct().ToList()
            where types.Count > 1
            select $"{source.Path}: {string.Join(", ", types)}";
        var list = crowded.ToList();
        Assert.True(list.Count == 0, "One type per file; these files declare several:\n" + string.Join("\n", list));
    }

    [Fact]
    public void The_floor_check_catches_an_upward_reference()
    {
        var compilation = FloorCheck.Compile(
        [
            ("Models/Model.cs", "namespace Learn.Dnn.Models;\npublic class Model { }\n"),
            ("Devices/Storage.cs", "namespace Learn.Dnn.Devices;\n\npublic class Storage\n{\n    public object Owner() => new Learn.Dnn.Models.Model();\n}\n"),
            ("Tensors/Tensor.cs", "namespace Learn.Dnn;\npublic partial class Tensor\n{\n    public Tensor Twice() => Fancy().Fancy();\n}\n"),
            ("Activations/Tensor.Fancy.cs", "namespace Learn.Dnn;\npublic partial class Tensor\n{\n    public Tensor Fancy() => this;\n}\n"),
            ("Callbacks/Callback.cs", "namespace Learn.Dnn.Callbacks;\npublic class Callback\n{\n    public Learn.Dnn.Models.Model? Model;\n    public Learn.Dnn.Tensor? Loss;\n}\n"),
        ]);
        var (errors, uses) = FloorCheck.CrossFolderUses(compilation, FloorOf);
        Assert.Empty(errors);
        var upward = Upward(uses);
        Assert.Equal(
        [
            "Callbacks/Callback.cs:4: Learn.Dnn.Callbacks.Callback (Callbacks, floor 6) uses Learn.Dnn.Models.Model (Models/Model.cs, floor 7)",
            "Devices/Storage.cs:5: Learn.Dnn.Devices.Storage (Devices, floor 1) uses Learn.Dnn.Models.Model (Models/Model.cs, floor 7)",
            "Tensors/Tensor.cs:4: Learn.Dnn.Tensor (Tensors, floor 2) uses Learn.Dnn.Tensor.Fancy() (Activations/Tensor.Fancy.cs, floor 3)",
        ], upward.Order(StringComparer.Ordinal));
    }
}
