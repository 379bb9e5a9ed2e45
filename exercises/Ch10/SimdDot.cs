using System.Runtime.Intrinsics;

namespace Learn.Dnn.Exercises.Ch10;

/// <summary>Chapter 10: a dot product that does 8 or 16 multiply-adds per instruction.</summary>
public static class SimdDot
{
    /// <summary>
    /// Exercise ch10.simd-dot — x·y = Σᵢ xᵢ·yᵢ for two spans of the same length (any length, 0 included),
    /// with SIMD vectors: keep a vector of partial sums, add xᵢ·yᵢ for 8 (Vector256&lt;float&gt;) or 16
    /// (Vector512&lt;float&gt;) values of i per step with a fused multiply-add, add the lanes of that
    /// vector together at the end, and finish the last length mod 8 (or 16) values with a scalar loop.
    /// Throw an <see cref="ArgumentException"/> when the lengths differ. The code must use a Vector type.
    /// <para>Hint 1 (nudge): the vector loop stops where fewer than a whole vector of values is left; those last few need a plain loop, or a length like 13 goes wrong.</para>
    /// <para>Hint 2 (formula): s ← FMA(x[i:i+8], y[i:i+8], s) for i = 0, 8, … while i + 8 ≤ n; then x·y = Σ lanes of s + Σ_{i ≥ n − n mod 8} xᵢ·yᵢ.</para>
    /// <para>Hint 3 (code): var sum = Vector256&lt;float&gt;.Zero; int i = 0; for (; i + 8 &lt;= x.Length; i += 8) sum = Vector256.FusedMultiplyAdd(Vector256.Create(x.Slice(i, 8)), Vector256.Create(y.Slice(i, 8)), sum); float total = Vector256.Sum(sum); for (; i &lt; x.Length; i++) total += x[i] * y[i]; return total;</para>
    /// </summary>
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        // BEGIN YOUR CODE ch10.simd-dot
        throw new NotImplementedException("ch10.simd-dot: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
