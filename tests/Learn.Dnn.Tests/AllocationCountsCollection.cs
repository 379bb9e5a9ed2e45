namespace Learn.Dnn.Tests;

/// <summary>
/// Tests that count the managed bytes a step allocates. The fast CPU device's pool and its WorkerPool
/// belong to the whole process: a test running beside one of these could take an array it had returned to
/// the pool, and the count would include the neighbour's doing. This collection runs alone, after the
/// parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class AllocationCountsCollection
{
    public const string Name = "allocation counts";
}
