namespace Learn.Dnn.Exercises.Ch05;

/// <summary>Chapter 5: one epoch's mini-batches, reshuffled every epoch.</summary>
public static class MiniBatches
{
    /// <summary>
    /// Exercise ch05.mini-batches — the mini-batches of one epoch over n samples, as Fit makes them: shuffle
    /// the indices 0…n−1 with a Fisher–Yates shuffle drawn from <paramref name="rng"/> (for i from n−1 down to 1,
    /// swap entry i with entry j = rng.Next(i + 1)), then cut the shuffled order into consecutive batches of
    /// <paramref name="batchSize"/>; the last batch keeps whatever is left (n mod batchSize samples, if not 0),
    /// as Keras does. Every index appears in exactly one batch. Calling it again with the same rng gives the next
    /// epoch's, different, order. Throw an <see cref="ArgumentOutOfRangeException"/> when n &lt; 0 or batchSize ≤ 0.
    /// <para>Hint 1 (nudge): shuffle once, then slice; do not drop the short batch at the end.</para>
    /// <para>Hint 2 (formula): Fisher–Yates: for i = n−1 … 1, j uniform in {0…i}, swap(order[i], order[j]); batch k is order[k·B … min(n, (k+1)·B) − 1], k = 0 … ⌈n/B⌉ − 1.</para>
    /// <para>Hint 3 (code): var order = new int[n]; for (int i = 0; i &lt; n; i++) order[i] = i; for (int i = n - 1; i &gt; 0; i--) { int j = rng.Next(i + 1); (order[i], order[j]) = (order[j], order[i]); } then for (int start = 0; start &lt; n; start += batchSize) batches.Add(order[start..Math.Min(n, start + batchSize)]);</para>
    /// </summary>
    public static List<int[]> Batches(int n, int batchSize, Random rng)
    {
        // BEGIN YOUR CODE ch05.mini-batches
        throw new NotImplementedException("ch05.mini-batches: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
