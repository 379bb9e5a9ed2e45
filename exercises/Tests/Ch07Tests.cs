using FsCheck;
using FsCheck.Fluent;
using Learn.Dnn.Autograd;
using Learn.Dnn.Exercises.Ch07;
using Xunit;

namespace Learn.Dnn.Exercises.Tests;

/// <summary>Graded tests for chapter 7: output sizes, im2col, a direct convolution, max pooling's backward, average pooling as an operation.</summary>
public class Ch07Tests
{
    private static string F(double x) => Expect.Format(x);

    /// <summary>An [h, w, c] array of doubles in [−range, range].</summary>
    private static Gen<double[,,]> Image(int height, int width, int channels, double range) =>
        Inputs.Doubles(height * width * channels, range).Select(v =>
        {
            var image = new double[height, width, channels];
            Buffer.BlockCopy(v, 0, image, 0, v.Length * sizeof(double));
            return image;
        });

    private static string ShapeOf(Array a) => "[" + string.Join(", ", Enumerable.Range(0, a.Rank).Select(a.GetLength)) + "]";

    /// <summary>The test's own Keras arithmetic, written independently of the exercise: (out, pad before).</summary>
    private static (int Out, int Before) Axis(int n, int k, int s, bool same)
    {
        if (!same) return (n >= k ? (n - k) / s + 1 : 0, 0);
        int o = (int)Math.Ceiling(n / (double)s);
        return (o, Math.Max((o - 1) * s + k - n, 0) / 2);
    }

