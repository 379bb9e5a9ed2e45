using System.Buffers;
using System.Numerics.Tensors;
using V = System.Numerics.Vector<float>;

namespace Learn.Dnn.Devices.Cpu;

/// <summary>
/// The fused LSTM and GRU steps, row by row: σ and tanh (the functions gate and activation) over
/// each row's gate blocks by their SIMD forms (the very maps the composed cell runs on this device,
/// so the fused forward gives the composed numbers exactly), sums and products with TensorPrimitives,
/// the backward's formulas with <see cref="System.Numerics.Vector{T}"/> (the widest SIMD the machine runs natively).
/// </summary>
public sealed partial class CpuDevice
{
    public override void LstmCell(UnaryFunction gate, UnaryFunction activation, int batch, int units, int steps, int t, Storage projections, Storage recurrent, Storage bias,
                                  Storage gates, Storage cells, Storage hidden, Storage state)
    {
        float[] P = Data(projections), R = Data(recurrent), b = Data(bias), G = Data(gates), C = Data(cells), H = Data(hidden), S = Data(state);
        int u = units, width = 4 * u;
        for (int n = 0; n < batch; n++)
        {
            var a = G.AsSpan(n * steps * width + t * width, width);   // i, f, c̃, o: first the pre-activations
            var x = P.AsSpan(n * steps * width + t * width, width);
            var r = R.AsSpan(n * width, width);
            TensorPrimitives.Add(x, b, a);                                // (x·W + b) + h₋·U
            TensorPrimitives.Add(a, r, a);
            Map(gate, a[..(2 * u)]);                                      // i, f = σ(…)
            Map(activation, a.Slice(2 * u, u));                           // c̃ = tanh(…)
            Map(gate, a[(3 * u)..]);                                      // o = σ(…)
            var cPrev = C.AsSpan(n * (steps + 1) * u + t * u, u);
            var c = C.AsSpan(n * (steps + 1) * u + (t + 1) * u, u);
            var h = H.AsSpan(n * steps * u + t * u, u);
            Span<float> i = a[..u], f = a.Slice(u, u), candidate = a.Slice(2 * u, u), o = a[(3 * u)..];
            TensorPrimitives.Multiply(f, cPrev, c);                       // c = f·c₋ + i·c̃
            TensorPrimitives.Multiply(i, candidate, h);
            TensorPrimitives.Add(c, h, c);
            c.CopyTo(h);                                                  // h = o·tanh(c)
            Map(activation, h);
            TensorPrimitives.Multiply(o, h, h);
            h.CopyTo(S.AsSpan(n * u, u));
        }
    }

    /// <summary>
    /// The reference's formulas Vector&lt;float&gt;.Count units at a time (8 with AVX2, 16 with AVX-512), then one at a time for the rest,
    /// after each row's derivatives σ'(gate) and tanh'(·) have been read off the stored outputs.
    /// </summary>
    public override void LstmCellBackward(UnaryFunction gate, UnaryFunction activation, int batch, int units, int steps, int t,
                                          Storage gates, Storage cells, Storage dh, Storage dc, Storage dPreactivations, Storage dStep)
    {
        float[] G = Data(gates), C = Data(cells), dH = Data(dh), dC = Data(dc), dA = Data(dPreactivations), dS = Data(dStep);
        int u = units, width = 4 * u, vectorEnd = u - u % V.Count;
        float[] scratch = ArrayPool<float>.Shared.Rent(6 * u);
        Span<float> slope = scratch.AsSpan(0, width), tanhC = scratch.AsSpan(width, u), tanhSlope = scratch.AsSpan(width + u, u);
        for (int n = 0; n < batch; n++)
        {
            Span<float> g = G.AsSpan(n * steps * width + t * width, width), da = dA.AsSpan(n * steps * width + t * width, width);
            Span<float> cPrev = C.AsSpan(n * (steps + 1) * u + t * u, u), c = C.AsSpan(n * (steps + 1) * u + (t + 1) * u, u);
            Span<float> dhRow = dH.AsSpan(n * u, u), dcRow = dC.AsSpan(n * u, u);
            c.CopyTo(tanhC);
            Map(activation, tanhC);
            for (int j = 0; j < u; j++) tanhSlope[j] = activation.Derivative(c[j], tanhC[j], 0f);                       // tanh'(c)
            Slopes(g, slope, u, gate, gate, activation, gate);                                                          // σ'(i), σ'(f), tanh'(c̃), σ'(o)
            for (int j = 0; j < vectorEnd; j += V.Count)
            {
                V i = Load(g, j), f = Load(g, u + j), candidate = Load(g, 2 * u + j), y = Load(tanhC, j), dhj = Load(dhRow, j);
                V dCell = Load(dcRow, j) + dhj * Load(g, 3 * u + j) * Load(tanhSlope, j);   // ∂L/∂c: from step t + 1 and through h = o·tanh(c)
                Store(da, j, dCell * candidate * Load(slope, j));
                Store(da, u + j, dCell * Load(cPrev, j) * Load(slope, u + j));
                Store(da, 2 * u + j, dCell * i * Load(slope, 2 * u + j));
                Store(da, 3 * u + j, dhj * y * Load(slope, 3 * u + j));
                Store(dcRow, j, dCell * f);                                                   // ∂L/∂c₋
            }
            for (int j = vectorEnd; j < u; j++)
            {
                float dCell = dcRow[j] + dhRow[j] * g[3 * u + j] * tanhSlope[j];
                da[j] = dCell * g[2 * u + j] * slope[j];
                da[u + j] = dCell * cPrev[j] * slope[u + j];
                da[2 * u + j] = dCell * g[j] * slope[2 * u + j];
                da[3 * u + j] = dhRow[j] * tanhC[j] * slope[3 * u + j];
                dcRow[j] = dCell * g[u + j];
            }
            da.CopyTo(dS.AsSpan(n * width, width));
        }
        ArrayPool<float>.Shared.Return(scratch);
    }

