using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Learn.Dnn.Serialization;

/// <summary>
/// How an object describes itself, as Keras' <c>get_config</c>/<c>from_config</c> and
/// serialization_lib do, by one rule for every class (Keras' own default <c>get_config</c> records
/// a layer's constructor arguments the same way):
/// <list type="number">
/// <item>The fields are the arguments of the class's full constructor: the one with the most
/// parameters; of two, the one with the richer types (an Activation, not its name; a (height, width)
/// pair, not one int).</item>
/// <item>A field's value is the property of the argument's name (units → Units), or the property
/// that declares the field with <see cref="KerasNameAttribute"/> (learning_rate → the schedule).</item>
/// <item>A field's name is that property's [KerasName], else the argument's name in snake case
/// (useBias → use_bias).</item>
/// <item>A settable property with a [KerasName] is a field too (an optimizer's clipnorm).</item>
/// <item>Numbers, strings, booleans, lists and (height, width) pairs are JSON values; an enum is its
/// snake-case name; a configurable object is <c>{"module", "class_name", "config",
/// "registered_name"}</c>, or its name where its family is written by name (activations).</item>
/// </list>
/// </summary>
[Chapter(9)]
public static class KerasConfig
{
    /// <summary>A config field: its Keras name, the property that holds it, and the constructor argument it fills (none for a settable property).</summary>
    private sealed record Field(string Key, PropertyInfo Property, ParameterInfo? Parameter);

    /// <summary>How to write and rebuild one class: its full constructor and its fields.</summary>
    private sealed record Recipe(ConstructorInfo Constructor, IReadOnlyList<Field> Fields);

    private static readonly ConcurrentDictionary<Type, Recipe> recipes = new();

    /// <summary>The config of <paramref name="obj"/>: every field, in the constructor's order.</summary>
    public static JsonObject Of(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var config = new JsonObject();
        foreach (var field in RecipeOf(obj.GetType()).Fields)
            config[field.Key] = ToJson(field.Property.GetValue(obj), field.Property.PropertyType);
        return config;
    }

    /// <summary>A new <paramref name="type"/> from its config; a missing field takes the constructor's default.</summary>
    public static object FromConfig(Type type, JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(config);
        var recipe = RecipeOf(type);
        foreach (var (key, _) in config)
            if (recipe.Fields.All(f => f.Key != key))
                throw new ArgumentException($"{type.Name}: unknown config field \"{key}\"; expected {string.Join(", ", recipe.Fields.Select(f => f.Key))}.", nameof(config));
        var arguments = recipe.Constructor.GetParameters().Select(parameter =>
        {
            var field = recipe.Fields.First(f => f.Parameter == parameter);
            if (config.TryGetPropertyValue(field.Key, out var node)) return FromJson(node, parameter.ParameterType, $"{type.Name}: {field.Key}");
            if (parameter.HasDefaultValue) return parameter.DefaultValue;
            throw new ArgumentException($"{type.Name}: the config has no \"{field.Key}\", which the constructor needs.", nameof(config));
        }).ToArray();
        object obj = Unwrapped(() => recipe.Constructor.Invoke(arguments))!;
        foreach (var field in recipe.Fields.Where(f => f.Parameter is null))
            if (config.TryGetPropertyValue(field.Key, out var node))
                field.Property.SetValue(obj, FromJson(node, field.Property.PropertyType, $"{type.Name}: {field.Key}"));
        return obj;
    }

    /// <summary>A new <typeparamref name="T"/> from its config.</summary>
    public static T FromConfig<T>(JsonObject config) where T : IConfigurable => (T)FromConfig(typeof(T), config);

    /// <summary>
    /// Keras' <c>serialize_keras_object</c>: <c>{"module": "keras.layers", "class_name": "Dense",
    /// "config": {...}, "registered_name": null}</c>; an activation that a name stands for is just
    /// the name (<c>"relu"</c>).
    /// </summary>
    public static JsonNode? Serialize(IConfigurable? obj)
    {
        if (obj is null) return null;
        var family = obj.GetType().GetCustomAttribute<KerasModuleAttribute>()
            ?? throw new InvalidOperationException($"{obj.GetType().Name}: no [KerasModule] on it or on a base class, so its Keras module is unknown.");
        if (family.WrittenByName && KerasRegistry.NameFor(obj) is string name) return JsonValue.Create(name);
        return new JsonObject
        {
            ["module"] = family.Module,
            ["class_name"] = obj.GetType().Name,
            ["config"] = obj.GetConfig(),
            ["registered_name"] = null,
        };
    }

