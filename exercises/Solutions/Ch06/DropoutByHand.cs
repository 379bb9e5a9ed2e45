namespace Learn.Dnn.Exercises.Ch06;

/// <summary>Chapter 6: inverted dropout, forward and backward, with a given mask.</summary>
public static class DropoutByHand
{
    /// <summary>
    /// Exercise ch06.dropout — inverted dropout on x: [n] during training, with the mask given: unit i is kept
    /// when keep[i] is true. Forward: yᵢ = xᵢ/(1 − rate) for a kept unit, 0 for a dropped one, so that the
    /// expected output equals the input. Backward: given ∂L/∂y: [n], return ∂L/∂xᵢ = (∂L/∂yᵢ)/(1 − rate) for a
    /// kept unit and 0 for a dropped one. Return new arrays (do not modify the inputs). Throw an
    /// <see cref="ArgumentOutOfRangeException"/> when rate is not in [0, 1), and an <see cref="ArgumentException"/>
    /// when the lengths differ.
    /// <para>Hint 1 (nudge): the layer is linear in x, and the mask is fixed: the gradient goes back through the same mask and the same scale.</para>
    /// <para>Hint 2 (formula): yᵢ = mᵢ·xᵢ/(1 − rate); ∂L/∂xᵢ = mᵢ·(∂L/∂yᵢ)/(1 − rate), with mᵢ = 1 if kept, 0 if dropped.</para>
    /// <para>Hint 3 (code): double scale = 1 / (1 - rate); for (int i = 0; i &lt; x.Length; i++) { output[i] = keep[i] ? x[i] * scale : 0; inputGradient[i] = keep[i] ? outputGradient[i] * scale : 0; }</para>
    /// </summary>
    public static (double[] Output, double[] InputGradient) ForwardBackward(double[] x, bool[] keep, double rate, double[] outputGradient)
    {
        // BEGIN SOLUTION ch06.dropout
        if (!(rate >= 0 && rate < 1)) throw new ArgumentOutOfRangeException(nameof(rate), $"ForwardBackward: rate must be in [0, 1), got {rate}.");
        if (keep.Length != x.Length || outputGradient.Length != x.Length)
            throw new ArgumentException($"ForwardBackward: x [{x.Length}], keep [{keep.Length}] and outputGradient [{outputGradient.Length}] must have the same length.");
        double scale = 1 / (1 - rate);                    // inverted dropout: scale at training time, not at inference
        var output = new double[x.Length];
        var inputGradient = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            output[i] = keep[i] ? x[i] * scale : 0;
            inputGradient[i] = keep[i] ? outputGradient[i] * scale : 0;   // the same mask, the same scale
        }
        return (output, inputGradient);
        // END SOLUTION
    }
}
