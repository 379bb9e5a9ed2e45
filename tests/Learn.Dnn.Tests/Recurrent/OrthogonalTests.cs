using FsCheck;
using FsCheck.Fluent;
using Learn.Dnn.Layers.Initializers;

namespace Learn.Dnn.Tests.Recurrent;

/// <summary>The orthogonal initializer: QᵀQ = I (tall or square), QQᵀ = I (wide), scaled by the gain.</summary>
public sealed class OrthogonalTests
{
    [Fact]
    public void Orthogonal_columns_or_rows_are_orthonormal_for_generated_shapes()
    {
        var cases = (from rows in Gen.Choose(1, 40)
                     from cols in Gen.Choose(1, 40)
                     from seed in Gen.Choose(0, 10_000)
                     select (rows, cols, seed)).ToArbitrary();
        Prop.ForAll(cases, c =>
        {
            var w = new Orthogonal().Create(new Shape(c.rows, c.cols), c.rows, c.cols, new Rng((ulong)c.seed)).ToArray();
            bool tall = c.rows >= c.cols;   // QᵀQ = I over the columns, else QQᵀ = I over the rows
            int count = tall ? c.cols : c.rows, length = tall ? c.rows : c.cols;
            double At(int vector, int k) => tall ? w[k * c.cols + vector] : w[vector * c.cols + k];
            for (int a = 0; a < count; a++)
                for (int b = 0; b < count; b++)
                {
                    double dot = 0;
                    for (int k = 0; k < length; k++) dot += At(a, k) * At(b, k);
                    Assert.True(Math.Abs(dot - (a == b ? 1 : 0)) < 1e-5,
                        $"Orthogonal [{c.rows}, {c.cols}] (seed {c.seed}): {(tall ? "QᵀQ" : "QQᵀ")}[{a}, {b}] = {dot}, expected {(a == b ? 1 : 0)}.");
                }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Orthogonal_scales_by_its_gain_and_is_seeded()
    {
        var shape = new Shape(6, 6);
        var one = new Orthogonal().Create(shape, 6, 6, new Rng(3)).ToArray();
        var two = new Orthogonal(2f).Create(shape, 6, 6, new Rng(3)).ToArray();
        for (int i = 0; i < one.Length; i++) Assert.Equal(2 * one[i], two[i], 5);
        Assert.Equal(one, new Orthogonal().Create(shape, 6, 6, new Rng(3)).ToArray());
    }

    [Fact]
    public void Orthogonal_matches_the_qr_with_a_positive_diagonal()
    {
        // Q = A·R⁻¹ with R upper triangular and positive on its diagonal: so QᵀA = R is upper triangular, diag > 0
        var rng = new Rng(5);
        var a = new Rng(5).Normal(new Shape(5, 3)).ToArray();
        var q = new Orthogonal().Create(new Shape(5, 3), 5, 3, rng).ToArray();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double r = Enumerable.Range(0, 5).Sum(k => (double)q[k * 3 + i] * a[k * 3 + j]);
                if (i > j) Assert.True(Math.Abs(r) < 1e-5, $"R[{i}, {j}] = {r}, expected 0 (below the diagonal).");
                if (i == j) Assert.True(r > 0, $"R[{i}, {i}] = {r}, expected positive (Keras' sign correction).");
            }
    }
}
