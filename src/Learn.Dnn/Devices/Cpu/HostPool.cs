namespace Learn.Dnn.Devices.Cpu;

/// <summary>
/// Released float arrays, by length, waiting to be used again (chapter 10). A training step asks
/// for the same lengths every time (the same layers, the same batch size), so after the first step
/// every request finds an array here and the garbage collector has nothing to do.
/// </summary>
[Chapter(10)]
public sealed class HostPool
{
    /// <summary>At most this many arrays of one length wait; more are left to the garbage collector.</summary>
    public const int MaxPerLength = 64;

    private readonly Dictionary<int, Stack<float[]>> free = [];
    private readonly Lock gate = new();

    #region rent-return
    /// <summary>An array of <paramref name="length"/> floats: a released one if there is one (zeroed on request), else a new one.</summary>
    public float[] Rent(int length, bool zeroed)
    {
        lock (gate)
        {
            if (free.TryGetValue(length, out var stack) && stack.TryPop(out var array))
            {
                if (zeroed) Array.Clear(array);
                return array;
            }
        }
        return new float[length];
    }

    /// <summary>Takes back an array nobody uses any more.</summary>
    public void Return(float[] array)
    {
        lock (gate)
        {
            if (!free.TryGetValue(array.Length, out var stack)) free[array.Length] = stack = new Stack<float[]>();
            if (stack.Count < MaxPerLength) stack.Push(array);
        }
    }
    #endregion

    /// <summary>How many arrays wait in the pool.</summary>
    public int Count { get { lock (gate) return free.Values.Sum(s => s.Count); } }
}
