using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Learn.Dnn.Tests.Architecture;

/// <summary>
/// Finds every place where code in one engine folder uses a type or member declared in another folder.
/// The engine's sources are compiled with Roslyn; each name, operator, indexer and <c>new(...)</c> is
/// resolved to the symbol it means, and the symbol to the file that declares it. A member counts where
/// it is declared, so a member that a higher folder adds to a partial class (Tensor's softmax in
/// Activations/) counts there. A partial type itself counts on the lowest floor among its files. Names in
/// <c>using</c> directives and doc comments are not uses: only code that binds to a symbol is.
/// </summary>
public static class FloorCheck
{
    /// <summary>A use of <see cref="Used"/> (declared in <see cref="UsedFile"/>) on line <see cref="Line"/> of <see cref="File"/>, inside <see cref="User"/>.</summary>
    public sealed record Use(string File, int Line, string User, string Used, string UsedFile)
    {
        public string FromFolder => FolderOf(File);
        public string ToFolder => FolderOf(UsedFile);
    }

    /// <summary>The implicit usings of an SDK project (ImplicitUsings = enable), as the build generates them.</summary>
    private const string ImplicitUsings =
        "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
        "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    /// <summary>The engine's top folder of a path relative to the engine ("Devices/Cpu/CpuDevice.cs" → "Devices"); "" for a file at the top.</summary>
    public static string FolderOf(string relativePath)
    {
        int slash = relativePath.IndexOf('/');
        return slash < 0 ? "" : relativePath[..slash];
    }

    /// <summary>
    /// Compiles <paramref name="sources"/> (path relative to the engine, text) as the engine project does:
    /// C# latest, nullable, unsafe, the implicit usings, against the framework and the packages this
    /// test runs with. The engine's own assembly is left out, so its types come from the sources.
    /// </summary>
    public static CSharpCompilation Compile(IEnumerable<(string Path, string Text)> sources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, s.Path))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, parse, path: ""));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => !Path.GetFileName(path).StartsWith("Learn.Dnn", StringComparison.Ordinal)
                           && !Path.GetFileName(path).StartsWith("Chapter", StringComparison.Ordinal))
            .Select(path => MetadataReference.CreateFromFile(path));
        return CSharpCompilation.Create("Learn.Dnn", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true,
                                         nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>
    /// Every use, in any source file, of a type or member declared in a different top folder, and the
    /// compiler's errors ("file:line: message"), so that a check never trusts code the compiler misread.
    /// </summary>
    public static (IReadOnlyList<string> Errors, IReadOnlyList<Use> Uses) CrossFolderUses(CSharpCompilation compilation, Func<string, int?> floor)
    {
        var errors = new List<string>();
        var uses = new List<Use>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            errors.AddRange(model.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => $"{d.Location.GetLineSpan().Path}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.GetMessage()}"));
            if (tree.FilePath == "") continue;
            var seen = new HashSet<(int, string)>();
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (!IsUse(node)) continue;
                var info = model.GetSymbolInfo(node);
                if ((info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) is not { } symbol) continue;
                if (Declaration(symbol, floor) is not var (used, usedFile)) continue;
                if (FolderOf(usedFile) == FolderOf(tree.FilePath)) continue;
                int line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                string name = used.ToDisplayString();
                if (seen.Add((line, name)))
                    uses.Add(new Use(tree.FilePath, line, User(model, node, tree.FilePath), name, usedFile));
            }
        }
        return (errors, uses);
    }

    /// <summary>The nodes that bind to a symbol: names (but not <c>var</c>), operators, indexers and target-typed <c>new</c>.</summary>
    private static bool IsUse(SyntaxNode node) => node switch
    {
        IdentifierNameSyntax { IsVar: true } => false,
        SimpleNameSyntax => true,
        BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax or AssignmentExpressionSyntax => true,
        ElementAccessExpressionSyntax or ImplicitObjectCreationExpressionSyntax => true,
        _ => false,
    };

    /// <summary>
    /// The source symbol a use means and the file that declares it, or null for locals, parameters,
    /// namespaces and anything from a referenced assembly. Constructed generics count as their
    /// definition, extension methods as their static form, arrays and pointers as their element type.
    /// </summary>
    private static (ISymbol Symbol, string File)? Declaration(ISymbol symbol, Func<string, int?> floor)
    {
        while (true)
        {
            switch (symbol)
            {
                case IAliasSymbol alias: symbol = alias.Target; continue;
                case IMethodSymbol { ReducedFrom: { } staticForm }: symbol = staticForm; continue;
                case IArrayTypeSymbol array: symbol = array.ElementType; continue;
                case IPointerTypeSymbol pointer: symbol = pointer.PointedAtType; continue;
            }
            break;
        }
        symbol = symbol.OriginalDefinition;
        if (symbol is INamespaceSymbol or ILocalSymbol or IParameterSymbol or ITypeParameterSymbol
            or IRangeVariableSymbol or ILabelSymbol or IDiscardSymbol)
            return null;
        if (symbol is not INamedTypeSymbol && (symbol.IsImplicitlyDeclared || symbol.DeclaringSyntaxReferences.IsEmpty))
            return symbol.ContainingType is { } type ? Declaration(type, floor) : null;
        var files = symbol.DeclaringSyntaxReferences.Select(r => r.SyntaxTree.FilePath).Where(f => f != "").Distinct().ToList();
        if (files.Count == 0) return null;
        // a partial type lives on the lowest floor among its files (Tensor: Tensors/Tensor.cs, not Convolution/)
        string file = files.OrderBy(f => floor(FolderOf(f)) ?? int.MaxValue)
            .ThenBy(f => Path.GetFileNameWithoutExtension(f) == symbol.Name ? 0 : 1)   // Model.cs before Model.Fit.cs
            .ThenBy(f => f, StringComparer.Ordinal).First();
        return (symbol, file);
    }

    /// <summary>The type (or file, for code outside any type) whose code contains <paramref name="node"/>.</summary>
    private static string User(SemanticModel model, SyntaxNode node, string file) =>
        node.AncestorsAndSelf().FirstOrDefault(a => a is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax) is { } declaration
        && model.GetDeclaredSymbol(declaration) is { } type
            ? type.ToDisplayString()
            : file;
}
