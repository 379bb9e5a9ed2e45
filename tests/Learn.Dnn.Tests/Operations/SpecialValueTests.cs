using FsCheck;
using FsCheck.Fluent;
using Learn.Dnn.Devices;

namespace Learn.Dnn.Tests.Operations;

/// <summary>
/// Every elementwise function of the engine (each static <see cref="UnaryFunction"/> and <see cref="BinaryFunction"/>,
/// found by reflection) at IEEE 754's special numbers: NaN, ±∞, ±0, subnormals, the largest finite numbers. Every
/// device gives the same answer there, forward and derivative, and that answer is IEEE's: NaN in, NaN out, as
/// PyTorch's forward (torch.relu(nan) is nan; its backward is not consistent: relu'(nan) = 1, leaky_relu'(nan) = α,
/// abs'(nan) = 0; here a NaN input never gets a finite derivative). A NaN that a formula silently turned into 0
/// would let training go on with a broken weight and no report. The OpenCL device is held to the same answers by the parity suite
/// (tests/Learn.Dnn.OpenCL.Tests, DeviceParityTests).
/// </summary>
public sealed class SpecialValueTests
{
    /// <summary>NaN, ±∞, ±0, the smallest subnormals, a subnormal near the normal range, the smallest normal, the largest finite numbers, ±1.</summary>
    public static readonly float[] Specials =
        [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.Epsilon, -float.Epsilon,
         1e-39f, -1e-39f, 1.17549435e-38f, float.MaxValue, float.MinValue, 1f, -1f];

    public static readonly UnaryFunction[] UnaryFunctions = FunctionsOfType<UnaryFunction>();
    public static readonly BinaryFunction[] BinaryFunctions = FunctionsOfType<BinaryFunction>();

    /// <summary>Comparisons, not arithmetic: IEEE's comparisons with NaN are false, so NaN gives 0 (as torch.eq(nan, nan) is False).</summary>
    private static readonly string[] Predicates = ["equal", "dropout_keep"];

    /// <summary>Maps whose derivative does not depend on x (−x, p·x, x + p, and the flat step and mask): it is that constant at NaN too.</summary>
    private static readonly string[] ConstantDerivative = ["negate", "scale", "add_scalar", "step", "dropout_keep"];

    private static readonly IDevice[] Devices = [Device.Reference, Device.Cpu];

    private static T[] FunctionsOfType<T>() =>
        typeof(Tensor).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
            .Where(f => f.FieldType == typeof(T))
            .Select(f => (T)f.GetValue(null)!)
            .ToArray();

    /// <summary>A parameter p in each map's usual range (the α of leaky ReLU and ELU, an exponent, a factor...).</summary>
    public static float Parameter(UnaryFunction f) => f.Name switch
    {
        "pow" => 2.5f,
        "leaky_relu" => 0.3f,
        "elu" => 1.0f,
        "scale" => -1.75f,
        "add_scalar" => 0.625f,
        "dropout_keep" => 0.4f,
        _ => 0f,
    };

    /// <summary>(y, dx) = (f(x), f'(x)·dy) on a device.</summary>
    private static (float[] Y, float[] Dx) Run(IDevice device, UnaryFunction f, float[] x, float[] dy)
    {
        float p = Parameter(f);
        var (xs, ys, dys, dxs) = (device.Upload(x), device.Allocate(x.Length), device.Upload(dy), device.Allocate(x.Length));
        device.Unary(f, p, xs, ys);
        device.UnaryBackward(f, p, xs, ys, dys, dxs);
        float[] y = new float[x.Length], dx = new float[x.Length];
        device.Download(ys, y);
        device.Download(dxs, dx);
        return (y, dx);
    }

    private static float[] Run(IDevice device, BinaryFunction f, float[] a, float[] b)
    {
        var shape = new Shape(a.Length);
        var c = device.Allocate(a.Length);
        device.Binary(f, device.Upload(a), shape, device.Upload(b), shape, c, shape);
        var result = new float[a.Length];
        device.Download(c, result);
        return result;
    }

    /// <summary>
    /// The specials, three times over and five more, so that a SIMD device meets each one both in its vector
    /// loop and in the remainder it finishes one number at a time.
    /// </summary>
    private static float[] Tiled(float[] values) => [.. values, .. values, .. values, .. values.Take(5)];

