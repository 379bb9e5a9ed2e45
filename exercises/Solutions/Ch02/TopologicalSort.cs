using Learn.Dnn.Autograd;

namespace Learn.Dnn.Exercises.Ch02;

/// <summary>Chapter 2: the order in which backward visits a graph.</summary>
public static class TopologicalSort
{
    /// <summary>
    /// Exercise ch02.topological-order — every value that <paramref name="root"/> depends on (through
    /// <see cref="Value.Inputs"/>, root included), each exactly once and each after all of its inputs;
    /// root comes last. Backward runs the nodes in the reverse of this order, so that a node's Grad is
    /// complete (every use has added its share) before its own backward passes it on.
    /// A value may be used more than once (b = a + a; c = b + b): list it once. Compare values by
    /// reference (a HashSet&lt;Value&gt; does; Value does not override Equals).
    /// <para>Hint: depth-first search: visit(v) = if v is not visited yet, mark it, visit each of its inputs, then append v.</para>
    /// </summary>
    public static List<Value> TopologicalOrder(Value root)
    {
        // BEGIN SOLUTION ch02.topological-order
        var order = new List<Value>();
        var visited = new HashSet<Value>();
        void Visit(Value v)
        {
            if (!visited.Add(v)) return;
            foreach (var input in v.Inputs) Visit(input);
            order.Add(v);   // after all of its inputs
        }
        Visit(root);
        return order;
        // END SOLUTION
    }
}
