using FsCheck;
using FsCheck.Fluent;
using Learn.Dnn.Devices;

namespace Learn.Dnn.OpenCL.Tests;

/// <summary>
/// The parity suite: every device primitive, on generated shapes and values, computed by the
/// reference device (plain loops: the definition) and by the device under test, compared within the
/// bounds of <see cref="Tolerance"/>. It runs twice: for the fast CPU device and for OpenCL
/// (<see cref="FastCpuParityTests"/>, <see cref="OpenClParityTests"/>). The elementwise functions
/// are found by reflection, so a function added anywhere in the engine is checked without a test edit.
/// </summary>
public abstract class DeviceParityTests
{
    private static readonly IDevice Reference = Device.Reference;

    /// <summary>The device checked against the reference (a skip, or a failure under CI, when it is missing).</summary>
    protected abstract IDevice Tested { get; }

    /// <summary>One way of computing a GEMM on the tested device.</summary>
    protected delegate void GemmRun(bool transposeA, bool transposeB, int m, int n, int k, float alpha, Storage a, Storage b, float beta, Storage c);

    /// <summary>Every GEMM the tested device has: its default one unless a subclass lists more.</summary>
    protected virtual IEnumerable<(string Name, GemmRun Run)> GemmVariants(IDevice device) => [("default", device.Gemm)];

    /// <summary>Every elementwise function the engine defines (static fields of type UnaryFunction).</summary>
    public static readonly UnaryFunction[] UnaryFunctions = FunctionsOfType<UnaryFunction>();

    /// <summary>Every binary function the engine defines.</summary>
    public static readonly BinaryFunction[] BinaryFunctions = FunctionsOfType<BinaryFunction>();

    /// <summary>Every optimizer update rule the engine defines (static fields of type UpdateRule in Optimizers/).</summary>
    public static readonly UpdateRule[] UpdateRules = FunctionsOfType<UpdateRule>();

    private static T[] FunctionsOfType<T>() =>
        typeof(Tensor).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
            .Where(f => f.FieldType == typeof(T))
            .Select(f => (T)f.GetValue(null)!)
            .ToArray();

