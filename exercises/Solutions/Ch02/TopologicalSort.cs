namespace Learn.Dnn.Exercises.Ch02;

/// <summary>Chapter 2: the order in which backward visits a graph, and the backward pass itself.</summary>
public static class TopologicalSort
{
    /// <summary>
    /// Exercise ch02.topological-order — every node that <paramref name="root"/> depends on (through
    /// <see cref="Node.Inputs"/>, root included), each exactly once and each after all of its inputs;
    /// root comes last. Backward runs the nodes in the reverse of this order, so that a node's Grad is
    /// complete (every use has added its share) before its own backward passes it on.
    /// A node may be used more than once (b = a + a; c = b + b): list it once. Compare nodes by
    /// reference (a HashSet&lt;Node&gt; does; Node does not override Equals).
    /// <para>Hint 1 (nudge): a node can be listed only after everything it was computed from, and a node you have already listed must not come again.</para>
    /// <para>Hint 2 (formula): post-order depth-first search: visit(v) = if v is not visited yet, mark it, visit each of its inputs, then append v.</para>
    /// <para>Hint 3 (code): var order = new List&lt;Node&gt;(); var seen = new HashSet&lt;Node&gt;(); void Visit(Node v) { if (!seen.Add(v)) return; foreach (var input in v.Inputs) Visit(input); order.Add(v); } Visit(root); return order;</para>
    /// </summary>
    public static List<Node> TopologicalOrder(Node root)
    {
        // BEGIN SOLUTION ch02.topological-order
        var order = new List<Node>();
        var visited = new HashSet<Node>();
        void Visit(Node v)
        {
            if (!visited.Add(v)) return;
            foreach (var input in v.Inputs) Visit(input);
            order.Add(v);   // after all of its inputs
        }
        Visit(root);
        return order;
        // END SOLUTION
    }

    /// <summary>
    /// Exercise ch02.backward — the backward pass: ∂root/∂v for every node v that root depends on,
    /// in v.Grad. Set every node's Grad to 0 first (a second call must not add to the first one's
    /// gradients), then root.Grad = 1 (∂root/∂root), then run each node's <see cref="Node.BackwardStep"/>
    /// in the reverse of <see cref="TopologicalOrder"/>.
    /// <para>Hint 1 (nudge): the gradient flows from the root towards the leaves, and a node may pass it on only once every use of it has added its share.</para>
    /// <para>Hint 2 (formula): order = TopologicalOrder(root); v.Grad = 0 for every v; root.Grad = 1; then v.BackwardStep() for v from the last of order to the first.</para>
    /// <para>Hint 3 (code): var order = TopologicalOrder(root); foreach (var v in order) v.Grad = 0; root.Grad = 1; for (int i = order.Count - 1; i &gt;= 0; i--) order[i].BackwardStep();</para>
    /// </summary>
    public static void Backward(Node root)
    {
        // BEGIN SOLUTION ch02.backward
        var order = TopologicalOrder(root);
        foreach (var v in order) v.Grad = 0;
        root.Grad = 1;                                   // ∂root/∂root
        for (int i = order.Count - 1; i >= 0; i--)       // every use of a node runs before the node itself
            order[i].BackwardStep();
        // END SOLUTION
    }
}
