using Learn.Dnn.Autograd;

namespace Learn.Dnn.Exercises.Ch02;

/// <summary>
/// Chapter 2: operations on <see cref="Value"/>, written the way the engine writes its own: compute
/// the output, and give it a backward that applies the chain rule locally.
/// Build a node with <c>new Value(data, [inputs], "name", output =&gt; { ... })</c>: the backward
/// receives the output node and adds ∂output/∂input · output.Grad to each input's Grad.
/// </summary>
public static class ScalarOperations
{
    /// <summary>
    /// Exercise ch02.multiply — out = a·b. The local derivatives are ∂out/∂a = b and ∂out/∂b = a, so
    /// backward adds b·out.Grad to a.Grad and a·out.Grad to b.Grad. Add (+=), never assign:
    /// in Multiply(a, a) both shares go to the same a, and ∂(a²)/∂a = 2a.
    /// <para>Hint: new Value(a.Data * b.Data, [a, b], "*", output =&gt; { a.Grad += b.Data * output.Grad; ... }).</para>
    /// </summary>
    public static Value Multiply(Value a, Value b)
    {
        // BEGIN SOLUTION ch02.multiply
        return new Value(a.Data * b.Data, [a, b], "*", output =>
        {
            a.Grad += b.Data * output.Grad;   // ∂(ab)/∂a = b
            b.Grad += a.Data * output.Grad;   // ∂(ab)/∂b = a
        });
        // END SOLUTION
    }

    /// <summary>
    /// Exercise ch02.tanh — out = tanh a, with ∂out/∂a = 1 − tanh²a = 1 − out².
    /// The forward must not overflow: tanh(±400) is ±1, not NaN.
    /// <para>Hint: use Math.Tanh for the forward (the formula with eˣ overflows for large x) and reuse output.Data in the backward.</para>
    /// </summary>
    public static Value Tanh(Value a)
    {
        // BEGIN SOLUTION ch02.tanh
        return new Value(Math.Tanh(a.Data), [a], "tanh", output =>
            a.Grad += (1 - output.Data * output.Data) * output.Grad);   // 1 − tanh²a
        // END SOLUTION
    }
}
