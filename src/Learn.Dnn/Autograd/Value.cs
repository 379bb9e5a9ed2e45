using System.Globalization;

namespace Learn.Dnn.Autograd;

/// <summary>
/// A single number that remembers how it was computed, so that the derivative of a final result
/// with respect to it can be found by the chain rule: reverse-mode automatic differentiation on
/// scalars. Every operation creates a new Value whose <c>backward</c> pushes its gradient to its
/// inputs: if out = f(a, b), then a.Grad += ∂f/∂a · out.Grad (and the same for b).
/// Chapter 2 builds this first; <see cref="Tensor"/> does the same with whole arrays.
/// </summary>
[Chapter(2)]
public sealed class Value
{
    private readonly Value[] inputs;
    private Action backward = () => { };

    public Value(double data, string label = "") : this(data, [], "", label) { }

    /// <summary>
    /// A value computed by an operation defined outside this class (chapter 2's exercises build
    /// their own operations this way). <paramref name="backward"/> receives the new value and must
    /// add ∂out/∂input · out.Grad to each input's Grad (+=, never =, so a value used twice gets both shares).
    /// </summary>
    public Value(double data, Value[] inputs, string operation, Action<Value> backward)
        : this(data, inputs, operation)
    {
        this.backward = () => backward(this);
    }

    private Value(double data, Value[] inputs, string operation, string label = "")
    {
        Data = data;
        this.inputs = inputs;
        Operation = operation;
        Label = label;
    }

    /// <summary>The number.</summary>
    public double Data { get; set; }

    /// <summary>∂(the value Backward was called on)/∂this.</summary>
    public double Grad { get; set; }

    /// <summary>"+", "*", "tanh"...; empty for an input.</summary>
    public string Operation { get; }

    /// <summary>A name for drawing the graph ("a", "w1"...).</summary>
    public string Label { get; set; }

    /// <summary>The values this one was computed from.</summary>
    public IReadOnlyList<Value> Inputs => inputs;

    #region add-mul
    /// <summary>out = a + b.   ∂out/∂a = 1, ∂out/∂b = 1: addition routes the gradient unchanged.</summary>
    public static Value operator +(Value a, Value b)
    {
        var output = new Value(a.Data + b.Data, [a, b], "+");
        output.backward = () =>
        {
            a.Grad += output.Grad;
            b.Grad += output.Grad;
        };
        return output;
    }

    /// <summary>out = a·b.   ∂out/∂a = b, ∂out/∂b = a: multiplication swaps the inputs.</summary>
    public static Value operator *(Value a, Value b)
    {
        var output = new Value(a.Data * b.Data, [a, b], "*");
        output.backward = () =>
        {
            a.Grad += b.Data * output.Grad;
            b.Grad += a.Data * output.Grad;
        };
        return output;
    }
    #endregion

    /// <summary>out = aᵖ for a constant p.   ∂out/∂a = p·aᵖ⁻¹.</summary>
    public Value Pow(double p)
    {
        var a = this;
        var output = new Value(Math.Pow(a.Data, p), [a], $"^{p.ToString(CultureInfo.InvariantCulture)}");
        output.backward = () => a.Grad += p * Math.Pow(a.Data, p - 1) * output.Grad;
        return output;
    }

    /// <summary>out = eᵃ.   ∂out/∂a = eᵃ = out.</summary>
    public Value Exp()
    {
        var a = this;
        var output = new Value(Math.Exp(a.Data), [a], "exp");
        output.backward = () => a.Grad += output.Data * output.Grad;
        return output;
    }

    /// <summary>out = ln a.   ∂out/∂a = 1/a.</summary>
    public Value Log()
    {
        var a = this;
        var output = new Value(Math.Log(a.Data), [a], "log");
        output.backward = () => a.Grad += output.Grad / a.Data;
        return output;
    }

    #region tanh
    /// <summary>out = tanh a.   ∂out/∂a = 1 − tanh²a = 1 − out².</summary>
    public Value Tanh()
    {
        var a = this;
        var output = new Value(Math.Tanh(a.Data), [a], "tanh");
        output.backward = () => a.Grad += (1 - output.Data * output.Data) * output.Grad;
        return output;
    }
    #endregion

    /// <summary>out = max(0, a).   ∂out/∂a = 1 if a &gt; 0 else 0.</summary>
    public Value Relu()
    {
        var a = this;
        var output = new Value(Math.Max(0, a.Data), [a], "relu");
        output.backward = () => a.Grad += (a.Data > 0 ? 1 : 0) * output.Grad;
        return output;
    }

    public static Value operator -(Value a) => a * -1;
    public static Value operator -(Value a, Value b) => a + (-b);
    public static Value operator /(Value a, Value b) => a * b.Pow(-1);
    public static implicit operator Value(double x) => new(x);

    #region backward
    /// <summary>
    /// Sets this value's gradient to 1 (∂this/∂this) and applies the chain rule backwards through
    /// the graph: each node's backward runs only after every node that uses it has added its share
    /// to the node's Grad. Gradients accumulate (+=), so a value used twice receives both shares;
    /// reset them with <see cref="ZeroGrad"/> before calling Backward again.
    /// </summary>
    public void Backward()
    {
        var order = TopologicalOrder();
        Grad = 1;
        for (int i = order.Count - 1; i >= 0; i--)
            order[i].backward();
    }

    /// <summary>Every value this one depends on, each after all of its inputs.</summary>
    public List<Value> TopologicalOrder()
    {
        var order = new List<Value>();
        var visited = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        void Visit(Value v)
        {
            if (!visited.Add(v)) return;
            foreach (var input in v.inputs) Visit(input);
            order.Add(v);
        }
        Visit(this);
        return order;
    }
    #endregion

    /// <summary>Sets Grad = 0 on this value and everything it depends on.</summary>
    public void ZeroGrad()
    {
        foreach (var v in TopologicalOrder()) v.Grad = 0;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Value({(Label.Length > 0 ? Label + " = " : "")}{Data:0.####}, grad={Grad:0.####})");
}
