namespace Learn.Dnn.Exercises.Ch02;

/// <summary>
/// Chapter 2's exercises work on this minimal scalar node, not on the engine's <c>Value</c>: Value already
/// has +, *, Tanh, TopologicalOrder and Backward, and the exercises ask you to write them. A node holds its
/// number (<see cref="Data"/>), the gradient of the loss with respect to it (<see cref="Grad"/>), the nodes
/// it was computed from (<see cref="Inputs"/>), and its backward step: a function that, given this node,
/// adds ∂this/∂input · this.Grad to each input's Grad. Nothing else: no operators, no graph walk.
/// </summary>
public sealed class Node
{
    private readonly Node[] inputs;
    private readonly Action<Node>? backward;

    /// <summary>A leaf: an input or a weight, computed from nothing.</summary>
    public Node(double data, string label = "") : this(data, [], "", null) => Label = label;

    /// <summary>A node computed by <paramref name="operation"/> from <paramref name="inputs"/>.</summary>
    /// <param name="backward">Given this node, adds ∂this/∂input · this.Grad to each input's Grad (+=).</param>
    public Node(double data, Node[] inputs, string operation, Action<Node>? backward)
    {
        Data = data;
        this.inputs = inputs;
        Operation = operation;
        this.backward = backward;
        Label = "";
    }

    public double Data { get; set; }

    /// <summary>∂L/∂this, filled in by the backward pass.</summary>
    public double Grad { get; set; }

    public IReadOnlyList<Node> Inputs => inputs;

    public string Operation { get; }

    public string Label { get; set; }

    /// <summary>Runs this node's own backward step once: passes this.Grad on to its inputs. A leaf does nothing.</summary>
    public void BackwardStep() => backward?.Invoke(this);

    public override string ToString() =>
        $"Node({(Label.Length > 0 ? Label + " = " : Operation.Length > 0 ? Operation + " → " : "")}{Data:G4}, grad {Grad:G4})";
}
