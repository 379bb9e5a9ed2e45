namespace Learn.Dnn.Exercises.Ch10;

/// <summary>
/// Chapter 10: a pool of float arrays by length, the idea behind the fast CPU device's HostPool.
/// A training step asks for the same lengths every time, so arrays given back after one step serve the next.
/// </summary>
public sealed class BufferPool
{
    /// <summary>At most this many arrays of one length wait in the pool; more are left to the garbage collector.</summary>
    public const int MaxPerLength = 4;

    /// <summary>The arrays given back and not rented again, by length.</summary>
    private readonly Dictionary<int, Stack<float[]>> free = [];

    /// <summary>How many arrays wait in the pool.</summary>
    public int Count => free.Values.Sum(stack => stack.Count);

    /// <summary>
    /// Exercise ch10.pool-rent — an array of exactly <paramref name="length"/> floats (length ≥ 0): one
    /// given back earlier with that length if the pool has one (remove it from the pool: the same array
    /// must never be handed out twice), else a new one. With <paramref name="zeroed"/> every value is
    /// 0; without, a reused array may keep its old values (the caller will overwrite them).
    /// <para>Hint 1 (nudge): look up the stack of free arrays for this length; an array you hand out must leave the pool.</para>
    /// <para>Hint 2 (formula): Rent(n) = pop(free[n]) if free[n] is not empty (cleared when zeroed), else new float[n].</para>
    /// <para>Hint 3 (code): if (free.TryGetValue(length, out var stack) &amp;&amp; stack.TryPop(out var array)) { if (zeroed) Array.Clear(array); return array; } return new float[length];</para>
    /// </summary>
    public float[] Rent(int length, bool zeroed)
    {
        // BEGIN YOUR CODE ch10.pool-rent
        throw new NotImplementedException("ch10.pool-rent: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }

    /// <summary>
    /// Exercise ch10.pool-return — takes back an array its user no longer needs, so that the next
    /// Rent of its length can hand it out again. Keep at most <see cref="MaxPerLength"/> arrays per
    /// length (drop the rest: the garbage collector frees them). Giving back an array that already
    /// waits in the pool is a bug in the caller (two users would later get the same memory):
    /// throw an <see cref="InvalidOperationException"/>. A null array is an <see cref="ArgumentNullException"/>.
    /// <para>Hint 1 (nudge): one stack per length, created on first use; check it for the very same array (reference equality) before you push.</para>
    /// <para>Hint 2 (formula): free[a.Length] ← free[a.Length] + a, unless a ∈ free[a.Length] (throw) or |free[a.Length]| = MaxPerLength (drop).</para>
    /// <para>Hint 3 (code): ArgumentNullException.ThrowIfNull(array); if (!free.TryGetValue(array.Length, out var stack)) free[array.Length] = stack = new Stack&lt;float[]&gt;(); if (stack.Any(a =&gt; ReferenceEquals(a, array))) throw new InvalidOperationException("..."); if (stack.Count &lt; MaxPerLength) stack.Push(array);</para>
    /// </summary>
    public void Return(float[] array)
    {
        // BEGIN YOUR CODE ch10.pool-return
        throw new NotImplementedException("ch10.pool-return: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