    [Fact]
    public void Every_map_gives_NaN_for_NaN_on_every_device_forward_and_derivative()
    {
        var failures = new List<string>();
        foreach (var device in Devices)
            foreach (var f in UnaryFunctions)
            {
                var x = Tiled([float.NaN]);
                var (y, dx) = Run(device, f, x, Tiled([1f]));
                bool predicate = Predicates.Contains(f.Name);
                if (!predicate && !y.All(float.IsNaN)) failures.Add($"{f.Name}(NaN) on {device.Name} is {y.First(v => !float.IsNaN(v))}, not NaN");
                if (!ConstantDerivative.Contains(f.Name) && !dx.All(float.IsNaN))
                    failures.Add($"{f.Name}'(NaN) on {device.Name} is {dx.First(v => !float.IsNaN(v))}, not NaN");
            }
        Assert.True(failures.Count == 0, "NaN in must give NaN out:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void Every_binary_op_gives_NaN_when_either_input_is_NaN_on_every_device()
    {
        var failures = new List<string>();
        foreach (var device in Devices)
            foreach (var f in BinaryFunctions.Where(f => !Predicates.Contains(f.Name)))
                foreach (float other in Specials)
                {
                    var nan = Tiled([float.NaN]);
                    var number = Tiled([other]);
                    if (!Run(device, f, nan, number).All(float.IsNaN)) failures.Add($"{f.Name}(NaN, {other}) on {device.Name} is not NaN");
                    if (!Run(device, f, number, nan).All(float.IsNaN)) failures.Add($"{f.Name}({other}, NaN) on {device.Name} is not NaN");
                }
        Assert.True(failures.Count == 0, "NaN in must give NaN out:\n" + string.Join("\n", failures));
    }

    /// <summary>The IEEE answers of the piecewise maps, where a formula written with a comparison could lose them.</summary>
    [Theory]
    [InlineData("relu", float.NaN, float.NaN, float.NaN)]
    [InlineData("relu", float.PositiveInfinity, float.PositiveInfinity, 1f)]
    [InlineData("relu", float.NegativeInfinity, 0f, 0f)]
    [InlineData("relu", -0f, 0f, 0f)]
    [InlineData("leaky_relu", float.NaN, float.NaN, float.NaN)]
    [InlineData("leaky_relu", float.NegativeInfinity, float.NegativeInfinity, 0.3f)]
    [InlineData("elu", float.NaN, float.NaN, float.NaN)]
    [InlineData("elu", float.NegativeInfinity, -1f, 0f)]
    [InlineData("abs", float.NaN, float.NaN, float.NaN)]
    [InlineData("step", float.NaN, float.NaN, 0f)]
    [InlineData("gelu", float.NaN, float.NaN, float.NaN)]
    [InlineData("sigmoid", float.NegativeInfinity, 0f, 0f)]
    [InlineData("softplus", float.NaN, float.NaN, float.NaN)]
    public void Piecewise_maps_give_the_IEEE_answer_on_every_device(string name, float x, float y, float derivative)
    {
        var f = UnaryFunctions.Single(u => u.Name == name);
        foreach (var device in Devices)
        {
            var (ys, dxs) = Run(device, f, Tiled([x]), Tiled([1f]));
            Assert.All(ys, v => Assert.True(v.Equals(y), $"{name}({x}) on {device.Name} is {v}, expected {y}"));
            Assert.All(dxs, v => Assert.True(v.Equals(derivative), $"{name}'({x}) on {device.Name} is {v}, expected {derivative}"));
        }
    }

    /// <summary>
    /// The same answer: both NaN, or the same infinity, or zeros of the same sign, or finite numbers within
    /// 1e-5·max(1, |reference|) (the SIMD forms of exp, tanh, σ differ from MathF's by an ulp or two).
    /// </summary>
    public static string? Disagreement(float want, float got)
    {
        bool same = float.IsNaN(want) ? float.IsNaN(got)
                  : float.IsInfinity(want) || float.IsInfinity(got) ? want == got
                  : want == 0f && got == 0f ? float.IsNegative(want) == float.IsNegative(got)
                  : Math.Abs((double)want - got) <= 1e-5 * Math.Max(1.0, Math.Abs((double)want));
        return same ? null : $"reference {want:R}, device {got:R}";
    }

    private static Gen<float[]> MixedValues =>
        Gen.OneOf(Gen.Elements(Specials), Gen.Choose(-6000, 6000).Select(i => i / 1000f)).ArrayOf().Where(v => v.Length > 0);

    [Fact]
    public void The_fast_cpu_device_agrees_with_the_reference_on_special_values()
    {
        var cases = from f in Gen.Elements(UnaryFunctions)
                    from x in MixedValues
                    from dy in Gen.Elements(1f, -2.5f, 0f, float.NaN).ArrayOf(x.Length)
                    select (f, x, dy);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (wantY, wantDx) = Run(Device.Reference, c.f, c.x, c.dy);
            var (gotY, gotDx) = Run(Device.Cpu, c.f, c.x, c.dy);
            for (int i = 0; i < c.x.Length; i++)
            {
                if (Disagreement(wantY[i], gotY[i]) is { } y) Assert.Fail($"{c.f.Name}({c.x[i]:R}): {y}");
                if (Disagreement(wantDx[i], gotDx[i]) is { } dx) Assert.Fail($"{c.f.Name}'({c.x[i]:R})·{c.dy[i]}: {dx}");
            }
        }));

        var binary = from f in Gen.Elements(BinaryFunctions)
                     from a in MixedValues
                     from b in Gen.Elements(Specials).ArrayOf(a.Length)
                     select (f, a, b);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(binary.ToArbitrary(), c =>
        {
            var want = Run(Device.Reference, c.f, c.a, c.b);
            var got = Run(Device.Cpu, c.f, c.a, c.b);
            for (int i = 0; i < c.a.Length; i++)
                if (Disagreement(want[i], got[i]) is { } d) Assert.Fail($"{c.f.Name}({c.a[i]:R}, {c.b[i]:R}): {d}");
        }));
    }
}