    /// <summary>
    /// Keras' <c>deserialize_keras_object</c>: a new <typeparamref name="T"/> from
    /// <c>{"class_name", "config"}</c>, from a Keras name (<c>"relu"</c>, <c>"adam"</c>), or from a
    /// number where the type takes one (a learning rate).
    /// </summary>
    public static T? Deserialize<T>(JsonNode? node) where T : class => (T?)FromJson(node, typeof(T), typeof(T).Name);

    /// <summary>Keras' to_snake_case: "useBias" → "use_bias", "MaxPooling2D" → "max_pooling2d".</summary>
    public static string SnakeCase(string name)
    {
        name = Regex.Replace(name, @"\W+", "");
        name = Regex.Replace(name, "(.)([A-Z][a-z]+)", "$1_$2");
        name = Regex.Replace(name, "([a-z])([A-Z])", "$1_$2");
        return name.ToLowerInvariant();
    }

    private static Recipe RecipeOf(Type type) => recipes.GetOrAdd(type, Build);

    /// <summary>The constructor a config fills: the one with the most parameters; of two, the one with fewer strings and ints (the shorthands).</summary>
    internal static ConstructorInfo FullConstructor(Type type) =>
        type.GetConstructors()
            .OrderByDescending(c => c.GetParameters().Length)
            .ThenBy(c => c.GetParameters().Count(p => p.ParameterType == typeof(string) || p.ParameterType == typeof(int)))
            .FirstOrDefault() ?? throw new InvalidOperationException($"{type.Name}: no public constructor to rebuild it from a config.");

    private static Recipe Build(Type type)
    {
        var constructor = FullConstructor(type);
        var properties = PropertiesOf(type).ToList();
        var fields = new List<Field>();
        foreach (var parameter in constructor.GetParameters())
        {
            string name = parameter.Name!, snake = SnakeCase(name);
            var property = properties.FirstOrDefault(p => p.GetCustomAttribute<KerasNameAttribute>()?.Name == snake)
                ?? properties.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException(
                    $"{type.Name}: the constructor's argument '{name}' has no property to read it back from, so it cannot be written in a config; " +
                    $"add a property {char.ToUpperInvariant(name[0])}{name[1..]}, or mark one [KerasName(\"{snake}\")].");
            fields.Add(new(property.GetCustomAttribute<KerasNameAttribute>()?.Name ?? snake, property, parameter));
        }
        foreach (var property in properties)
            if (property.GetCustomAttribute<KerasNameAttribute>() is { } declared && property.CanWrite && fields.All(f => f.Key != declared.Name))
                fields.Add(new(declared.Name, property, null));
        return new(constructor, fields);
    }