    public override void GruCell(UnaryFunction gate, UnaryFunction activation, int batch, int units, int steps, int t, Storage projections, Storage recurrent, Storage bias,
                                 Storage gates, Storage hidden, Storage state)
    {
        float[] P = Data(projections), R = Data(recurrent), b = Data(bias), G = Data(gates), H = Data(hidden), S = Data(state);
        int u = units, width = 3 * u;
        float[] scratch = ArrayPool<float>.Shared.Rent(2 * width);
        Span<float> inputSide = scratch.AsSpan(0, width), recurrentSide = scratch.AsSpan(width, width);
        Span<float> bIn = b.AsSpan(0, width), bRec = b.AsSpan(width, width);
        for (int n = 0; n < batch; n++)
        {
            var g = G.AsSpan(n * steps * 4 * u + t * 4 * u, 4 * u);                      // z, r, ĥ, ρ_h
            Span<float> zr = g[..(2 * u)], candidate = g.Slice(2 * u, u), rho = g[(3 * u)..];
            TensorPrimitives.Add(P.AsSpan(n * steps * width + t * width, width), bIn, inputSide);   // x·W + b
            TensorPrimitives.Add(R.AsSpan(n * width, width), bRec, recurrentSide);                // h₋·U + b′
            TensorPrimitives.Add(inputSide[..(2 * u)], recurrentSide[..(2 * u)], zr);
            Map(gate, zr);                                                                        // z, r
            recurrentSide[(2 * u)..].CopyTo(rho);                                                 // ρ_h
            TensorPrimitives.Multiply(g.Slice(u, u), rho, candidate);                              // ĥ = tanh((x·W_h + b_h) + r·ρ_h)
            TensorPrimitives.Add(inputSide[(2 * u)..], candidate, candidate);
            Map(activation, candidate);
            Span<float> z = g[..u], hPrev = S.AsSpan(n * u, u), h = H.AsSpan(n * steps * u + t * u, u);
            var keep = inputSide[..u];                                                            // h = z·h₋ + (1 − z)·ĥ
            TensorPrimitives.Multiply(z, hPrev, keep);
            TensorPrimitives.Subtract(1f, z, h);
            TensorPrimitives.Multiply(h, candidate, h);
            TensorPrimitives.Add(keep, h, h);
            h.CopyTo(hPrev);
        }
        ArrayPool<float>.Shared.Return(scratch);
    }

