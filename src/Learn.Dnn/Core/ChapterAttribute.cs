namespace Learn.Dnn;

/// <summary>
/// Marks the chapter of the book that introduces a public engine type or member.
/// A chapter's program may use only what its own chapter or an earlier one introduces;
/// a test reads each chapter assembly's metadata and fails on a later chapter's type.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface |
                AttributeTargets.Enum | AttributeTargets.Method | AttributeTargets.Property |
                AttributeTargets.Constructor | AttributeTargets.Delegate, Inherited = false)]
[Chapter(1)]
public sealed class ChapterAttribute(int number) : Attribute
{
    /// <summary>The chapter number, 1 to 11.</summary>
    public int Number { get; } = number;
}
