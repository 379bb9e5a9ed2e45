using System.Text;

namespace Learn.Dnn.OpenCL.Tests;

/// <summary>
/// How close a device must come to the reference device. The tolerances, one per kind of computation:
/// <list type="bullet">
/// <item>elementwise maps, their derivatives, binary ops, reductions, softmax: |reference − device| ≤ 1e-5·max(1, |reference|)
///   (OpenCL's exp/log/tanh are allowed 3–5 ulp; the results here are within a few ulp);</item>
/// <item>GEMM: |reference − device| ≤ 2·k·ε·(|α|·Σₚ|a_ip·b_pj| + |β·c_ij|) + 1e-6, ε = 2⁻²³: each side's rounding error
///   of a k-term dot product is at most k·ε times the sum of the magnitudes it adds;</item>
/// <item>uniform random numbers: bit-identical; normal ones: |reference − device| ≤ 1e-4·max(1, |reference|) (log, cos and sqrt differ by ulps).</item>
/// </list>
/// </summary>
internal static class Tolerance
{
    public const double Elementwise = 1e-5;
    public const double Normal = 1e-4;
    public const double Epsilon = 1.0 / (1 << 23);

    /// <summary>Relative to max(1, |expected|): relative for large numbers, absolute for small ones.</summary>
    public static Func<int, double> Relative(float[] expected, double tolerance) =>
        i => tolerance * Math.Max(1.0, Math.Abs(expected[i]));

    /// <summary>Throws a message that shows the worst elements when any |expected − actual| exceeds its bound.</summary>
    public static void AssertClose(float[] expected, float[] actual, Func<int, double> bound, string what)
    {
        if (expected.Length != actual.Length)
            throw new Xunit.Sdk.XunitException($"{what}: the reference gave {expected.Length} numbers, the device {actual.Length}.");
        var failures = new StringBuilder();
        int count = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double difference = Math.Abs((double)expected[i] - actual[i]);
            bool bothNaN = float.IsNaN(expected[i]) && float.IsNaN(actual[i]);
            bool sameInfinity = float.IsInfinity(expected[i]) && expected[i] == actual[i];
            if (bothNaN || sameInfinity || difference <= bound(i)) continue;
            if (count++ < 5)
                failures.AppendLine($"  [{i}] reference {expected[i]:R}, device {actual[i]:R}, difference {difference:G3} > allowed {bound(i):G3}");
        }
        if (count > 0)
            throw new Xunit.Sdk.XunitException($"{what}: the device differs from the reference at {count} of {expected.Length} elements:\n{failures}");
    }

    /// <summary>Bit-for-bit equality: for the counter-based random stream, copies, and fast paths that compute in the reference's order.</summary>
    public static void AssertIdentical(float[] expected, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                throw new Xunit.Sdk.XunitException(
                    $"{what}: element {i} is {expected[i]:R} on the reference and {actual[i]:R} on the device; they must be bit-identical " +
                    "(the same operations in the same order: look for a fused multiply-add, a different rounding, or a sum taken in another order; " +
                    "for the counter-based random stream, in Kernels/random.cl).");
    }
}
