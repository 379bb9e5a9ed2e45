using Learn.Dnn.Callbacks;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;

namespace Learn.Dnn.Tests.Models;

/// <summary>Every layer call records a node (layer, inputs, outputs); a model keeps the nodes of its latest call and walks them.</summary>
public sealed class NodeTests
{
    private static Tensor Batch(int n, int features, float value = 0.5f) => Tensor.FromArray(Enumerable.Repeat(value, n * features).ToArray(), n, features);

    [Fact]
    public void A_model_call_records_each_layer_call_with_its_inputs_and_outputs()
    {
        var model = new Sequential([new Input(3), new Dense(4, seed: 1), new Dense(2, seed: 2)]);
        var x = Batch(5, 3);
        var y = model.Call(x);

        Assert.Equal(2, model.Nodes.Count);
        var (first, second) = (model.Nodes[0], model.Nodes[1]);
        Assert.Same(model.Layers[0], first.Layer);
        Assert.Same(model.Layers[1], second.Layer);
        Assert.Same(x, Assert.Single(first.Inputs));
        Assert.Same(first.Outputs[0], Assert.Single(second.Inputs));   // the edge: dense's output is dense_1's input
        Assert.Same(y, Assert.Single(second.Outputs));
        Assert.Equal(new Shape(5, 4), first.Outputs[0].Shape);
        Assert.Equal([first], second.Parents(model.Nodes));
        Assert.Empty(first.Parents(model.Nodes));
    }

    [Fact]
    public void Each_call_replaces_the_nodes_of_the_one_before()
    {
        var model = new Sequential([new Dense(4, seed: 1), new Dense(2, seed: 2)]);
        model.Call(Batch(5, 3));
        var y = model.Call(Batch(7, 3));
        Assert.Equal(2, model.Nodes.Count);
        Assert.Same(y, model.Nodes[1].Outputs[0]);
        Assert.Equal(new Shape(7, 4), model.Nodes[0].Outputs[0].Shape);
    }

    [Fact]
    public void A_layer_called_twice_records_two_nodes()
    {
        var shared = new Dense(3, seed: 4);
        var model = new SharedTwice(shared);
        var x = Batch(2, 3);
        var y = model.Call(x);
        Assert.Equal(2, model.Nodes.Count);
        Assert.All(model.Nodes, node => Assert.Same(shared, node.Layer));
        Assert.Same(x, model.Nodes[0].Inputs[0]);
        Assert.Same(model.Nodes[0].Outputs[0], model.Nodes[1].Inputs[0]);
        Assert.Same(y, model.Nodes[1].Outputs[0]);
    }

    [Fact]
    public void A_model_inside_a_model_is_one_node_of_the_outer_one_and_keeps_its_own()
    {
        var inner = new Sequential([new Dense(4, seed: 1), new Dense(3, seed: 2)], name: "inner");
        var outer = new Sequential([inner, new Dense(1, seed: 3)]);
        var y = outer.Call(Batch(2, 5));
        Assert.Equal(["inner", "dense"], outer.Nodes.Select(n => n.Layer.Name));
        Assert.Equal(2, inner.Nodes.Count);
        Assert.Same(inner.Nodes[1].Outputs[0], outer.Nodes[0].Outputs[0]);
        Assert.Same(y, outer.Nodes[1].Outputs[0]);
    }

    [Fact]
    public void A_recurrent_layer_with_returnState_records_its_states_as_outputs()
    {
        var lstm = new Learn.Dnn.Recurrent.LSTM(3, returnState: true, seed: 2);
        var model = new ListCall(lstm);
        model.Call(Tensor.FromArray([.. Enumerable.Range(0, 2 * 4 * 2).Select(i => 0.1f * i)], 2, 4, 2));
        var node = Assert.Single(model.Nodes);
        Assert.Equal(3, node.Outputs.Count);   // output, h, c
        Assert.Equal(node.Outputs[0].ToArray(), node.Outputs[1].ToArray());   // without returnSequences the output is h_T
    }

