using System.Reflection;
using System.Text.Json.Nodes;

namespace Learn.Dnn.Serialization;

/// <summary>
/// Every Keras name of the engine, in one table built from the <see cref="KerasNameAttribute"/>
/// declarations on the classes themselves: <c>Compile("adam", "mse")</c>, <c>activation: "relu"</c>,
/// <c>kernelInitializer: "he_normal"</c> and <c>kernelRegularizer: "l2"</c> all resolve here. A new
/// class with a <c>[KerasName]</c> is found without being listed anywhere else.
/// </summary>
[Chapter(5)]
public static class KerasRegistry
{
    /// <summary>One declared name: the type of what it makes, and how to make it from the name as written.</summary>
    private sealed record Declaration(string Name, Type Declarer, Type Result, Func<string, object?> Create);

    private static readonly Lazy<IReadOnlyList<Declaration>> declarations = new(Collect);

    #region get
    /// <summary>
    /// A new <typeparamref name="T"/> that Keras calls <paramref name="name"/> (case and surrounding
    /// spaces ignored): the class declared with that name, with its default arguments, or the object
    /// a static member declares.
    /// </summary>
    public static T Get<T>(string name) where T : class
    {
        ArgumentNullException.ThrowIfNull(name);
        return GetOrNone<T>(name) ?? throw Unknown<T>(name);
    }

    /// <summary>As <see cref="Get{T}"/>, but the family's name for nothing (activations: "linear", or an empty name) gives null.</summary>
    public static T? GetOrNone<T>(string? name) where T : class
    {
        string? noneName = typeof(T).GetCustomAttribute<KerasModuleAttribute>()?.NoneName;
        string trimmed = name?.Trim() ?? "";
        if (noneName is not null && (trimmed.Length == 0 || trimmed.Equals(noneName, StringComparison.OrdinalIgnoreCase)))
            return null;
        ArgumentNullException.ThrowIfNull(name);
        var declaration = Of<T>().FirstOrDefault(d => d.Name.Equals(trimmed, StringComparison.OrdinalIgnoreCase))
            ?? throw Unknown<T>(name);
        return (T)declaration.Create(trimmed)!;
    }

    private static ArgumentException Unknown<T>(string name) where T : class =>
        new($"{typeof(T).Name}: unknown name \"{name}\"; expected one of {string.Join(", ", Names<T>())}.", nameof(name));
    #endregion

    /// <summary>Every name (and alias) that <see cref="Get{T}"/> resolves for <typeparamref name="T"/>, sorted, with the name for nothing if the family has one.</summary>
    public static IReadOnlyList<string> Names<T>() where T : class
    {
        string? noneName = typeof(T).GetCustomAttribute<KerasModuleAttribute>()?.NoneName;
        var names = Of<T>().Select(d => d.Name);
        if (noneName is not null) names = names.Append(noneName);
        return names.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The Keras name of a type: the first name declared on the class, else the first declared by
    /// one of its static members (LeakyRelu: "leaky_relu"), else the class name in snake case.
    /// </summary>
    public static string NameOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.GetCustomAttribute<KerasNameAttribute>() is { } declared) return declared.Name;
        return declarations.Value.FirstOrDefault(d => d.Declarer == type)?.Name ?? KerasConfig.SnakeCase(type.Name);
    }

    /// <summary>
    /// The declared name that stands for an object equal to <paramref name="value"/> (same class, same
    /// config), or null: <c>new Relu()</c> is "relu", <c>new LeakyRelu(0.2f)</c> is "leaky_relu".
    /// </summary>
    public static string? NameFor(IConfigurable value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string config = value.GetConfig().ToJsonString();
        foreach (var declaration in declarations.Value.Where(d => d.Result.IsAssignableFrom(value.GetType())))
            if (declaration.Create(declaration.Name) is IConfigurable named && named.GetType() == value.GetType()
                && named.GetConfig().ToJsonString() == config)
                return declaration.Name;
        return null;
    }

    /// <summary>Every declaration: its name, the class that declares it, and the type of what it makes.</summary>
    internal static IEnumerable<(string Name, Type Declarer, Type Result)> All =>
        declarations.Value.Select(d => (d.Name, d.Declarer, d.Result));

    /// <summary>The declarations whose objects are <typeparamref name="T"/>s.</summary>
    private static IEnumerable<Declaration> Of<T>() => declarations.Value.Where(d => typeof(T).IsAssignableFrom(d.Result));

    /// <summary>Reads every [KerasName] on a class or on a static member, in the engine's assembly.</summary>
    private static IReadOnlyList<Declaration> Collect()
    {
        var found = new List<Declaration>();
        foreach (var type in typeof(KerasRegistry).Assembly.GetTypes())
        {
            if (type.GetCustomAttribute<KerasNameAttribute>() is { } onClass && !type.IsAbstract)
                foreach (string name in onClass.Aliases.Prepend(onClass.Name))
                    found.Add(new(name, type, type, _ => KerasConfig.FromConfig(type, new JsonObject())));
            const BindingFlags statics = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var property in type.GetProperties(statics))
                if (property.GetCustomAttribute<KerasNameAttribute>() is { } onProperty)
                    foreach (string name in onProperty.Aliases.Prepend(onProperty.Name))
                        found.Add(new(name, type, property.PropertyType, _ => property.GetValue(null)));
            foreach (var method in type.GetMethods(statics))
                if (method.GetCustomAttribute<KerasNameAttribute>() is { } onMethod)
                    foreach (string name in onMethod.Aliases.Prepend(onMethod.Name))
                        found.Add(new(name, type, method.ReturnType,
                            written => method.Invoke(null, method.GetParameters().Length == 1 ? [written] : [])));
        }
        return found;
    }
}
