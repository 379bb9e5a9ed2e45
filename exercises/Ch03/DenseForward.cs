namespace Learn.Dnn.Exercises.Ch03;

/// <summary>Chapter 3, on the engine's tensors: a Dense layer's forward pass, from its parts.</summary>
public static class DenseForward
{
    /// <summary>
    /// Exercise ch03.dense-forward — what <c>Dense</c> computes, written from the tensor operations it is
    /// made of: y = f(x·W + b), x: [n, in], kernel W: [in, units], bias b: [units] (or null: no bias),
    /// activation f (or null: linear), y: [n, units]. Autodiff does the backward: if your forward is made of
    /// engine operations, the gradients of x, W and b follow. Throw an <see cref="ArgumentException"/> that
    /// names both shapes when x's columns are not W's rows, or b's length is not W's columns.
    /// <para>Hint 1 (nudge): a Dense layer is chapter 1's matrix product, plus a bias, through an activation; the shapes tell you the order.</para>
    /// <para>Hint 2 (formula): z = x·W: [n, in]·[in, units] → [n, units]; z + b broadcasts b: [units] over the n rows; y = f(z).</para>
    /// <para>Hint 3 (code): check kernel.Shape[0] == x.Shape[1] and bias.Shape[0] == kernel.Shape[1] (else throw); var z = x.MatMul(kernel); if (bias is not null) z = z + bias; return activation is null ? z : activation(z);</para>
    /// </summary>
    public static Tensor Forward(Tensor x, Tensor kernel, Tensor? bias, Func<Tensor, Tensor>? activation)
    {
        // BEGIN YOUR CODE ch03.dense-forward
        throw new NotImplementedException("ch03.dense-forward: not attempted yet. Replace this line with your code.");
        // END YOUR CODE
    }
}
