namespace Learn.Dnn.Exercises.Ch07;

/// <summary>Chapter 7: how large a convolution's or a pooling's output is, and where the padding goes.</summary>
public static class ConvolutionArithmetic
{
    /// <summary>
    /// Exercise ch07.output-size — one axis of a window of size <paramref name="kernel"/> moved by
    /// <paramref name="stride"/> over an input of size <paramref name="input"/>, as Keras computes it.
    /// "valid": no padding, Out = ⌊(input − kernel)/stride⌋ + 1, or 0 when the window does not fit.
    /// "same": Out = ⌈input/stride⌉; the total padding is max((Out − 1)·stride + kernel − input, 0),
    /// PadBefore = total/2 (rounded down) and PadAfter the rest, so an odd pixel goes after (bottom/right).
    /// Any other padding name throws an <see cref="ArgumentException"/>.
    /// <para>Hint 1 (nudge): for "same", decide the output size first, then ask how much input the windows of that many outputs need.</para>
    /// <para>Hint 2 (formula): valid: ⌊(n − k)/s⌋ + 1; same: out = ⌈n/s⌉, total = max((out − 1)·s + k − n, 0), before = ⌊total/2⌋, after = total − before.</para>
    /// <para>Hint 3 (code): if (padding == "valid") return (input &lt; kernel ? 0 : (input - kernel) / stride + 1, 0, 0); int o = (input + stride - 1) / stride; int total = Math.Max((o - 1) * stride + kernel - input, 0); return (o, total / 2, total - total / 2);</para>
    /// </summary>
    public static (int Out, int PadBefore, int PadAfter) OutputSize(int input, int kernel, int stride, string padding)
    {
        // BEGIN YOUR CODE ch07.output-size
        throw new NotImplementedException("ch07.output-size: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
