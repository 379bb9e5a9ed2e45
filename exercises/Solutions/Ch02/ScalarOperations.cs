namespace Learn.Dnn.Exercises.Ch02;

/// <summary>
/// Chapter 2: operations on <see cref="Node"/>, written the way the engine writes its own: compute
/// the output, and give it a backward that applies the chain rule locally.
/// Build a node with <c>new Node(data, [inputs], "name", output =&gt; { ... })</c>: the backward
/// receives the output node and adds ∂output/∂input · output.Grad to each input's Grad.
/// </summary>
public static class ScalarOperations
{
    /// <summary>
    /// Exercise ch02.multiply — out = a·b. The local derivatives are ∂out/∂a = b and ∂out/∂b = a, so
    /// backward adds b·out.Grad to a.Grad and a·out.Grad to b.Grad. Add (+=), never assign:
    /// in Multiply(a, a) both shares go to the same a, and ∂(a²)/∂a = 2a.
    /// <para>Hint 1 (nudge): the forward is a product; the backward gives each input the other input's value, times the gradient that arrived at the output.</para>
    /// <para>Hint 2 (formula): ∂(ab)/∂a = b and ∂(ab)/∂b = a, so a.Grad += b·out.Grad and b.Grad += a·out.Grad.</para>
    /// <para>Hint 3 (code): return new Node(a.Data * b.Data, [a, b], "*", output =&gt; { a.Grad += b.Data * output.Grad; b.Grad += a.Data * output.Grad; });</para>
    /// </summary>
    public static Node Multiply(Node a, Node b)
    {
        // BEGIN SOLUTION ch02.multiply
        return new Node(a.Data * b.Data, [a, b], "*", output =>
        {
            a.Grad += b.Data * output.Grad;   // ∂(ab)/∂a = b
            b.Grad += a.Data * output.Grad;   // ∂(ab)/∂b = a
        });
        // END SOLUTION
    }

    /// <summary>
    /// Exercise ch02.tanh — out = tanh a, with ∂out/∂a = 1 − tanh²a = 1 − out².
    /// The forward must not overflow: tanh(±400) is ±1, not NaN.
    /// <para>Hint 1 (nudge): tanh's derivative can be written with tanh itself, and the output node already holds it.</para>
    /// <para>Hint 2 (formula): out = tanh a, ∂out/∂a = 1 − out², so a.Grad += (1 − out²)·out.Grad; the forward with Math.Tanh, since (e²ˣ − 1)/(e²ˣ + 1) overflows.</para>
    /// <para>Hint 3 (code): return new Node(Math.Tanh(a.Data), [a], "tanh", output =&gt; a.Grad += (1 - output.Data * output.Data) * output.Grad);</para>
    /// </summary>
    public static Node Tanh(Node a)
    {
        // BEGIN SOLUTION ch02.tanh
        return new Node(Math.Tanh(a.Data), [a], "tanh", output =>
            a.Grad += (1 - output.Data * output.Data) * output.Grad);   // 1 − tanh²a
        // END SOLUTION
    }
}