    [Fact]
    public void Layers_are_named_within_each_model_whatever_was_built_before()
    {
        var first = new Sequential([new Dense(2), new Dense(2)]);
        var second = new Sequential([new Dense(2), new Dense(2)]);
        Assert.Equal(["dense", "dense_1"], first.Layers.Select(l => l.Name));
        Assert.Equal(["dense", "dense_1"], second.Layers.Select(l => l.Name));
        Assert.Equal("dense", new Dense(2).Name);                               // unnumbered until a model numbers it
    }

    [Fact]
    public void An_automatic_name_skips_one_the_model_already_has_and_explicit_names_must_be_unique()
    {
        var model = new Sequential([new Dense(2, name: "dense_1"), new Dense(2), new Dense(2)]);
        Assert.Equal(["dense_1", "dense", "dense_2"], model.Layers.Select(l => l.Name));
        var error = Assert.Throws<ArgumentException>(() => model.Add(new Dense(2, name: "dense")));
        Assert.Contains("two layers are named \"dense\"", error.Message);
    }

    [Fact]
    public void The_non_finite_diagnosis_walks_the_graph_and_blames_the_branch_that_overflowed()
    {
        // head(a(x) + b(x)): a chain walk would feed a's output into b and find every output finite.
        var model = new TwoBranches();
        var x = Batch(4, 2, value: 100f);
        model.Call(x);                                                                 // builds the three layers
        model.GetLayer("a").SetWeights([Tensor.Zeros(2, 2), Tensor.Zeros(2)]);
        model.GetLayer("b").SetWeights([Tensor.FromArray([1e37f, 1e37f, 1e37f, 1e37f], 2, 2), Tensor.Zeros(2)]);   // 100·1e37 overflows
        model.GetLayer("head").SetWeights([Tensor.FromArray([1f, 1f], 2, 1), Tensor.Zeros(1)]);
        model.Compile("sgd", "mse");
        var output = new StringWriter();
        var history = model.Fit(x, Tensor.Zeros(4, 1), batchSize: 4, verbose: 0, callbacks: [new ProgbarLogger(output)]);

        var report = history.NonFiniteLoss;
        Assert.NotNull(report);
        Assert.Equal("b", report.Layer);
        Assert.Contains("layer 'b' (Dense) is the first whose output is NaN or ∞", report.Message);
        Assert.Contains(report.Message, output.ToString());                            // the progress bar printed the report
    }

    /// <summary>One layer applied twice: y = f(f(x)), the same weights both times.</summary>
    private sealed class SharedTwice(Layer layer) : Model("shared_twice")
    {
        public override IReadOnlyList<Layer> Layers => [layer];
        protected override void Build(Shape inputShape) { }
        protected override Tensor Forward(Tensor input, bool training) => layer.Call(layer.Call(input, training), training);
    }

    /// <summary>A model that calls its one layer on a list, keeping the first output.</summary>
    private sealed class ListCall(Layer layer) : Model("list_call")
    {
        public override IReadOnlyList<Layer> Layers => [layer];
        protected override void Build(Shape inputShape) { }
        protected override Tensor Forward(Tensor input, bool training) => layer.Call([input], training)[0];
    }

    /// <summary>Two branches that read the same input, summed, then a head: not a chain.</summary>
    private sealed class TwoBranches : Model
    {
        private readonly Dense a = new(2, seed: 1, name: "a"), b = new(2, seed: 2, name: "b"), head = new(1, seed: 3, name: "head");

        public TwoBranches() : base("two_branches") { }

        public override IReadOnlyList<Layer> Layers => [a, b, head];
        protected override void Build(Shape inputShape) { }
        protected override Tensor Forward(Tensor input, bool training) => head.Call(a.Call(input, training) + b.Call(input, training), training);
    }
}
