namespace Learn.Dnn.Serialization;

/// <summary>
/// A Keras name, declared once, where the thing it names is defined:
/// <list type="bullet">
/// <item>on a class: the string that stands for the class with its default arguments, and its
/// aliases: <c>[KerasName("mean_squared_error", "mse")]</c>;</item>
/// <item>on a static property or method: the string that stands for that one object (Keras'
/// activation <c>"leaky_relu"</c> has slope 0.2, the class's default is 0.3); a method may take the
/// name as it was written (<c>"acc"</c> logs as "acc");</item>
/// <item>on an instance property: the config field that holds the property (<c>"beta_1"</c> for
/// <c>Beta1</c>, <c>"learning_rate"</c> for the schedule).</item>
/// </list>
/// <see cref="KerasRegistry"/> collects the first two; <see cref="KerasConfig"/> reads the third.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property | AttributeTargets.Method, Inherited = false)]
[Chapter(5)]
public sealed class KerasNameAttribute(string name, params string[] aliases) : Attribute
{
    /// <summary>The name Keras writes ("relu", "mean_squared_error", "beta_1").</summary>
    public string Name { get; } = name;

    /// <summary>Other strings Keras accepts for the same thing ("mse").</summary>
    public IReadOnlyList<string> Aliases { get; } = aliases;
}