    /// <summary>The instance properties of <paramref name="type"/> and its base classes, private ones included, the class's own first.</summary>
    private static IEnumerable<PropertyInfo> PropertiesOf(Type type)
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        for (var t = type; t is not null; t = t.BaseType)
            foreach (var property in t.GetProperties(all))
                if (property.GetIndexParameters().Length == 0) yield return property;
    }

    /// <summary>A property's value as JSON; null is the family's name for nothing ("linear") where it has one.</summary>
    private static JsonNode? ToJson(object? value, Type declared) => value switch
    {
        null => declared.GetCustomAttribute<KerasModuleAttribute>()?.NoneName is string none ? JsonValue.Create(none) : null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        float f => Number(JsonValue.Create(f)),
        double d => Number(JsonValue.Create(d)),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        ulong u => JsonValue.Create(u),
        Enum e => JsonValue.Create(SnakeCase(e.ToString())),
        IConfigurable configurable => Serialize(configurable),
        ITuple tuple => new JsonArray(Enumerable.Range(0, tuple.Length).Select(i => ToJson(tuple[i], typeof(object))).ToArray()),
        IEnumerable list => new JsonArray(list.Cast<object?>().Select(x => ToJson(x, typeof(object))).ToArray()),
        _ => throw new NotSupportedException($"A config cannot hold a {value.GetType().Name} ({value})."),
    };

    /// <summary>A number written as float32 writes it ("0.8"), read back as any number type (GetValue&lt;double&gt; works).</summary>
    private static JsonNode Number(JsonValue value) => JsonNode.Parse(value.ToJsonString())!;

    /// <summary>A value of <paramref name="type"/> from JSON; <paramref name="where"/> names the field in errors.</summary>
    private static object? FromJson(JsonNode? node, Type type, string where)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (node is null) return null;
        switch (node.GetValueKind())
        {
            case JsonValueKind.String:
                string text = node.GetValue<string>();
                if (target == typeof(string)) return text;
                if (target.IsEnum)
                    return Enum.GetValues(target).Cast<Enum>().FirstOrDefault(e => SnakeCase(e.ToString()) == text)
                        ?? throw new ArgumentException($"{where}: expected one of {string.Join(", ", Enum.GetNames(target).Select(SnakeCase))}, got \"{text}\".");
                if (Conversion(target, typeof(string)) is { } fromString) return Invoke(fromString, text);
                if (target.GetMethod("Get", BindingFlags.Public | BindingFlags.Static, [typeof(string)]) is { } get && target.IsAssignableFrom(get.ReturnType))
                    return Invoke(get, text);   // a Keras name: Activation.Get("relu"), Initializer.Get("he_normal")
                break;
            case JsonValueKind.Number:
                string number = node.ToJsonString();
                if (target == typeof(float)) return (float)double.Parse(number, CultureInfo.InvariantCulture);
                if (target == typeof(double)) return double.Parse(number, CultureInfo.InvariantCulture);
                if (target == typeof(int)) return int.Parse(number, CultureInfo.InvariantCulture);
                if (target == typeof(long)) return long.Parse(number, CultureInfo.InvariantCulture);
                if (target == typeof(ulong)) return ulong.Parse(number, CultureInfo.InvariantCulture);
                if (target == typeof((int, int))) { int n = int.Parse(number, CultureInfo.InvariantCulture); return (n, n); }   // Keras' kernel_size=3
                if (Conversion(target, typeof(float)) is { } fromFloat) return Invoke(fromFloat, (float)double.Parse(number, CultureInfo.InvariantCulture));
                if (Conversion(target, typeof(int)) is { } fromInt) return Invoke(fromInt, int.Parse(number, CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.True or JsonValueKind.False when target == typeof(bool):
                return node.GetValue<bool>();
            case JsonValueKind.Array:
                var items = node.AsArray();
                if (target == typeof((int, int)) && items.Count == 2)
                    return ((int)FromJson(items[0], typeof(int), where)!, (int)FromJson(items[1], typeof(int), where)!);
                if (ElementType(target) is { } element)
                {
                    var array = Array.CreateInstance(element, items.Count);
                    for (int i = 0; i < items.Count; i++) array.SetValue(FromJson(items[i], element, $"{where}[{i}]"), i);
                    return array;
                }
                break;
            case JsonValueKind.Object:
                return FromSerialized(node.AsObject(), target, where);
        }
        throw new ArgumentException($"{where}: expected {target.Name}, got {node.ToJsonString()}.");
    }

    /// <summary>An object from <c>{"class_name": "Dense", "config": {...}}</c>: the engine's class of that name.</summary>
    private static object FromSerialized(JsonObject serialized, Type target, string where)
    {
        string className = serialized["class_name"]?.GetValue<string>()
            ?? throw new ArgumentException($"{where}: expected {{\"class_name\", \"config\"}}, got {serialized.ToJsonString()}.");
        var candidates = typeof(KerasConfig).Assembly.GetExportedTypes()
            .Where(t => !t.IsAbstract && typeof(IConfigurable).IsAssignableFrom(t) && target.IsAssignableFrom(t)).ToList();
        var type = candidates.FirstOrDefault(t => t.Name == className)
            ?? throw new ArgumentException($"{where}: unknown class_name \"{className}\"; expected one of {string.Join(", ", candidates.Select(t => t.Name).Order())}.");
        return FromConfig(type, serialized["config"] as JsonObject ?? []);
    }

    /// <summary>T for T[], IEnumerable&lt;T&gt; and IReadOnlyList&lt;T&gt;; null for anything else.</summary>
    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericArguments().Length == 1 && type.IsAssignableFrom(type.GetGenericArguments()[0].MakeArrayType())
            ? type.GetGenericArguments()[0] : null;

    /// <summary>The implicit conversion to <paramref name="target"/> from <paramref name="source"/>, if the type declares one.</summary>
    private static MethodInfo? Conversion(Type target, Type source) =>
        target.GetMethods(BindingFlags.Public | BindingFlags.Static).FirstOrDefault(m =>
            m.Name == "op_Implicit" && target.IsAssignableFrom(m.ReturnType) && m.GetParameters() is [var p] && p.ParameterType == source);

    private static object? Invoke(MethodInfo method, object argument) => Unwrapped(() => method.Invoke(null, [argument]));

    /// <summary>Runs a reflective call and throws what the called code threw, not reflection's wrapper around it.</summary>
    private static object? Unwrapped(Func<object?> call)
    {
        try { return call(); }
        catch (TargetInvocationException e) when (e.InnerException is not null) { ExceptionDispatchInfo.Throw(e.InnerException); throw; }
    }
}
