namespace Learn.Dnn.Benchmarks;

/// <summary>A GEMM problem: C [m, n] = op(A) [m, k] · op(B) [k, n].</summary>
public sealed record GemmShape(string Name, int M, int N, int K, bool TransposeA = false, bool TransposeB = false)
{
    /// <summary>2·m·n·k: one multiply and one add per term.</summary>
    public double Flops => 2.0 * M * N * K;

    /// <summary>Short enough for BenchmarkDotNet's parameter column: "64x300x784 Bᵀ".</summary>
    public override string ToString() => $"{M}x{N}x{K}{(TransposeA ? " Aᵀ" : "")}{(TransposeB ? " Bᵀ" : "")}";

    public static GemmShape Square(int n) => new($"{n}", n, n, n);

    /// <summary>n = 64 … 2048, square.</summary>
    public static IEnumerable<GemmShape> Squares(params int[] sizes) => sizes.Select(Square);

    /// <summary>
    /// The MNIST MLP 784-300-100-10 step at batch 64: each Dense layer's forward Y = X·W,
    /// and its backward dW = Xᵀ·dY (transposeA) and dX = dY·Wᵀ (transposeB).
    /// </summary>
    public static IEnumerable<GemmShape> Mlp()
    {
        foreach (var (inputs, units) in new[] { (784, 300), (300, 100), (100, 10) })
        {
            yield return new($"{inputs}→{units} fwd Y=X·W [64×{inputs}]·[{inputs}×{units}]", 64, units, inputs);
            yield return new($"{inputs}→{units} dW=Xᵀ·dY [{inputs}×64]·[64×{units}]", inputs, units, 64, TransposeA: true);
            yield return new($"{inputs}→{units} dX=dY·Wᵀ [64×{units}]·[{units}×{inputs}]", 64, inputs, units, TransposeB: true);
        }
    }

    public float[] RandomA(Random random) => Random(random, M * K);
    public float[] RandomB(Random random) => Random(random, K * N);

    static float[] Random(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