    private static void Check<T>(Arbitrary<T> inputs, Action<T> property, int tests = 60) =>
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(tests), Prop.ForAll(inputs, property));

    /// <summary>
    /// Whether the tested device computes the fast paths checked below in the reference's order (the fast
    /// CPU device does): then their results must be bit-identical, not only close.
    /// </summary>
    protected virtual bool InReferenceOrder => false;

    /// <summary>Bit-identical when the tested device computes in the reference's order, else within the elementwise tolerance.</summary>
    private void AssertAgrees(float[] want, float[] got, string what)
    {
        if (InReferenceOrder) Tolerance.AssertIdentical(want, got, what);
        else Tolerance.AssertClose(want, got, Tolerance.Relative(want, Tolerance.Elementwise), what);
    }

    /// <summary>The same numbers on both devices.</summary>
    private static (Storage Reference, Storage Tested) Both(IDevice cl, float[] values) => (Reference.Upload(values), cl.Upload(values));

    private static float[] Read(IDevice backend, Storage s)
    {
        var values = new float[s.Length];
        backend.Download(s, values);
        return values;
    }

    #region gemm
    [SkippableFact]
    public void Gemm_agrees_with_the_reference_for_every_kernel_transpose_and_size()
    {
        var cl = Tested;
        var cases =
            from m in Generators.Dimension(130)
            from n in Generators.Dimension(130)
            from k in Generators.Dimension(130)
            from transposeA in Gen.Elements(false, true)
            from transposeB in Gen.Elements(false, true)
            from beta in Gen.Elements(0f, 1f, -0.5f)
            from seed in Generators.Seed
            select (m, n, k, transposeA, transposeB, beta, seed);
        Check(cases.ToArbitrary(), c =>
        {
            float alpha = 1.5f;
            float[] a = Generators.Values(c.seed, c.m * c.k), b = Generators.Values(c.seed + 1, c.k * c.n), c0 = Generators.Values(c.seed + 2, c.m * c.n);
            var expected = Reference.Upload(c0);
            Reference.Gemm(c.transposeA, c.transposeB, c.m, c.n, c.k, alpha, Reference.Upload(a), Reference.Upload(b), c.beta, expected);
            float[] want = Read(Reference, expected);
            var bound = GemmBound(a, b, c0, c.m, c.n, c.k, c.transposeA, c.transposeB, alpha, c.beta);
            foreach (var (kernel, gemm) in GemmVariants(cl))
            {
                var actual = cl.Upload(c0);
                gemm(c.transposeA, c.transposeB, c.m, c.n, c.k, alpha, cl.Upload(a), cl.Upload(b), c.beta, actual);
                Tolerance.AssertClose(want, Read(cl, actual), bound,
                    $"Gemm ({kernel} kernel, m={c.m}, n={c.n}, k={c.k}, transposeA={c.transposeA}, transposeB={c.transposeB}, beta={c.beta}, seed={c.seed})");
            }
        }, tests: 40);
    }

    /// <summary>2·k·ε·(|α|·Σₚ|a_ip·b_pj| + |β·c_ij|) + 1e-6 for each element of C.</summary>
    private static Func<int, double> GemmBound(float[] a, float[] b, float[] c, int m, int n, int k,
                                               bool transposeA, bool transposeB, float alpha, float beta) => index =>
    {
        int i = index / n, j = index % n;
        double magnitude = 0;
        for (int p = 0; p < k; p++)
            magnitude += Math.Abs((transposeA ? a[p * m + i] : a[i * k + p]) * (transposeB ? b[j * k + p] : b[p * n + j]));
        return 2 * k * Tolerance.Epsilon * (Math.Abs(alpha) * magnitude + Math.Abs(beta * c[index])) + 1e-6;
    };

    [SkippableFact]
    public void Gemm_with_beta_zero_overwrites_whatever_c_held()
    {
        var cl = Tested;
        foreach (var (_, gemm) in GemmVariants(cl))
        {
            var c = cl.Upload([float.NaN, float.NaN, float.NaN, float.NaN]);
            gemm(false, false, 2, 2, 1, 1f, cl.Upload([1f, 2f]), cl.Upload([3f, 4f]), 0f, c);
            Assert.Equal([3f, 4f, 6f, 8f], Read(cl, c));
        }
    }
    #endregion

    [SkippableFact]
    public void Transpose_agrees_with_the_reference()
    {
        var cl = Tested;
        Check(Gen.Zip(Generators.Dimension(), Generators.Dimension()).ToArbitrary(), s =>
        {
            var (rows, cols) = s;
            var (x, xCl) = Both(cl, Generators.Values(rows + cols, rows * cols));
            var (y, yCl) = (Reference.Allocate(rows * cols), cl.Allocate(rows * cols));
            Reference.Transpose(x, rows, cols, y);
            cl.Transpose(xCl, rows, cols, yCl);
            Tolerance.AssertIdentical(Read(Reference, y), Read(cl, yCl), $"Transpose [{rows}, {cols}]");
        });
    }

    [SkippableFact]
    public void Axpy_fill_and_copy_agree_with_the_reference()
    {
        var cl = Tested;
        Check(Gen.Zip(Generators.Dimension(300), Generators.Seed).ToArbitrary(), s =>
        {
            var (n, seed) = s;
            var (x, xCl) = Both(cl, Generators.Values(seed, n));
            var (y, yCl) = Both(cl, Generators.Values(seed + 1, n));
            Reference.Axpy(-0.37f, x, y);
            cl.Axpy(-0.37f, xCl, yCl);
            var want = Read(Reference, y);
            Tolerance.AssertClose(want, Read(cl, yCl), Tolerance.Relative(want, Tolerance.Elementwise), $"Axpy (n={n})");
            cl.Fill(yCl, 2.5f);
            Assert.All(Read(cl, yCl), v => Assert.Equal(2.5f, v));
            cl.Copy(xCl, yCl);
            Tolerance.AssertIdentical(Read(Reference, x), Read(cl, yCl), $"Copy (n={n})");
        });
    }

    #region unary
    /// <summary>
    /// IEEE 754's special numbers: NaN, ±∞, ±0, subnormals, the smallest normal, the largest finite numbers. Every
    /// device must give the reference's answer on them, NaN in, NaN out.
    /// </summary>
    public static readonly float[] SpecialValues =
        [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.Epsilon, -float.Epsilon,
         1e-39f, -1e-39f, 1.17549435e-38f, float.MaxValue, float.MinValue];

    /// <summary>
    /// Inputs in each map's domain; the activations also get 0 (the kink) and ±90 (overflow-safe forms), and every
    /// map a few of <see cref="SpecialValues"/> at seeded places.
    /// </summary>
    private static float[] UnaryInputs(UnaryFunction op, int seed, int n)
    {
        var values = op.Name switch
        {
            "log" or "sqrt" => Generators.Values(seed, n, 0.01f, 5f),
            "pow" => Generators.Values(seed, n, 0.1f, 3f),
            "exp" => Generators.Values(seed, n, -10f, 10f),
            "dropout_keep" => Generators.Values(seed, n, 0f, 1f),
            _ => Generators.Values(seed, n, -6f, 6f),
        };
        WithSpecialValues(values, seed);
        if (op.Name is "log" or "sqrt" or "pow" or "exp") return values;
        if (op.Name is "dropout_keep") { values[0] = 0.4f; return values; }   // u = rate exactly: kept
        float[] special = [0f, 90f, -90f, -0f];
        for (int i = 0; i < Math.Min(n, special.Length); i++) values[i] = special[i];
        return values;
    }

    /// <summary>About one number in eight replaced by one of <see cref="SpecialValues"/>, at places drawn from the seed.</summary>
    private static void WithSpecialValues(float[] values, int seed)
    {
        for (int i = 0; i < values.Length; i++)
        {
            float draw = CounterRandom.Uniform((ulong)seed + 7_919, (ulong)i, 0f, 8f * SpecialValues.Length);
            if (draw < SpecialValues.Length) values[i] = SpecialValues[(int)draw];
        }
    }

    /// <summary>
    /// The same answer as the reference: both NaN, the same infinity, zeros of the same sign, or finite numbers
    /// within <see cref="Tolerance.Elementwise"/>·max(1, |reference|).
    /// </summary>
    private static void AssertSameAnswers(float[] want, float[] got, string what)
    {
        for (int i = 0; i < want.Length; i++)
        {
            bool same = float.IsNaN(want[i]) ? float.IsNaN(got[i])
                      : float.IsInfinity(want[i]) || float.IsInfinity(got[i]) ? want[i] == got[i]
                      : want[i] == 0f && got[i] == 0f ? float.IsNegative(want[i]) == float.IsNegative(got[i])
                      : Math.Abs((double)want[i] - got[i]) <= Tolerance.Elementwise * Math.Max(1.0, Math.Abs((double)want[i]));
            if (!same) throw new Xunit.Sdk.XunitException($"{what}: element {i} is {want[i]:R} on the reference and {got[i]:R} on the device.");
        }
    }

    /// <summary>
    /// The device-agreement property over special values: every map, its derivative and every binary op, with each
    /// input drawn from <see cref="SpecialValues"/> or ordinary numbers, gives the reference's answer.
    /// </summary>
    [SkippableFact]
    public void Every_map_derivative_and_binary_op_agrees_with_the_reference_on_special_values()
    {
        var cl = Tested;
        var value = Gen.OneOf(Gen.Elements(SpecialValues), Gen.Elements(1f, -1f, 0.5f, -2.75f, 90f, -90f));
        var unary = from op in Gen.Elements(UnaryFunctions)
                    from x in value.ArrayOf().Where(v => v.Length > 0)
                    from dy in Gen.Elements(1f, -2.5f, 0f, float.NaN, float.PositiveInfinity).ArrayOf(x.Length)
                    select (op, x, dy);
        Check(unary.ToArbitrary(), c =>
        {
            float p = Parameter(c.op);
            int n = c.x.Length;
            var (x, xCl) = Both(cl, c.x);
            var (dy, dyCl) = Both(cl, c.dy);
            var (y, yCl) = (Reference.Allocate(n), cl.Allocate(n));
            var (dx, dxCl) = (Reference.Allocate(n), cl.Allocate(n));
            Reference.Unary(c.op, p, x, y);
            cl.Unary(c.op, p, xCl, yCl);
            var want = Read(Reference, y);
            AssertSameAnswers(want, Read(cl, yCl), $"{c.op} of [{string.Join(", ", c.x)}]");
            Reference.UnaryBackward(c.op, p, x, y, dy, dx);
            cl.UnaryBackward(c.op, p, xCl, cl.Upload(want), dyCl, dxCl);
            AssertSameAnswers(Read(Reference, dx), Read(cl, dxCl), $"{c.op}' of [{string.Join(", ", c.x)}] times [{string.Join(", ", c.dy)}]");
        }, tests: 200);

        var binary = from op in Gen.Elements(BinaryFunctions)
                     from a in value.ArrayOf().Where(v => v.Length > 0)
                     from b in value.ArrayOf(a.Length)
                     select (op, a, b);
        Check(binary.ToArbitrary(), c =>
        {
            var shape = new Shape(c.a.Length);
            var (a, aCl) = Both(cl, c.a);
            var (b, bCl) = Both(cl, c.b);
            var (y, yCl) = (Reference.Allocate(shape.Size), cl.Allocate(shape.Size));
            Reference.Binary(c.op, a, shape, b, shape, y, shape);
            cl.Binary(c.op, aCl, shape, bCl, shape, yCl, shape);
            AssertSameAnswers(Read(Reference, y), Read(cl, yCl), $"{c.op} of [{string.Join(", ", c.a)}] and [{string.Join(", ", c.b)}]");
        }, tests: 200);
    }

    private static float Parameter(UnaryFunction op) => op.Name switch
    {
        "pow" => 2.5f,
        "leaky_relu" => 0.3f,
        "elu" => 1.0f,
        "scale" => -1.75f,
        "add_scalar" => 0.625f,
        "dropout_keep" => 0.4f,
        _ => 0f,
    };

    [SkippableFact]
    public void Every_unary_map_and_its_derivative_agree_with_the_reference()
    {
        var cl = Tested;
        var cases = from op in Gen.Elements(UnaryFunctions)
                    from n in Generators.Dimension(300)
                    from seed in Generators.Seed
                    select (op, n, seed);
        Check(cases.ToArbitrary(), c => UnaryParity(cl, c.op, c.n, c.seed), tests: 150);
    }

    [SkippableFact]
    public void Each_unary_map_is_covered_at_its_special_points()
    {
        var cl = Tested;
        foreach (var op in UnaryFunctions) UnaryParity(cl, op, 37, 7);   // ReLU'(0) = 0, σ(±90), softplus(±90)...
    }

    private static void UnaryParity(IDevice cl, UnaryFunction op, int n, int seed)
    {
        float p = Parameter(op);
        var (x, xCl) = Both(cl, UnaryInputs(op, seed, n));
        var (y, yCl) = (Reference.Allocate(n), cl.Allocate(n));
        Reference.Unary(op, p, x, y);
        cl.Unary(op, p, xCl, yCl);
        var want = Read(Reference, y);
        Tolerance.AssertClose(want, Read(cl, yCl), Tolerance.Relative(want, Tolerance.Elementwise), $"Unary {op} (n={n}, seed={seed})");

        // Backward from the CPU's y on both sides, so only f' is compared.
        var (dy, dyCl) = Both(cl, Generators.Values(seed + 1, n));
        var yBoth = cl.Upload(want);
        var (dx, dxCl) = (Reference.Allocate(n), cl.Allocate(n));
        Reference.UnaryBackward(op, p, x, y, dy, dx);
        cl.UnaryBackward(op, p, xCl, yBoth, dyCl, dxCl);
        var wantDx = Read(Reference, dx);
        Tolerance.AssertClose(wantDx, Read(cl, dxCl), Tolerance.Relative(wantDx, Tolerance.Elementwise), $"UnaryBackward {op} (n={n}, seed={seed})");
    }
    #endregion

    #region binary
    [SkippableFact]
    public void Every_binary_op_with_broadcasting_agrees_with_the_reference()
    {
        var cl = Tested;
        var cases = from shapes in Generators.BroadcastPair
                    from op in Gen.Elements(BinaryFunctions)
                    from swap in Gen.Elements(false, true)
                    from seed in Generators.Seed
                    select (A: swap ? shapes.B : shapes.A, B: swap ? shapes.A : shapes.B, op, seed);
        Check(cases.ToArbitrary(), c =>
        {
            var cShape = Shape.Broadcast(c.A, c.B, "test");
            float[] aValues = Generators.Values(c.seed, c.A.Size), bValues = Generators.Values(c.seed + 1, c.B.Size);
            WithSpecialValues(aValues, c.seed);
            WithSpecialValues(bValues, c.seed + 1);
            if (c.op.Name == "equal")   // make some elements equal, or Equal would only ever say 0
                for (int i = 0; i < Math.Min(aValues.Length, bValues.Length); i += 2) bValues[i] = aValues[i];
            var (a, aCl) = Both(cl, aValues);
            var (b, bCl) = Both(cl, bValues);
            var (y, yCl) = (Reference.Allocate(cShape.Size), cl.Allocate(cShape.Size));
            Reference.Binary(c.op, a, c.A, b, c.B, y, cShape);
            cl.Binary(c.op, aCl, c.A, bCl, c.B, yCl, cShape);
            var want = Read(Reference, y);
            Tolerance.AssertClose(want, Read(cl, yCl), Tolerance.Relative(want, Tolerance.Elementwise),
                $"Binary {c.op} of {c.A} and {c.B} (seed={c.seed})");
        }, tests: 150);
    }

    [SkippableFact]
    public void SumToShape_reverses_every_broadcast_like_the_reference()
    {
        var cl = Tested;
        var cases = from shapes in Generators.BroadcastPair
                    from seed in Generators.Seed
                    select (shapes.A, shapes.B, seed);
        Check(cases.ToArbitrary(), c =>
        {
            var xShape = Shape.Broadcast(c.A, c.B, "test");
            foreach (var yShape in new[] { c.A, c.B })   // the gradient of each input of a broadcast op
            {
                var (x, xCl) = Both(cl, Generators.Values(c.seed, xShape.Size));
                var (y, yCl) = (Reference.Allocate(yShape.Size), cl.Upload(Generators.Values(99, yShape.Size)));   // stale numbers must be overwritten
                Reference.SumToShape(x, xShape, y, yShape);
                cl.SumToShape(xCl, xShape, yCl, yShape);
                var want = Read(Reference, y);
                Tolerance.AssertClose(want, Read(cl, yCl), Tolerance.Relative(want, Tolerance.Elementwise), $"SumToShape {xShape} -> {yShape} (seed={c.seed})");
            }
        }, tests: 100);
    }
    #endregion

    #region rows
    /// <summary>
    /// A bias broadcast along the rows ([N, H, W, C] ∘ [C], [batch, units] ∘ [1, units]) and its reverse, for
    /// every binary op: the fast CPU device runs these row by row, so they must match the reference exactly.
    /// </summary>
    [SkippableFact]
    public void Every_binary_op_broadcast_along_rows_agrees_with_the_reference()
    {
        var cl = Tested;
        var cases = from shapes in Generators.RowBroadcastPair
                    from op in Gen.Elements(BinaryFunctions)
                    from rowFirst in Gen.Elements(false, true)
                    from seed in Generators.Seed
                    select (A: rowFirst ? shapes.Row : shapes.Full, B: rowFirst ? shapes.Full : shapes.Row, op, seed);
        Check(cases.ToArbitrary(), c => BinaryParity(cl, c.op, c.A, c.B, c.seed), tests: 150);
    }

    /// <summary>The shapes next to the row path's: a broadcast in the middle or along columns, equal shapes, a scalar.</summary>
    [SkippableFact]
    public void Broadcasts_that_are_not_along_rows_agree_with_the_reference()
    {
        var cl = Tested;
        (Shape, Shape)[] pairs = [([3, 4, 8], [3, 1, 8]), ([2, 9], [2, 1]), ([5, 1, 8], [4, 8]), ([6, 16], [6, 16]), ([6, 16], [1]), ([1, 16], [6, 1])];
        foreach (var (a, b) in pairs)
            foreach (var op in BinaryFunctions)
            {
                BinaryParity(cl, op, a, b, 3);
                BinaryParity(cl, op, b, a, 4);
            }
    }

    private void BinaryParity(IDevice cl, BinaryFunction op, Shape aShape, Shape bShape, int seed)
    {
        var cShape = Shape.Broadcast(aShape, bShape, "test");
        var (a, aCl) = Both(cl, Generators.Values(seed, aShape.Size));
        var (b, bCl) = Both(cl, Generators.Values(seed + 1, bShape.Size));
        var (y, yCl) = (Reference.Allocate(cShape.Size), cl.Allocate(cShape.Size));
        Reference.Binary(op, a, aShape, b, bShape, y, cShape);
        cl.Binary(op, aCl, aShape, bCl, bShape, yCl, cShape);
        AssertAgrees(Read(Reference, y), Read(cl, yCl), $"Binary {op} of {aShape} and {bShape} (seed={seed})");
    }

    /// <summary>The bias gradient: [N, H, W, C] summed down to [C] (or [1, C]); the fast CPU device adds row after row, as the reference.</summary>
    [SkippableFact]
    public void SumToShape_down_to_a_row_agrees_with_the_reference()
    {
        var cl = Tested;
        var cases = from shapes in Generators.RowBroadcastPair
                    from seed in Generators.Seed
                    select (shapes.Full, shapes.Row, seed);
        Check(cases.ToArbitrary(), c =>
        {
            var (x, xCl) = Both(cl, Generators.Values(c.seed, c.Full.Size));
            var (y, yCl) = (Reference.Allocate(c.Row.Size), cl.Upload(Generators.Values(99, c.Row.Size)));   // stale numbers must be overwritten
            Reference.SumToShape(x, c.Full, y, c.Row);
            cl.SumToShape(xCl, c.Full, yCl, c.Row);
            AssertAgrees(Read(Reference, y), Read(cl, yCl), $"SumToShape {c.Full} -> {c.Row} (seed={c.seed})");
        }, tests: 100);
    }
    #endregion

    #region reductions
    [SkippableFact]
    public void Reduce_sum_and_max_over_the_middle_axis_agree_with_the_reference()
    {
        var cl = Tested;
        var cases = from outer in Generators.Dimension(20)
                    from length in Generators.Dimension(70)
                    from inner in Generators.Dimension(20)
                    from op in Gen.Elements(Enum.GetValues<ReduceOp>())
                    from seed in Generators.Seed
                    select (outer, length, inner, op, seed);
        Check(cases.ToArbitrary(), c =>
        {
            var (x, xCl) = Both(cl, Generators.Values(c.seed, c.outer * c.length * c.inner));
            var (y, yCl) = (Reference.Allocate(c.outer * c.inner), cl.Allocate(c.outer * c.inner));
            Reference.Reduce(c.op, x, c.outer, c.length, c.inner, y);
            cl.Reduce(c.op, xCl, c.outer, c.length, c.inner, yCl);
            var want = Read(Reference, y);
            Tolerance.AssertClose(want, Read(cl, yCl), Tolerance.Relative(want, Tolerance.Elementwise),
                $"Reduce {c.op} over [{c.outer}, {c.length}, {c.inner}] (seed={c.seed})");
        });
    }

    [SkippableFact]
    public void Softmax_and_log_softmax_agree_with_the_reference_even_for_large_logits()
    {
        var cl = Tested;
        var cases = from rows in Generators.Dimension(40)
                    from cols in Generators.Dimension(80)
                    from scale in Gen.Elements(1f, 10f, 1000f)   // logits up to ±3000: e^x overflows unless the max is subtracted
                    from log in Gen.Elements(false, true)
                    from seed in Generators.Seed
                    select (rows, cols, scale, log, seed);
        Check(cases.ToArbitrary(), c =>
        {
            var (x, xCl) = Both(cl, Generators.Values(c.seed, c.rows * c.cols, -3f * c.scale, 3f * c.scale));
            var (y, yCl) = (Reference.Allocate(c.rows * c.cols), cl.Allocate(c.rows * c.cols));
            Reference.Softmax(x, c.rows, c.cols, y, c.log);
            cl.Softmax(xCl, c.rows, c.cols, yCl, c.log);
            var want = Read(Reference, y);
            var got = Read(cl, yCl);
            Assert.All(got, v => Assert.True(float.IsFinite(v), $"softmax gave {v} for logits scaled by {c.scale}"));
            Tolerance.AssertClose(want, got, Tolerance.Relative(want, Tolerance.Elementwise),
                $"{(c.log ? "LogSoftmax" : "Softmax")} [{c.rows}, {c.cols}] with logits up to ±{3 * c.scale} (seed={c.seed})");
        });
    }

    [SkippableFact]
    public void GatherRows_agrees_with_the_reference()
    {
        var cl = Tested;
        var cases = from available in Generators.Dimension(50)
                    from rowLength in Generators.Dimension(40)
                    from picks in Gen.Choose(0, available - 1).ArrayOf()
                    from seed in Generators.Seed
                    select (available, rowLength, picks, seed);
        Check(cases.ToArbitrary(), c =>
        {
            var (x, xCl) = Both(cl, Generators.Values(c.seed, c.available * c.rowLength));
            var (y, yCl) = (Reference.Allocate(c.picks.Length * c.rowLength), cl.Allocate(c.picks.Length * c.rowLength));
            Reference.GatherRows(x, c.rowLength, c.picks, y);
            cl.GatherRows(xCl, c.rowLength, c.picks, yCl);
            Tolerance.AssertIdentical(Read(Reference, y), Read(cl, yCl), $"GatherRows of rows [{string.Join(", ", c.picks)}] of length {c.rowLength}");
        });
    }

    [SkippableFact]
    public void CopyColumns_agrees_with_the_reference_and_the_fast_cpu()
    {
        var cl = Tested;
        var cases = from rows in Generators.Dimension(20)
                    from sourceColumns in Generators.Dimension(30)
                    from destinationColumns in Generators.Dimension(30)
                    from sourceStart in Gen.Choose(0, sourceColumns - 1)
                    from destinationStart in Gen.Choose(0, destinationColumns - 1)
                    from accumulate in Gen.Elements(false, true)
                    from seed in Generators.Seed
                    select (rows, sourceColumns, destinationColumns, sourceStart, destinationStart, accumulate, seed);
        Check(cases.ToArbitrary(), c =>
        {
            int count = Math.Min(c.sourceColumns - c.sourceStart, c.destinationColumns - c.destinationStart);
            var (x, xCl) = Both(cl, Generators.Values(c.seed, c.rows * c.sourceColumns));
            var (y, yCl) = Both(cl, Generators.Values(c.seed + 1, c.rows * c.destinationColumns));
            var xCpu = Device.Cpu.Upload(Generators.Values(c.seed, c.rows * c.sourceColumns));
            var yCpu = Device.Cpu.Upload(Generators.Values(c.seed + 1, c.rows * c.destinationColumns));
            Reference.CopyColumns(x, c.sourceColumns, c.sourceStart, y, c.destinationColumns, c.destinationStart, c.rows, count, c.accumulate);
            cl.CopyColumns(xCl, c.sourceColumns, c.sourceStart, yCl, c.destinationColumns, c.destinationStart, c.rows, count, c.accumulate);
            Device.Cpu.CopyColumns(xCpu, c.sourceColumns, c.sourceStart, yCpu, c.destinationColumns, c.destinationStart, c.rows, count, c.accumulate);
            string what = $"CopyColumns of {count} columns from {c.sourceStart} of [{c.rows}, {c.sourceColumns}] to {c.destinationStart} of [{c.rows}, {c.destinationColumns}] (accumulate={c.accumulate}, seed={c.seed})";
            Tolerance.AssertIdentical(Read(Reference, y), Read(cl, yCl), what + " on OpenCL");
            Tolerance.AssertIdentical(Read(Reference, y), Read(Device.Cpu, yCpu), what + " on the fast CPU");
        });
    }
    #endregion

    #region convolution
    /// <summary>Window geometries: batch 1–3, images 1–12 (non-square), windows 1–4, strides 1–3, both paddings, 1–5 channels and filters.</summary>
    private static Gen<(Window2D Window, int Filters, int Seed)> Windows =>
        from n in Gen.Choose(1, 3)
        from h in Gen.Choose(1, 12)
        from w in Gen.Choose(1, 12)
        from c in Gen.Choose(1, 5)
        from kh in Gen.Choose(1, 4)
        from kw in Gen.Choose(1, 4)
        from sh in Gen.Choose(1, 3)
        from sw in Gen.Choose(1, 3)
        from padding in Gen.Elements(Padding.Valid, Padding.Same)
        from filters in Gen.Choose(1, 5)
        from seed in Generators.Seed
        let window = Window2D.Create(n, h, w, c, kh, kw, sh, sw, padding)
        where window.OutHeight > 0 && window.OutWidth > 0
        select (window, filters, seed);

    /// <summary>
    /// A sum of <paramref name="terms"/> products, each side rounded differently: 2·terms·ε times the sum of
    /// the magnitudes (the same primitive run on |inputs| by the reference gives it) + 1e-6, as for GEMM.
    /// </summary>
    private static Func<int, double> SumBound(float[] magnitudes, int terms) =>
        i => 2 * terms * Tolerance.Epsilon * magnitudes[i] + 1e-6;

    private static float[] Abs(float[] values) => values.Select(MathF.Abs).ToArray();

    [SkippableFact]
    public void Conv2D_and_its_two_gradients_agree_with_the_reference()
    {
        var cl = Tested;
        Check(Windows.ToArbitrary(), c =>
        {
            var (w, f, seed) = c;
            int outputs = w.Positions * f, kernelSize = w.WindowSize * f;
            float[] x = Generators.Values(seed, w.InputSize), k = Generators.Values(seed + 1, kernelSize), dy = Generators.Values(seed + 2, outputs);
            string what = $"{w} with {f} filters (seed={seed})";

            float[] Run(IDevice device, int length, Action<IDevice, Storage> primitive)
            {
                var result = device.Allocate(length);
                device.Fill(result, float.NaN);   // every output must be written
                primitive(device, result);
                return Read(device, result);
            }
            float[] Forward(IDevice d, float[] xs, float[] ks) => Run(d, outputs, (d, y) => d.Conv2D(w, f, d.Upload(xs), d.Upload(ks), y));
            float[] BackwardInput(IDevice d, float[] dys, float[] ks) => Run(d, w.InputSize, (d, dx) => d.Conv2DBackwardInput(w, f, d.Upload(dys), d.Upload(ks), dx));
            float[] BackwardKernel(IDevice d, float[] xs, float[] dys) => Run(d, kernelSize, (d, dk) => d.Conv2DBackwardKernel(w, f, d.Upload(xs), d.Upload(dys), dk));

            Tolerance.AssertClose(Forward(Reference, x, k), Forward(cl, x, k),
                SumBound(Forward(Reference, Abs(x), Abs(k)), w.WindowSize), $"Conv2D {what}");
            Tolerance.AssertClose(BackwardInput(Reference, dy, k), BackwardInput(cl, dy, k),
                SumBound(BackwardInput(Reference, Abs(dy), Abs(k)), w.WindowHeight * w.WindowWidth * f), $"Conv2DBackwardInput {what}");
            Tolerance.AssertClose(BackwardKernel(Reference, x, dy), BackwardKernel(cl, x, dy),
                SumBound(BackwardKernel(Reference, Abs(x), Abs(dy)), w.Positions), $"Conv2DBackwardKernel {what}");
        }, tests: 60);
    }

    [SkippableFact]
    public void Conv2D_agrees_with_the_reference_on_seed_003s_first_layer_shape()
    {
        var cl = Tested;   // 28×28×1 → 32 filters of 3×3: im2col's rows are not a multiple of any GEMM tile
        var w = Window2D.Create(3, 28, 28, 1, 3, 3, 1, 1, Padding.Valid);
        float[] x = Generators.Values(1, w.InputSize), k = Generators.Values(2, w.WindowSize * 32);
        var (y, yCl) = (Reference.Allocate(w.Positions * 32), cl.Allocate(w.Positions * 32));
        Reference.Conv2D(w, 32, Reference.Upload(x), Reference.Upload(k), y);
        cl.Conv2D(w, 32, cl.Upload(x), cl.Upload(k), yCl);
        var bound = Reference.Allocate(w.Positions * 32);
        Reference.Conv2D(w, 32, Reference.Upload(Abs(x)), Reference.Upload(Abs(k)), bound);
        Tolerance.AssertClose(Read(Reference, y), Read(cl, yCl), SumBound(Read(Reference, bound), w.WindowSize), "Conv2D 28×28×1 ⊛ 3×3×1×32");
    }

    /// <summary>
    /// Batches whose unrolled windows are too large for one block of the fast CPU device's im2col (one image
    /// of the first window unrolls to 40·40·72 numbers; a block holds 5 images of the second, so 13 images
    /// make blocks of 5, 5 and 3): the batch goes through block by block, and dKernel adds up the blocks' products.
    /// </summary>
    [SkippableFact]
    public void Conv2D_in_blocks_of_images_agrees_with_the_reference()
    {
        var cl = Tested;
        const int f = 5;
        foreach (var w in new[] { Window2D.Create(3, 40, 40, 8, 3, 3, 1, 1, Padding.Same), Window2D.Create(13, 41, 37, 8, 3, 3, 2, 2, Padding.Valid) })
        {
            float[] x = Generators.Values(1, w.InputSize), k = Generators.Values(2, w.WindowSize * f), dy = Generators.Values(3, w.Positions * f);
            float[] Run(IDevice d, int length, Action<IDevice, Storage> primitive)
            {
                var result = d.Allocate(length);
                d.Fill(result, float.NaN);
                primitive(d, result);
                return Read(d, result);
            }
            float[] Forward(IDevice d, float[] xs, float[] ks) => Run(d, w.Positions * f, (d, y) => d.Conv2D(w, f, d.Upload(xs), d.Upload(ks), y));
            float[] BackwardInput(IDevice d, float[] dys, float[] ks) => Run(d, w.InputSize, (d, dx) => d.Conv2DBackwardInput(w, f, d.Upload(dys), d.Upload(ks), dx));
            float[] BackwardKernel(IDevice d, float[] xs, float[] dys) => Run(d, w.WindowSize * f, (d, dk) => d.Conv2DBackwardKernel(w, f, d.Upload(xs), d.Upload(dys), dk));
            Tolerance.AssertClose(Forward(Reference, x, k), Forward(cl, x, k), SumBound(Forward(Reference, Abs(x), Abs(k)), w.WindowSize), $"Conv2D {w}");
            Tolerance.AssertClose(BackwardInput(Reference, dy, k), BackwardInput(cl, dy, k),
                SumBound(BackwardInput(Reference, Abs(dy), Abs(k)), w.WindowHeight * w.WindowWidth * f), $"Conv2DBackwardInput {w}");
            Tolerance.AssertClose(BackwardKernel(Reference, x, dy), BackwardKernel(cl, x, dy),
                SumBound(BackwardKernel(Reference, Abs(x), Abs(dy)), w.Positions), $"Conv2DBackwardKernel {w}");
        }
    }

    [SkippableFact]
    public void Max_and_average_pooling_and_their_gradients_agree_with_the_reference()
    {
        var cl = Tested;
        var cases = from g in Windows
                    from op in Gen.Elements(PoolOp.Max, PoolOp.Average)
                    from ties in Gen.Elements(false, true)
                    select (g.Window, op, ties, g.Seed);
        Check(cases.ToArbitrary(), c =>
        {
            var (w, op, ties, seed) = c;
            float[] x = Generators.Values(seed, w.InputSize);
            if (ties) x = x.Select(v => MathF.Round(v)).ToArray();   // few distinct values: max pooling must break ties the same way
            float[] dy = Generators.Values(seed + 1, w.Positions * w.Channels);
            string what = $"{op} {w}{(ties ? " with ties" : "")} (seed={seed})";

            var (y, yCl) = (Reference.Allocate(w.Positions * w.Channels), cl.Allocate(w.Positions * w.Channels));
            Reference.Pool2D(op, w, Reference.Upload(x), y);
            cl.Pool2D(op, w, cl.Upload(x), yCl);
            var want = Read(Reference, y);
            if (op == PoolOp.Max) Tolerance.AssertIdentical(want, Read(cl, yCl), $"Pool2D {what}");
            else Tolerance.AssertClose(want, Read(cl, yCl), Tolerance.Relative(want, Tolerance.Elementwise), $"Pool2D {what}");

            var (dx, dxCl) = (Reference.Allocate(w.InputSize), cl.Allocate(w.InputSize));
            cl.Fill(dxCl, float.NaN);   // every cell of dx must be written, the ones no window covers too
            Reference.Pool2DBackward(op, w, Reference.Upload(x), Reference.Upload(dy), dx);
            cl.Pool2DBackward(op, w, cl.Upload(x), cl.Upload(dy), dxCl);
            var wantDx = Read(Reference, dx);
            int overlap = ((w.WindowHeight + w.StrideHeight - 1) / w.StrideHeight) * ((w.WindowWidth + w.StrideWidth - 1) / w.StrideWidth);
            Tolerance.AssertClose(wantDx, Read(cl, dxCl), i => overlap * 4 * Tolerance.Epsilon * Math.Max(1, Math.Abs(wantDx[i])) * 3 + 1e-6,
                $"Pool2DBackward {what}");
        }, tests: 80);
    }
    /// <summary>
    /// Pooling over many channels (the fast CPU device takes 8 channels at a time, then the rest one by one):
    /// 7 to 33 channels, overlapping and padded windows, ties; the fast CPU device must match the reference exactly.
    /// </summary>
    [SkippableFact]
    public void Pooling_over_many_channels_agrees_with_the_reference()
    {
        var cl = Tested;
        var cases = from channels in Gen.Elements(7, 8, 9, 16, 17, 32, 33)
                    from size in Gen.Choose(2, 9)
                    from pool in Gen.Choose(1, 3)
                    from stride in Gen.Choose(1, 3)
                    from padding in Gen.Elements(Padding.Valid, Padding.Same)
                    from op in Gen.Elements(PoolOp.Max, PoolOp.Average)
                    from ties in Gen.Elements(false, true)
                    from seed in Generators.Seed
                    let window = Window2D.Create(2, size, size + 1, channels, pool, pool, stride, stride, padding)
                    where window.OutHeight > 0 && window.OutWidth > 0
                    select (window, op, ties, seed);
        Check(cases.ToArbitrary(), c =>
        {
            var (w, op, ties, seed) = c;
            float[] x = Generators.Values(seed, w.InputSize);
            if (ties) x = x.Select(v => MathF.Round(v)).ToArray();   // −0 and +0, and equal maxima
            float[] dy = Generators.Values(seed + 1, w.Positions * w.Channels);
            string what = $"{op} {w}{(ties ? " with ties" : "")} (seed={seed})";

            var (y, yCl) = (Reference.Allocate(w.Positions * w.Channels), cl.Allocate(w.Positions * w.Channels));
            Reference.Pool2D(op, w, Reference.Upload(x), y);
            cl.Pool2D(op, w, cl.Upload(x), yCl);
            AssertAgrees(Read(Reference, y), Read(cl, yCl), $"Pool2D {what}");

            var (dx, dxCl) = (Reference.Allocate(w.InputSize), cl.Allocate(w.InputSize));
            cl.Fill(dxCl, float.NaN);   // every cell of dx must be written
            Reference.Pool2DBackward(op, w, Reference.Upload(x), Reference.Upload(dy), dx);
            cl.Pool2DBackward(op, w, cl.Upload(x), cl.Upload(dy), dxCl);
            AssertAgrees(Read(Reference, dx), Read(cl, dxCl), $"Pool2DBackward {what}");
        }, tests: 80);
    }
    #endregion

    #region random
    [SkippableFact]
    public void Uniform_random_numbers_are_bit_identical_and_normal_ones_agree()
    {
        var cl = Tested;
        var cases = from n in Generators.Dimension(500)
                    from seed in Gen.Choose(0, int.MaxValue)
                    from counter in Gen.Choose(0, int.MaxValue)
                    from highBits in Gen.Elements(0UL, 1UL << 40, ulong.MaxValue - (1UL << 32))   // counters near 2⁶⁴ wrap the same way
                    select (n, seed: (ulong)seed * 0x9E37UL, counter: (ulong)counter + highBits);
        Check(cases.ToArbitrary(), c =>
        {
            var (y, yCl) = (Reference.Allocate(c.n), cl.Allocate(c.n));
            Reference.Random(RandomDistribution.Uniform, c.seed, c.counter, -2f, 3f, y);
            cl.Random(RandomDistribution.Uniform, c.seed, c.counter, -2f, 3f, yCl);
            Tolerance.AssertIdentical(Read(Reference, y), Read(cl, yCl), $"Uniform (seed={c.seed}, counter={c.counter})");

            Reference.Random(RandomDistribution.Normal, c.seed, c.counter, 0.5f, 2f, y);
            cl.Random(RandomDistribution.Normal, c.seed, c.counter, 0.5f, 2f, yCl);
            var want = Read(Reference, y);
            Tolerance.AssertClose(want, Read(cl, yCl), Tolerance.Relative(want, Tolerance.Normal), $"Normal (seed={c.seed}, counter={c.counter})");
        });
    }
    #endregion

    #region optimizer-updates
    /// <summary>Hyper-parameters by name, typical of training; Nadam's momentum products are those of step 3.</summary>
    private static float HyperParameter(string name) => name switch
    {
        "lr" or "alpha" => 0.01f,
        "beta1" => 0.9f,
        "beta2" => 0.999f,
        "rho" or "momentum" => 0.9f,
        "epsilon" => 1e-7f,
        "u" => 0.46f,
        "u_next" => 0.47f,
        "u_product" => 0.095f,
        "u_product_next" => 0.045f,
        "beta2_power" => 0.997f,
        _ => 0.5f,
    };

    /// <summary>
    /// Slot values a rule can meet: running means of squares are positive; a centered RMSprop's mean
    /// gradient ḡ stays small enough that v − ḡ² &gt; 0.
    /// </summary>
    private static float[] SlotValues(string slot, int seed, int n) =>
        slot == "gbar" ? Generators.Values(seed, n, -0.3f, 0.3f) : Generators.Values(seed, n, 0.5f, 2f);

    [SkippableFact]
    public void Every_optimizer_update_rule_agrees_with_the_reference_on_the_weight_and_every_slot()
    {
        var cl = Tested;
        Assert.Contains(UpdateRules, r => r.Name == "adam");   // the reflection found the optimizers' rules
        var cases = from rule in Gen.Elements(UpdateRules)
                    from n in Gen.OneOf(Generators.Dimension(300), Gen.Constant(70_001))   // 70,001: several CPU chunks and a SIMD tail
                    from seed in Generators.Seed
                    select (rule, n, seed);
        Check(cases.ToArbitrary(), c => UpdateParity(cl, c.rule, c.n, c.seed), tests: 60);
        foreach (var rule in UpdateRules) UpdateParity(cl, rule, 37, 11);   // each rule at least once
    }

    private static void UpdateParity(IDevice cl, UpdateRule rule, int n, int seed)
    {
        float[] hyper = rule.Hyper.Select(HyperParameter).ToArray();
        var (w, wCl) = Both(cl, Generators.Values(seed, n));
        var (g, gCl) = Both(cl, Generators.Values(seed + 1, n));
        var slots = rule.Slots.Select((name, k) => Both(cl, SlotValues(name, seed + 2 + k, n))).ToArray();
        for (int step = 0; step < 2; step++)   // two steps: the second reads slots the device itself wrote
        {
            Reference.Update(rule, w, g, slots.Select(s => s.Reference).ToArray(), hyper);
            cl.Update(rule, wCl, gCl, slots.Select(s => s.Tested).ToArray(), hyper);
        }
        string what = $"Update {rule} (n={n}, seed={seed}, hyper [{string.Join(", ", rule.Hyper.Zip(hyper, (h, v) => $"{h}={v}"))}])";
        var want = Read(Reference, w);
        Tolerance.AssertClose(want, Read(cl, wCl), Tolerance.Relative(want, Tolerance.Elementwise), $"{what}: the weight");
        for (int k = 0; k < slots.Length; k++)
        {
            var wantSlot = Read(Reference, slots[k].Reference);
            Tolerance.AssertClose(wantSlot, Read(cl, slots[k].Tested), Tolerance.Relative(wantSlot, Tolerance.Elementwise), $"{what}: slot {rule.Slots[k]}");
        }
        Tolerance.AssertIdentical(Read(Reference, g), Read(cl, gCl), $"{what}: the gradient must be left unchanged");
    }
    #endregion

    #region dropout
    [SkippableFact]
    public void Dropout_masks_are_bit_identical_to_the_reference_for_the_same_seed()
    {
        var cl = Tested;
        var cases = from rows in Generators.Dimension(60)
                    from cols in Generators.Dimension(60)
                    from rate in Gen.Elements(0.1, 0.5, 0.9)
                    from seed in Gen.Choose(0, int.MaxValue)
                    from broadcast in Gen.Elements(false, true)
                    select (rows, cols, rate, seed: (ulong)seed, broadcast);
        Check(cases.ToArbitrary(), c =>
        {
            int?[]? noise = c.broadcast ? [null, 1] : null;
            float[] x = Generators.Values((int)(c.seed % 1000), c.rows * c.cols);
            float[] Masked(IDevice device)
            {
                var dropout = new Learn.Dnn.Layers.Dropout(c.rate, noise, seed: c.seed);
                var input = Tensor.FromArray(x, new Shape(c.rows, c.cols), device);
                dropout.Call(input, training: true);                    // a second call draws from further along the stream
                return dropout.Call(input, training: true).ToArray();
            }
            Tolerance.AssertIdentical(Masked(Reference), Masked(cl), $"Dropout (rate={c.rate}, seed={c.seed}, {c.rows}×{c.cols}, noiseShape {(c.broadcast ? "[null, 1]" : "null")})");
        }, tests: 40);
    }
    #endregion

    #region recurrent-cells
    private static readonly UnaryFunction Sigmoid = Learn.Dnn.Activations.Sigmoid.Elementwise, Tanh = Learn.Dnn.Activations.Tanh.Elementwise;

    /// <summary>Batch 1–5, 1–40 units (the fast CPU runs 16 at a time, then the rest one by one), 1–6 steps, a step t among them, and a seed.</summary>
    private static Gen<(int Batch, int Units, int Steps, int T, int Seed)> CellCases =>
        from batch in Gen.Choose(1, 5)
        from units in Gen.Choose(1, 40)
        from steps in Gen.Choose(1, 6)
        from t in Gen.Choose(0, steps - 1)
        from seed in Generators.Seed
        select (batch, units, steps, t, seed);

    /// <summary>
    /// Runs <paramref name="step"/> on the reference and on the tested device over the same random
    /// storages (lengths <paramref name="lengths"/>, seeded), and compares every storage afterwards:
    /// the outputs, and the inputs the primitive must leave unchanged or update in place.
    /// </summary>
    private void CheckCell(string what, int seed, int[] lengths, Action<IDevice, Storage[]> step)
    {
        var device = Tested;
        var values = lengths.Select((n, k) => Generators.Values(seed + k, n, -2f, 2f)).ToArray();
        var expected = values.Select(v => Reference.Upload(v)).ToArray();
        var actual = values.Select(v => device.Upload(v)).ToArray();
        step(Reference, expected);
        step(device, actual);
        for (int k = 0; k < lengths.Length; k++)
        {
            var e = Read(Reference, expected[k]);
            Tolerance.AssertClose(e, Read(device, actual[k]), Tolerance.Relative(e, Tolerance.Elementwise), $"{what}: storage {k}");
        }
    }

    [SkippableFact]
    public void LstmCell_and_its_backward_agree_with_the_reference()
    {
        Check(CellCases.ToArbitrary(), c =>
        {
            var (n, u, T, t) = (c.Batch, c.Units, c.Steps, c.T);
            string what = $"LstmCell batch={n} units={u} steps={T} t={t} seed={c.Seed}";
            // projections, recurrent, bias, gates, cells, hidden, state
            CheckCell(what, c.Seed, [n * T * 4 * u, n * 4 * u, 4 * u, n * T * 4 * u, n * (T + 1) * u, n * T * u, n * u],
                      (d, s) => d.LstmCell(Sigmoid, Tanh, n, u, T, t, s[0], s[1], s[2], s[3], s[4], s[5], s[6]));
            // gates (as the forward leaves them: in (0, 1) for i, f, o), cells, dh, dc, dPreactivations, dStep
            CheckCell(what + " backward", c.Seed, [n * T * 4 * u, n * (T + 1) * u, n * u, n * u, n * T * 4 * u, n * 4 * u],
                      (d, s) => d.LstmCellBackward(Sigmoid, Tanh, n, u, T, t, s[0], s[1], s[2], s[3], s[4], s[5]));
        });
    }

    [SkippableFact]
    public void GruCell_and_its_backward_agree_with_the_reference()
    {
        Check(CellCases.ToArbitrary(), c =>
        {
            var (n, u, T, t) = (c.Batch, c.Units, c.Steps, c.T);
            string what = $"GruCell batch={n} units={u} steps={T} t={t} seed={c.Seed}";
            // projections, recurrent, bias, gates, hidden, state
            CheckCell(what, c.Seed, [n * T * 3 * u, n * 3 * u, 6 * u, n * T * 4 * u, n * T * u, n * u],
                      (d, s) => d.GruCell(Sigmoid, Tanh, n, u, T, t, s[0], s[1], s[2], s[3], s[4], s[5]));
            // gates, previous, dh, dProjections, dRecurrent, dStep
            CheckCell(what + " backward", c.Seed, [n * T * 4 * u, n * T * u, n * u, n * T * 3 * u, n * T * 3 * u, n * 3 * u],
                      (d, s) => d.GruCellBackward(Sigmoid, Tanh, n, u, T, t, s[0], s[1], s[2], s[3], s[4], s[5]));
        });
    }
    #endregion

    #region the-check-can-fail
    [SkippableFact]
    public void The_parity_check_catches_a_result_that_is_off_by_a_little()
    {
        _ = Tested;
        float[] expected = [1f, 2f, 3f];
        float[] wrong = [1f, 2f * (1 + 1e-4f), 3f];   // 10 times the elementwise tolerance
        Assert.Throws<Xunit.Sdk.XunitException>(() =>
            Tolerance.AssertClose(expected, wrong, Tolerance.Relative(expected, Tolerance.Elementwise), "deliberately wrong"));
        Assert.Throws<Xunit.Sdk.XunitException>(() =>
            Tolerance.AssertIdentical([0.5f], [BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(0.5f) + 1)], "one ulp"));
    }
    #endregion

    [SkippableFact]
    public void Empty_storages_are_allowed_and_do_nothing()
    {
        var cl = Tested;
        var empty = cl.Allocate(0);
        cl.Unary(Learn.Dnn.Activations.Sigmoid.Elementwise, 0f, empty, cl.Allocate(0));
        cl.Fill(empty, 1f);
        Assert.Empty(Read(cl, empty));
    }

    [SkippableFact]
    public void A_storage_of_another_device_is_rejected_with_a_clear_message()
    {
        var cl = Tested;
        var e = Assert.Throws<ArgumentException>(() => cl.Axpy(1f, Reference.Allocate(3), cl.Allocate(3)));
        Assert.Contains("device 'reference'", e.Message);
    }
}

/// <summary>The fast CPU device (chapter 10) against the reference.</summary>
public sealed class FastCpuParityTests : DeviceParityTests
{
    protected override IDevice Tested => Device.Cpu;

    protected override bool InReferenceOrder => true;
}

/// <summary>The OpenCL device (chapter 11) against the reference, every GEMM kernel included.</summary>
public sealed class OpenClParityTests : DeviceParityTests
{
    protected override IDevice Tested => TestDevices.Require();

    protected override IEnumerable<(string Name, GemmRun Run)> GemmVariants(IDevice device) =>
        Enum.GetValues<OpenClGemmKernel>().Select(kernel => (kernel.ToString(), (GemmRun)((ta, tb, m, n, k, alpha, a, b, beta, c) =>
            ((OpenClDevice)device).Gemm(kernel, ta, tb, m, n, k, alpha, a, b, beta, c))));
}
