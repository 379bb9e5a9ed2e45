namespace Learn.Dnn.Layers;

/// <summary>
/// One call of a layer, as Keras records it: the layer, the tensors it was called on and the tensors
/// it returned. The edges of the graph are the tensors themselves: a node whose input is another
/// node's output comes after it (<see cref="Parents"/>). A model keeps the nodes of its latest call
/// (<c>Model.Nodes</c>), in the order the calls ran, which is an order where every node
/// comes after the nodes it reads from; that is what the non-finite diagnosis walks, forwards and
/// back. A layer called twice in one model call (shared weights) has two nodes.
/// <para>
/// The functional API (chapter 9) records the same nodes on symbolic tensors instead of numbers. A
/// symbolic call runs outside any model call, so there each output keeps the node that made it
/// (Keras' <c>keras_history</c>), and a model is built by walking from its outputs back to its
/// inputs through <see cref="Inputs"/>.
/// </para>
/// </summary>
[Chapter(9)]
public sealed class Node
{
    public Node(Layer layer, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        Layer = layer;
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>The layer that was called (Keras' <c>node.operation</c>).</summary>
    public Layer Layer { get; }

    /// <summary>The tensors the layer was called on, in order (Keras' <c>node.input_tensors</c>).</summary>
    public IReadOnlyList<Tensor> Inputs { get; }

    /// <summary>The tensors the call returned, in order (Keras' <c>node.outputs</c>).</summary>
    public IReadOnlyList<Tensor> Outputs { get; }

    /// <summary>Whether <paramref name="tensor"/> is one of this call's outputs (the same tensor object, not equal numbers).</summary>
    public bool Produced(Tensor tensor) => Outputs.Any(o => ReferenceEquals(o, tensor));

    /// <summary>The nodes of <paramref name="graph"/> that produced one of this node's inputs (Keras' <c>parent_nodes</c>).</summary>
    public IEnumerable<Node> Parents(IEnumerable<Node> graph) => graph.Where(n => Inputs.Any(n.Produced));

    public override string ToString() =>
        $"{Layer.Name} ({Layer.GetType().Name}): {string.Join(", ", Inputs.Select(t => t.Shape))} → {string.Join(", ", Outputs.Select(t => t.Shape))}";
}