    /// <summary>
    /// The reference's formulas Vector&lt;float&gt;.Count units at a time (8 with AVX2, 16 with AVX-512), then one at a time for the rest,
    /// after each row's derivatives σ'(z), σ'(r), tanh'(ĥ) have been read off the stored outputs.
    /// </summary>
    public override void GruCellBackward(UnaryFunction gate, UnaryFunction activation, int batch, int units, int steps, int t,
                                         Storage gates, Storage previous, Storage dh, Storage dProjections, Storage dRecurrent, Storage dStep)
    {
        float[] G = Data(gates), Hp = Data(previous), dH = Data(dh), dP = Data(dProjections), dR = Data(dRecurrent), dS = Data(dStep);
        int u = units, width = 3 * u, vectorEnd = u - u % V.Count;
        float[] scratch = ArrayPool<float>.Shared.Rent(width);
        Span<float> slope = scratch.AsSpan(0, width);
        var one = V.One;
        for (int n = 0; n < batch; n++)
        {
            Span<float> g = G.AsSpan(n * steps * 4 * u + t * 4 * u, 4 * u), hPrev = Hp.AsSpan(n * steps * u + t * u, u), dhRow = dH.AsSpan(n * u, u);
            Span<float> dp = dP.AsSpan(n * steps * width + t * width, width), dr = dR.AsSpan(n * steps * width + t * width, width);
            Slopes(g[..width], slope, u, gate, gate, activation);                                                   // σ'(z), σ'(r), tanh'(ĥ)
            for (int j = 0; j < vectorEnd; j += V.Count)
            {
                V z = Load(g, j), reset = Load(g, u + j), candidate = Load(g, 2 * u + j), rho = Load(g, 3 * u + j), dhj = Load(dhRow, j);
                V dz = dhj * (Load(hPrev, j) - candidate) * Load(slope, j);          // ∂h/∂z = h₋ − ĥ
                V dCandidate = dhj * (one - z) * Load(slope, 2 * u + j);             // ∂h/∂ĥ = 1 − z
                V dReset = dCandidate * rho * Load(slope, u + j);                    // ∂(r·ρ_h)/∂r = ρ_h
                Store(dp, j, dz); Store(dp, u + j, dReset); Store(dp, 2 * u + j, dCandidate);
                Store(dr, j, dz); Store(dr, u + j, dReset); Store(dr, 2 * u + j, dCandidate * reset);
                Store(dhRow, j, dhj * z);                                            // ∂h/∂h₋ = z, beside the path through U
            }
            for (int j = vectorEnd; j < u; j++)
            {
                float z = g[j], reset = g[u + j], candidate = g[2 * u + j], rho = g[3 * u + j];
                float dz = dhRow[j] * (hPrev[j] - candidate) * slope[j];
                float dCandidate = dhRow[j] * (1f - z) * slope[2 * u + j];
                float dReset = dCandidate * rho * slope[u + j];
                (dp[j], dp[u + j], dp[2 * u + j]) = (dz, dReset, dCandidate);
                (dr[j], dr[u + j], dr[2 * u + j]) = (dz, dReset, dCandidate * reset);
                dhRow[j] *= z;
            }
            dr.CopyTo(dS.AsSpan(n * width, width));
        }
        ArrayPool<float>.Shared.Return(scratch);
    }

    /// <summary>
    /// slope[block k] = f_k'(y) for y = outputs[block k], blocks of u: each gate's derivative from its output alone
    /// (the backward keeps the gates, not their pre-activations; NaN would show a function that needs x).
    /// </summary>
    private static void Slopes(Span<float> outputs, Span<float> slope, int u, params ReadOnlySpan<UnaryFunction> functions)
    {
        for (int k = 0; k < functions.Length; k++)
        {
            var derivative = functions[k].Derivative;
            for (int j = k * u; j < (k + 1) * u; j++) slope[j] = derivative(float.NaN, outputs[j], 0f);
        }
    }

    /// <summary>x = f(x) in place: the function's SIMD form when it has one (the composed cell's map), else its formula.</summary>
    private static void Map(UnaryFunction f, Span<float> x)
    {
        if (f.Vectorized is not null) { f.Vectorized(x, 0f, x); return; }
        for (int j = 0; j < x.Length; j++) x[j] = f.Forward(x[j], 0f);
    }

    private static V Load(Span<float> x, int at) => new(x.Slice(at, V.Count));

    private static void Store(Span<float> x, int at, V value) => value.CopyTo(x.Slice(at, V.Count));
}
