using Xunit;

namespace Learn.Dnn.Exercises.Tests;

/// <summary>
/// Tests that count the managed bytes a step allocates (ch10.scoped-step). The CPU device's pool belongs to
/// the whole process: a test running beside one of these could take an array it had returned, and the count
/// would include the neighbour's doing. This collection runs alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class AllocationCountsCollection
{
    public const string Name = "allocation counts";
}
