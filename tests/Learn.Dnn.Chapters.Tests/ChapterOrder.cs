using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Learn.Dnn.Chapters.Tests;

/// <summary>
/// "Each chapter builds on the last": finds what a compiled chapter program uses from the engine
/// that a later chapter introduces. It reads the program's metadata, not its source: every engine
/// type it names (TypeReferences into the Learn.Dnn assembly) and every engine member it calls or
/// reads (MemberReferences whose parent is an engine type), and looks up the [Chapter(n)] of each.
/// A member without its own attribute belongs to its type's chapter; a member name shared by
/// overloads takes the lowest chapter among them (metadata names the member, and any overload
/// introduced early enough could be the one meant).
/// </summary>
public static class ChapterOrder
{
    /// <summary>One use of a later chapter's engine type or member.</summary>
    public sealed record Violation(string Name, int IntroducedIn)
    {
        public override string ToString() => $"{Name} (chapter {IntroducedIn})";
    }

    /// <summary>Every engine type and member used by the assembly at <paramref name="programPath"/> that a chapter after <paramref name="chapter"/> introduces.</summary>
    public static IReadOnlyList<Violation> Violations(string programPath, int chapter, Assembly engine)
    {
        using var stream = File.OpenRead(programPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        string engineName = engine.GetName().Name!;
        var violations = new SortedDictionary<string, int>(StringComparer.Ordinal);

        // A later chapter's type that appears only as the type of an optional parameter of a member the
        // program calls (Dense's kernelRegularizer, chapter 6, in chapter 3's `new Dense(8, "tanh")`) is in
        // the assembly's metadata because the call's signature mentions it, not because the program names it.
        var optionalParameterTypes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in metadata.MemberReferences)
        {
            var member = metadata.GetMemberReference(handle);
            if (EngineParent(metadata, member.Parent, engineName) is not { } parentName) continue;
            string memberName = metadata.GetString(member.Name);
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
            var type = FindType(engine, parentName);
            IEnumerable<MethodBase> methods = memberName == ".ctor" ? type.GetConstructors(all) : type.GetMethods(all).Where(m => m.Name == memberName);
            foreach (var parameter in methods.SelectMany(m => m.GetParameters()).Where(p => p.IsOptional))
                if ((Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType).FullName is { } full)
                    optionalParameterTypes.Add(full);
        }

        foreach (var handle in metadata.TypeReferences)
        {
            if (EngineTypeName(metadata, handle, engineName) is not { } typeName) continue;
            if (optionalParameterTypes.Contains(typeName)) continue;
            var type = FindType(engine, typeName);
            int introduced = ChapterOf(type);
            if (introduced > chapter) violations[typeName] = introduced;
        }

        foreach (var handle in metadata.MemberReferences)
        {
            var member = metadata.GetMemberReference(handle);
            if (EngineParent(metadata, member.Parent, engineName) is not { } typeName) continue;
            var type = FindType(engine, typeName);
            string name = metadata.GetString(member.Name);
            int introduced = ChapterOfMember(type, name);
            if (introduced > chapter) violations[$"{typeName}.{name}"] = introduced;
        }
        return violations.Select(v => new Violation(v.Key, v.Value)).ToList();
    }

    /// <summary>The [Chapter] of a type; a nested type without one belongs to its declaring type's chapter.</summary>
    public static int ChapterOf(Type type) =>
        type.GetCustomAttribute<ChapterAttribute>()?.Number
        ?? (type.DeclaringType is { } outer ? ChapterOf(outer)
            : throw new InvalidOperationException($"{type.FullName} has no [Chapter] attribute, so the chapter order cannot be checked for it."));

    /// <summary>
    /// The lowest chapter among the members of <paramref name="type"/> (and its base types) named
    /// <paramref name="metadataName"/>: ".ctor" is a constructor, get_X/set_X the property X, op_X an operator.
    /// </summary>
    public static int ChapterOfMember(Type type, string metadataName)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        IEnumerable<MemberInfo> candidates = metadataName is ".ctor" or ".cctor"
            ? type.GetConstructors(all)
            : type.GetMember(metadataName, all | BindingFlags.FlattenHierarchy);
        if (metadataName.StartsWith("get_", StringComparison.Ordinal) || metadataName.StartsWith("set_", StringComparison.Ordinal))
            candidates = candidates.Concat(PropertiesNamed(type, metadataName[4..], all));
        var chapters = candidates.Select(m => m.GetCustomAttribute<ChapterAttribute>()?.Number ?? ChapterOf(m.DeclaringType ?? type)).ToList();
        return chapters.Count > 0 ? chapters.Min() : ChapterOf(type);
    }

    /// <summary>The properties called <paramref name="name"/> of the type and its base types (an indexer's name is its [IndexerName], "Item" by default).</summary>
    private static IEnumerable<PropertyInfo> PropertiesNamed(Type type, string name, BindingFlags flags)
    {
        for (var t = type; t is not null; t = t.BaseType)
            foreach (var property in t.GetProperties(flags | BindingFlags.DeclaredOnly))
                if (property.Name == name) yield return property;
    }

    private static Type FindType(Assembly engine, string fullName) =>
        engine.GetType(fullName, throwOnError: false)
        ?? throw new InvalidOperationException($"The chapter program refers to {fullName}, which the engine assembly {engine.GetName().Name} does not define (a stale build?).");

    /// <summary>"Namespace.Outer+Inner" if the type reference resolves into the engine assembly, else null.</summary>
    private static string? EngineTypeName(MetadataReader metadata, TypeReferenceHandle handle, string engineName)
    {
        var reference = metadata.GetTypeReference(handle);
        string name = metadata.GetString(reference.Name);
        var scope = reference.ResolutionScope;
        if (scope.Kind == HandleKind.TypeReference)   // a nested type: resolve its declaring type first
            return EngineTypeName(metadata, (TypeReferenceHandle)scope, engineName) is { } outer ? outer + "+" + name : null;
        if (scope.Kind != HandleKind.AssemblyReference) return null;
        var assembly = metadata.GetAssemblyReference((AssemblyReferenceHandle)scope);
        if (metadata.GetString(assembly.Name) != engineName) return null;
        string ns = metadata.GetString(reference.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>The engine type a member reference belongs to: a type reference, or a generic instantiation of one.</summary>
    private static string? EngineParent(MetadataReader metadata, EntityHandle parent, string engineName)
    {
        if (parent.Kind == HandleKind.TypeReference)
            return EngineTypeName(metadata, (TypeReferenceHandle)parent, engineName);
        if (parent.Kind != HandleKind.TypeSpecification) return null;
        // A generic instantiation: GENERICINST (0x15), CLASS or VALUETYPE, then the generic type as a TypeDefOrRef coded index.
        var blob = metadata.GetBlobReader(metadata.GetTypeSpecification((TypeSpecificationHandle)parent).Signature);
        if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance) return null;
        blob.ReadSignatureTypeCode();
        var generic = blob.ReadTypeHandle();
        return generic.Kind == HandleKind.TypeReference ? EngineTypeName(metadata, (TypeReferenceHandle)generic, engineName) : null;
    }

    /// <summary>The public types of the engine that carry no [Chapter] attribute of their own.</summary>
    public static IReadOnlyList<string> TypesWithoutChapter(Assembly engine) =>
        engine.GetExportedTypes()
            .Where(t => t.GetCustomAttribute<ChapterAttribute>() is null)
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal)
            .ToList();
}
