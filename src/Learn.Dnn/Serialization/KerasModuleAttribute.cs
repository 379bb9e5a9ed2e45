namespace Learn.Dnn.Serialization;

/// <summary>
/// Marks the base class of a family of configurable objects (layers, activations, optimizers...)
/// with the Keras module its members are written under: <c>"keras.layers"</c> for a Dense,
/// <c>"keras.optimizers"</c> for an Adam. A subclass may mark itself again (Sequential is
/// <c>"keras"</c>), and the nearest mark wins.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
[Chapter(5)]
public sealed class KerasModuleAttribute(string module) : Attribute
{
    /// <summary>The Keras module: <c>"keras.layers"</c>, <c>"keras.initializers"</c>...</summary>
    public string Module { get; } = module;

    /// <summary>The name that stands for no object of the family (activations: <c>"linear"</c>), or null.</summary>
    public string? NoneName { get; init; }

    /// <summary>
    /// Whether an object that a declared name stands for is written as that name rather than as a
    /// config (Keras writes a Dense's activation as <c>"relu"</c>).
    /// </summary>
    public bool WrittenByName { get; init; }
}
