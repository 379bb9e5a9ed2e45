namespace Learn.Dnn;

/// <summary>Adds the matrix product to Tensor, with its backward beside it.</summary>
public sealed partial class Tensor
{
    #region matmul
    /// <summary>C = A·B, A: [n, k], B: [k, m] → C: [n, m].</summary>
    [Chapter(1)]
    public static Tensor MatMul(Tensor a, Tensor b)
    {
        if (a.Rank != 2 || b.Rank != 2 || a.Shape[1] != b.Shape[0])
            throw new ShapeMismatchException(
                $"MatMul: A is {a.Shape} and B is {b.Shape}; expected A: [n, k] and B: [k, m] with A's columns equal to B's rows" +
                (a.Rank == 2 && b.Rank == 2 ? $" ({a.Shape[1]} ≠ {b.Shape[0]})." : "."));
        RequireSameDevice("MatMul", a, b);
        int n = a.Shape[0], k = a.Shape[1], m = b.Shape[1];
        var c = Empty(new Shape(n, m), a.Device);
        a.Device.Gemm(false, false, n, m, k, 1f, a.Storage, b.Storage, 0f, c.Storage);
        return c.WithGradient("matmul", [a, b], dC =>
        {
            // Each gradient is added straight into Grad: GEMM's β = 1 adds to what is there (β = 0 starts it).
            if (a.RequiresGrad)   // ∂L/∂A += ∂L/∂C · Bᵀ   [n, m]·[m, k] → [n, k]
            {
                var (dA, beta) = a.GradToAccumulate();
                a.Device.Gemm(false, true, n, k, m, 1f, dC.Storage, b.Storage, beta, dA);
            }
            if (b.RequiresGrad)   // ∂L/∂B += Aᵀ · ∂L/∂C   [k, n]·[n, m] → [k, m]
            {
                var (dB, beta) = b.GradToAccumulate();
                a.Device.Gemm(true, false, k, m, n, 1f, a.Storage, dC.Storage, beta, dB);
            }
        });
    }
    #endregion

    /// <summary>this · other.</summary>
    [Chapter(1)]
    public Tensor MatMul(Tensor other) => MatMul(this, other);
}