    [SkippableFact, Trait("Exercise", "ch07.output-size")]
    public void Output_size_and_padding_follow_Keras_for_valid_and_same() => Graded.Run("ch07.output-size", () =>
    {
        // Keras' own examples: 28 → 26 (3×3 valid), 28 → 28 (same), 28 → 14 (same, stride 2), 5 → 3 (same, stride 2, pads 1 and 1), 6 → 3 (same, stride 2, k 3: pads 0 and 1).
        (int n, int k, int s, string p, (int, int, int) expected)[] known =
        [
            (28, 3, 1, "valid", (26, 0, 0)), (28, 3, 1, "same", (28, 1, 1)), (28, 3, 2, "same", (14, 0, 1)),
            (5, 3, 2, "same", (3, 1, 1)), (6, 3, 2, "same", (3, 0, 1)), (28, 5, 1, "valid", (24, 0, 0)),
            (13, 3, 1, "valid", (11, 0, 0)), (11, 2, 2, "valid", (5, 0, 0)), (2, 3, 1, "valid", (0, 0, 0)), (1, 4, 1, "same", (1, 1, 2)),
        ];
        foreach (var (n, k, s, p, expected) in known)
        {
            var got = ConvolutionArithmetic.OutputSize(n, k, s, p);
            Expect.True(got == expected, $"OutputSize(input {n}, kernel {k}, stride {s}, \"{p}\") should be (Out, PadBefore, PadAfter) = {expected}, got {got}.",
                p == "valid" ? "valid: ⌊(n − k)/s⌋ + 1 and no padding; 0 when the window does not fit." : "same: out = ⌈n/s⌉, total = max((out − 1)·s + k − n, 0), before = ⌊total/2⌋, after = the rest.");
        }
        var cases = from n in Gen.Choose(1, 64) from k in Gen.Choose(1, 7) from s in Gen.Choose(1, 4) from same in Gen.Elements(true, false) select (n, k, s, same);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (o, before) = Axis(c.n, c.k, c.s, c.same);
            string p = c.same ? "same" : "valid";
            var got = ConvolutionArithmetic.OutputSize(c.n, c.k, c.s, p);
            int total = c.same ? Math.Max((o - 1) * c.s + c.k - c.n, 0) : 0;
            Expect.True(got == (o, before, total - before), $"OutputSize(input {c.n}, kernel {c.k}, stride {c.s}, \"{p}\") should be {(o, before, total - before)}, got {got}.",
                "the last window starts at (out − 1)·s and ends at (out − 1)·s + k: with padding it must end within before + n + after.");
        }).QuickCheckThrowOnFailure();
        Expect.True(Throws(() => ConvolutionArithmetic.OutputSize(28, 3, 1, "full")), "OutputSize(28, 3, 1, \"full\") should throw an ArgumentException.", "only \"valid\" and \"same\" are Keras' paddings.");
    });

    private static bool Throws(Action action)
    {
        try { action(); return false; }
        catch (ArgumentException) { return true; }
    }

    [SkippableFact, Trait("Exercise", "ch07.im2col")]
    public void Im2col_has_one_row_per_window_in_kernel_order_and_times_the_kernel_is_the_convolution() => Graded.Run("ch07.im2col", () =>
    {
        // A 3×3 single-channel image 1..9 and a 2×2 window: rows are the windows [1 2 4 5], [2 3 5 6], [4 5 7 8], [5 6 8 9].
        var small = new double[3, 3, 1];
        for (int i = 0; i < 9; i++) small[i / 3, i % 3, 0] = i + 1;
        var m = Im2Col.Matrix(small, 2, 2, 1);
        double[,] want = { { 1, 2, 4, 5 }, { 2, 3, 5, 6 }, { 4, 5, 7, 8 }, { 5, 6, 8, 9 } };
        Expect.True(m.GetLength(0) == 4 && m.GetLength(1) == 4, $"Matrix(3×3 image, 2×2 window) should be [4, 4], got {ShapeOf(m)}.", "[OH·OW, kh·kw·C]: one row per output position.");
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++)
                Expect.Near(m[r, c], want[r, c], $"Matrix(the image 1..9 as 3×3, 2×2 window)[{r}, {c}]", "row r = oy·OW + ox holds the window under output (oy, ox), read row by row.", 0, 0);

        var cases = from h in Gen.Choose(1, 7) from w in Gen.Choose(1, 7) from ch in Gen.Choose(1, 3)
                    from kh in Gen.Choose(1, h) from kw in Gen.Choose(1, w) from s in Gen.Choose(1, 3)
                    from image in Image(h, w, ch, 5)
                    select (image, kh, kw, s);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            int h = c.image.GetLength(0), w = c.image.GetLength(1), ch = c.image.GetLength(2);
            int oh = (h - c.kh) / c.s + 1, ow = (w - c.kw) / c.s + 1;
            string input = $"Matrix(image {ShapeOf(c.image)}, window {c.kh}×{c.kw}, stride {c.s})";
            var cols = Im2Col.Matrix(c.image, c.kh, c.kw, c.s);
            Expect.True(cols.GetLength(0) == oh * ow && cols.GetLength(1) == c.kh * c.kw * ch,
                $"{input} should be [{oh * ow}, {c.kh * c.kw * ch}], got {ShapeOf(cols)}.", "OH = ⌊(H − kh)/s⌋ + 1 and OW likewise; rows OH·OW, columns kh·kw·C.");
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                    for (int ky = 0; ky < c.kh; ky++)
                        for (int kx = 0; kx < c.kw; kx++)
                            for (int k = 0; k < ch; k++)
                                Expect.Near(cols[oy * ow + ox, (ky * c.kw + kx) * ch + k], c.image[oy * c.s + ky, ox * c.s + kx, k],
                                    $"{input}[row {oy * ow + ox} (output {oy}, {ox}), column {(ky * c.kw + kx) * ch + k} (ky {ky}, kx {kx}, c {k})]",
                                    "column (ky·kw + kx)·C + c holds x[oy·s + ky, ox·s + kx, c]: the kernel's own order, channels fastest.", 0, 0);
        }).QuickCheckThrowOnFailure();
        Expect.True(Throws(() => Im2Col.Matrix(new double[2, 2, 1], 3, 3, 1)), "Matrix(2×2 image, 3×3 window) should throw an ArgumentException.", "check that the window fits before you allocate.");
    });

    /// <summary>The test's own direct convolution, loop by loop.</summary>
    private static double[,,] ReferenceConv(double[,,] x, double[,,,] k, double[] b, int s, bool same)
    {
        int h = x.GetLength(0), w = x.GetLength(1), ch = x.GetLength(2), kh = k.GetLength(0), kw = k.GetLength(1), f = k.GetLength(3);
        var (oh, top) = Axis(h, kh, s, same);
        var (ow, left) = Axis(w, kw, s, same);
        var y = new double[oh, ow, f];
        for (int oy = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++)
                for (int o = 0; o < f; o++)
                {
                    double sum = b[o];
                    for (int ky = 0; ky < kh; ky++)
                        for (int kx = 0; kx < kw; kx++)
                        {
                            int iy = oy * s + ky - top, ix = ox * s + kx - left;
                            if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                            for (int c = 0; c < ch; c++) sum += x[iy, ix, c] * k[ky, kx, c, o];
                        }
                    y[oy, ox, o] = sum;
                }
        return y;
    }

    [SkippableFact, Trait("Exercise", "ch07.conv-forward")]
    public void Direct_convolution_matches_the_definition_with_valid_and_same_padding_and_strides() => Graded.Run("ch07.conv-forward", () =>
    {
        // A 1×1 identity kernel is the identity, and a same-padded 3×3 box filter sums the 3×3 neighbourhood.
        var ones = new double[4, 4, 1];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) ones[i, j, 0] = 1;
        var box = new double[3, 3, 1, 1];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) box[i, j, 0, 0] = 1;
        var boxed = DirectConvolution.Forward(ones, box, [0], 1, "same");
        Expect.True(boxed.GetLength(0) == 4 && boxed.GetLength(1) == 4 && boxed.GetLength(2) == 1, $"Forward(4×4×1 ones, 3×3 box, \"same\") should be [4, 4, 1], got {ShapeOf(boxed)}.", "same: OH = ⌈H/s⌉.");
        Expect.Near(boxed[0, 0, 0], 4, "Forward(4×4 ones, 3×3 box of ones, \"same\")[0, 0] (a corner)", "padding cells are zeros: a corner's window holds 4 image cells.", 0, 1e-9);
        Expect.Near(boxed[1, 1, 0], 9, "Forward(4×4 ones, 3×3 box of ones, \"same\")[1, 1]", "an inner window holds 9 ones.", 0, 1e-9);

        var cases = from h in Gen.Choose(1, 7) from w in Gen.Choose(1, 7) from ch in Gen.Choose(1, 3) from f in Gen.Choose(1, 3)
                    from kh in Gen.Choose(1, 4) from kw in Gen.Choose(1, 4) from s in Gen.Choose(1, 3) from same in Gen.Elements(true, false)
                    where same || (kh <= h && kw <= w)
                    from image in Image(h, w, ch, 3)
                    from weights in Inputs.Doubles(kh * kw * ch * f, 2)
                    from bias in Inputs.Doubles(f, 1)
                    select (image, weights, bias, kh, kw, f, s, same);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            int ch = c.image.GetLength(2);
            var kernel = new double[c.kh, c.kw, ch, c.f];
            Buffer.BlockCopy(c.weights, 0, kernel, 0, c.weights.Length * sizeof(double));
            string p = c.same ? "same" : "valid";
            string input = $"Forward(x {ShapeOf(c.image)}, kernel {ShapeOf(kernel)}, stride {c.s}, \"{p}\")";
            var want = ReferenceConv(c.image, kernel, c.bias, c.s, c.same);
            var got = DirectConvolution.Forward(c.image, kernel, c.bias, c.s, p);
            Expect.True(got.GetLength(0) == want.GetLength(0) && got.GetLength(1) == want.GetLength(1) && got.GetLength(2) == want.GetLength(2),
                $"{input} should be {ShapeOf(want)}, got {ShapeOf(got)}.", "valid: ⌊(n − k)/s⌋ + 1; same: ⌈n/s⌉; the last axis is the filters.");
            for (int oy = 0; oy < want.GetLength(0); oy++)
                for (int ox = 0; ox < want.GetLength(1); ox++)
                    for (int o = 0; o < c.f; o++)
                        Expect.Near(got[oy, ox, o], want[oy, ox, o], $"{input}[{oy}, {ox}, {o}]",
                            c.same ? "same pads ⌊total/2⌋ before and the odd cell after: iy = oy·s + ky − padTop; a padding cell contributes 0." : "y[oy, ox, f] = b[f] + Σ x[oy·s + ky, ox·s + kx, c]·K[ky, kx, c, f].", 1e-9, 1e-9);
        }).QuickCheckThrowOnFailure();
        Expect.True(Throws(() => DirectConvolution.Forward(new double[3, 3, 2], new double[2, 2, 1, 1], [0], 1, "valid")),
            "Forward(x with 2 channels, a kernel for 1 channel) should throw an ArgumentException.", "compare x's channels with the kernel's third axis.");
    });

    [SkippableFact, Trait("Exercise", "ch07.maxpool-backward")]
    public void Max_pooling_sends_each_window_gradient_to_its_first_maximum_only() => Graded.Run("ch07.maxpool-backward", () =>
    {
        // Ties: a window of equal values sends everything to its top-left cell.
        var flat = new double[2, 2, 1];
        var dFlat = DirectGradient(flat, 2, 2, 1.5);
        Expect.Near(dFlat[0, 0, 0], 1.5, "Backward(a 2×2 window of zeros, dY = 1.5) at the top-left cell", "on a tie the first cell in row-major window order wins.", 0, 1e-12);
        Expect.Near(dFlat[1, 1, 0], 0, "Backward(a 2×2 window of zeros, dY = 1.5) at the bottom-right cell", "only one cell of a window gets its gradient, even on a tie.", 0, 1e-12);

        var cases = from h in Gen.Choose(2, 7) from w in Gen.Choose(2, 7) from ch in Gen.Choose(1, 3)
                    from p in Gen.Choose(1, Math.Min(h, w)) from s in Gen.Choose(1, 3)
                    from integers in Gen.Elements(true, false)   // small integers make ties frequent
                    from image in integers ? Gen.Choose(-2, 2).ArrayOf(h * w * ch).Select(v => v.Select(i => (double)i).ToArray()) : Inputs.Doubles(h * w * ch, 5)
                    select (image, h, w, ch, p, s);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var x = new double[c.h, c.w, c.ch];
            Buffer.BlockCopy(c.image, 0, x, 0, c.image.Length * sizeof(double));
            int oh = (c.h - c.p) / c.s + 1, ow = (c.w - c.p) / c.s + 1;
            var dY = new double[oh, ow, c.ch];
            for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) for (int k = 0; k < c.ch; k++) dY[i, j, k] = 1 + i * 7 + j * 3 + k * 0.5;
            var want = new double[c.h, c.w, c.ch];
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                    for (int k = 0; k < c.ch; k++)
                    {
                        var (bi, bj, best) = (0, 0, double.NegativeInfinity);
                        for (int i = 0; i < c.p; i++)
                            for (int j = 0; j < c.p; j++)
                                if (x[oy * c.s + i, ox * c.s + j, k] > best) (bi, bj, best) = (i, j, x[oy * c.s + i, ox * c.s + j, k]);
                        want[oy * c.s + bi, ox * c.s + bj, k] += dY[oy, ox, k];
                    }
            string input = $"Backward(x {ShapeOf(x)}, pool {c.p}, stride {c.s})";
            var got = MaxPooling.Backward(x, dY, c.p, c.s);
            Expect.True(got.GetLength(0) == c.h && got.GetLength(1) == c.w && got.GetLength(2) == c.ch, $"{input} should be {ShapeOf(x)}, got {ShapeOf(got)}.", "dX has x's shape.");
            for (int i = 0; i < c.h; i++)
                for (int j = 0; j < c.w; j++)
                    for (int k = 0; k < c.ch; k++)
                        Expect.Near(got[i, j, k], want[i, j, k], $"{input}: dX[{i}, {j}, {k}] (x = {F(x[i, j, k])})",
                            c.s < c.p ? "windows overlap here: a cell that wins several windows gets the sum of their dY (+=)." : "all of a window's dY goes to its maximum, the first one on a tie; every other cell gets 0.", 0, 1e-9);
        }).QuickCheckThrowOnFailure();
    });

    private static double[,,] DirectGradient(double[,,] x, int p, int s, double dy)
    {
        var dY = new double[1, 1, 1];
        dY[0, 0, 0] = dy;
        return MaxPooling.Backward(x, dY, p, s);
    }

    [SkippableFact, Trait("Exercise", "ch07.avgpool-op")]
    public void Average_pooling_is_one_operation_whose_backward_matches_central_differences() => Graded.Run("ch07.avgpool-op", () =>
    {
        var cases = from n in Gen.Choose(1, 2) from h in Gen.Choose(1, 6) from w in Gen.Choose(1, 6) from ch in Gen.Choose(1, 3)
                    from p in Gen.Choose(1, Math.Min(h, w))
                    from values in Inputs.Doubles(n * h * w * ch, 3)
                    select (values, n, h, w, ch, p);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var shape = new Shape(c.n, c.h, c.w, c.ch);
            var x = Tensor.FromArray(c.values.Select(v => (float)v).ToArray(), shape);
            x.RequiresGrad = true;
            string input = $"Forward(x {shape}, pool {c.p})";
            var y = AveragePooling.Forward(x, c.p);
            int oh = c.h / c.p, ow = c.w / c.p;
            Expect.True(y.Shape == new Shape(c.n, oh, ow, c.ch), $"{input} should be [{c.n}, {oh}, {ow}, {c.ch}], got {y.Shape}.", "⌊H/p⌋ × ⌊W/p⌋ windows per image and channel.");
            var values = y.ToArray();
            for (int b = 0; b < c.n; b++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++)
                        for (int k = 0; k < c.ch; k++)
                        {
                            double mean = 0;
                            for (int i = 0; i < c.p; i++)
                                for (int j = 0; j < c.p; j++)
                                    mean += c.values[((b * c.h + oy * c.p + i) * c.w + ox * c.p + j) * c.ch + k];
                            mean /= c.p * c.p;
                            Expect.Near(values[((b * oh + oy) * ow + ox) * c.ch + k], mean, $"{input}[{b}, {oy}, {ox}, {k}]",
                                "the mean of the p×p window at rows oy·p.., columns ox·p.., channel k; the flat index of [n, y, x, c] is ((n·H + y)·W + x)·C + c.", 1e-4, 1e-5);
                        }
            Expect.True(y.Operation == "average_pool" && y.Parents.Count == 1 && ReferenceEquals(y.Parents[0], x),
                $"{input} was recorded as '{y.Operation ?? "nothing"}' with {y.Parents.Count} input(s); it should be one operation 'average_pool' whose only input is x.",
                "compute y from the numbers and record it with y.WithGradient(\"average_pool\", [x], dY => ...).");
            var gradients = GradientCheck.Tensors(t => AveragePooling.Forward(t[0], c.p), [x.Detach()]);
            for (int i = 0; i < gradients[0].Analytic.Length; i++)
                Expect.Near(gradients[0].Analytic[i], gradients[0].Numerical[i], $"{input}: ∂L/∂x[{i}]",
                    "each cell of a window gets dY/p²; cells no window covers (the last rows or columns when p does not divide H or W) get 0.", 1e-2, 1e-2, gradients[0].Numerical[i]);
        }).QuickCheckThrowOnFailure();
    });
}
