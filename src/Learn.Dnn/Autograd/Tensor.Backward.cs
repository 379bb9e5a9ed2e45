using Learn.Dnn.Devices;

namespace Learn.Dnn;

/// <summary>
/// Adds reverse-mode automatic differentiation to Tensor. Every operation returns its result together
/// with a backward function: given ∂L/∂output it adds ∂L/∂input to each input's <see cref="Grad"/>
/// (the chain rule, applied locally). <see cref="Backward()"/> calls those functions from the loss
/// back to the leaves, each node after every node that uses it (reverse topological order).
/// </summary>
public sealed partial class Tensor
{
    private Tensor[] parents = [];
    private Action<Tensor>? backward;

    [ThreadStatic] private static int noGradDepth;

    /// <summary>Whether gradients flow to this tensor. Set it on parameters; results of operations inherit it.</summary>
    [Chapter(2)]
    public bool RequiresGrad { get; set; }

    /// <summary>∂L/∂this, filled in by <see cref="Backward()"/>; the same shape as this tensor.</summary>
    [Chapter(2)]
    public Tensor? Grad { get; private set; }

    /// <summary>The name of the operation that produced this tensor ("matmul", "add"...), or null for a leaf.</summary>
    [Chapter(2)]
    public string? Operation { get; private set; }

    /// <summary>The tensors this one was computed from.</summary>
    [Chapter(2)]
    public IReadOnlyList<Tensor> Parents => parents;

    #region with-gradient
    /// <summary>
    /// Records that this tensor was computed by <paramref name="operation"/> from <paramref name="inputs"/>,
    /// with <paramref name="backwardFunction"/> mapping ∂L/∂this to the inputs' gradients.
    /// Nothing is recorded when no input requires a gradient, or inside <see cref="NoGrad"/>.
    /// Every operation of the engine ends with this call, and so can one of yours (chapter 2's exercises do).
    /// </summary>
    public Tensor WithGradient(string operation, Tensor[] inputs, Action<Tensor> backwardFunction)
    {
        if (noGradDepth > 0 || !inputs.Any(input => input.RequiresGrad)) return this;
        RequiresGrad = true;
        Operation = operation;
        parents = inputs;
        backward = backwardFunction;
        return this;
    }
    #endregion

    #region accumulate
    /// <summary>Grad += <paramref name="gradient"/>: a tensor used twice receives the sum of both uses' gradients.</summary>
    public void AccumulateGrad(Tensor gradient)
    {
        if (!RequiresGrad) return;
        if (gradient.Shape != Shape)
            throw new ShapeMismatchException($"Backward of '{Operation ?? "leaf"}': gradient of shape {gradient.Shape} for a tensor of shape {Shape}.");
        if (Grad is null) Grad = gradient.Clone();
        else Device.Axpy(1f, gradient.Storage, Grad.Storage);
    }
    #endregion

    #region accumulate-without-copies
    // Chapter 10: two ways a backward function adds its gradient without a temporary or a copy.

    /// <summary>
    /// Grad += <paramref name="fresh"/>, for a gradient its backward function has just created and
    /// nobody else holds: when Grad is empty, the tensor itself becomes Grad, with no copy.
    /// </summary>
    internal void AccumulateFreshGrad(Tensor fresh)
    {
        if (Grad is null && RequiresGrad && fresh.Shape == Shape) Grad = fresh;
        else AccumulateGrad(fresh);
    }

    /// <summary>
    /// For a backward function whose primitive can add into its output (GEMM's β): the storage of
    /// Grad to write into, with β = 1 when Grad already holds a sum to add to, or a new Grad and
    /// β = 0 when there is none yet. No temporary gradient, no copy.
    /// </summary>
    internal (Storage Grad, float Beta) GradToAccumulate()
    {
        if (Grad is not null) return (Grad.Storage, 1f);
        Grad = Empty(Shape, Device);
        return (Grad.Storage, 0f);
    }
    #endregion

    #region backward
    /// <summary>
    /// Computes ∂this/∂x for every tensor x this one depends on, and adds it to x.Grad.
    /// This tensor must hold one number (a loss). Calling it again adds the same gradients again,
    /// as PyTorch does: call <see cref="ZeroGrad"/> on the parameters between training steps.
    /// </summary>
    [Chapter(2)]
    public void Backward()
    {
        if (Size != 1)
            throw new InvalidOperationException($"Backward: the gradient can be seeded implicitly only for a single number (a loss); this tensor has shape {Shape}. Pass ∂L/∂this with Backward(gradient).");
        Backward(Full(Shape, 1f, Device));   // ∂L/∂L = 1
    }

    /// <summary>Backward from a given ∂L/∂this.</summary>
    [Chapter(2)]
    public void Backward(Tensor gradient)
    {
        var order = TopologicalOrder();
        foreach (var node in order)
            if (node.backward is not null) node.Grad = null;   // intermediate gradients start afresh each call
        AccumulateGrad(gradient);
        for (int i = order.Count - 1; i >= 0; i--)          // from the loss back to the leaves
        {
            var node = order[i];
            if (node.backward is not null && node.Grad is not null)
                node.backward(node.Grad);
        }
    }

    /// <summary>
    /// Every tensor this one depends on, each listed after all of its inputs (depth-first, iterative
    /// so that a long graph — an RNN unrolled over many steps — cannot overflow the stack).
    /// </summary>
    internal List<Tensor> TopologicalOrder()
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor Node, int NextParent)>();
        stack.Push((this, 0));
        visited.Add(this);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node.parents.Length)
            {
                stack.Push((node, next + 1));
                var parent = node.parents[next];
                if (parent.RequiresGrad && visited.Add(parent)) stack.Push((parent, 0));
            }
            else order.Add(node);   // all inputs are already in the list
        }
        return order;
    }
    #endregion

    /// <summary>Forgets the gradient (before the next training step).</summary>
    [Chapter(2)]
    public void ZeroGrad() => Grad = null;

    /// <summary>
    /// The plain gradient-descent step on a parameter: w ← w − η·∂L/∂w. Chapter 5's optimizers
    /// generalise it.
    /// </summary>
    [Chapter(2)]
    public void GradientDescentStep(float learningRate)
    {
        if (Grad is null) throw new InvalidOperationException("GradientDescentStep: this tensor has no gradient; call Backward() on the loss first.");
        Device.Axpy(-learningRate, Grad.Storage, Storage);
    }

    /// <summary>A copy that shares no history: gradients stop here.</summary>
    [Chapter(2)]
    public Tensor Detach() => new(Shape, Storage);

    /// <summary>
    /// Within <c>using (Tensor.NoGrad()) { ... }</c> operations record no graph (evaluation, weight updates).
    /// </summary>
    [Chapter(2)]
    public static IDisposable NoGrad()
    {
        noGradDepth++;
        return new NoGradScope();
    }

    private sealed class NoGradScope : IDisposable
    {
        private bool disposed;
        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            noGradDepth--;
        }
    }
}
