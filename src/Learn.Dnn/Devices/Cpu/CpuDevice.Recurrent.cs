using System.Buffers;
using System.Numerics.Tensors;
using V = System.Runtime.Intrinsics.Vector512<float>;

namespace Learn.Dnn.Devices.Cpu;

/// <summary>
/// The fused LSTM and GRU steps, row by row: σ and tanh over each row's gate blocks with
/// TensorPrimitives (SIMD, and the very maps the composed cell runs on this device, so the fused
/// forward gives the composed numbers exactly), the products and sums as plain loops.
/// </summary>
public sealed partial class CpuDevice
{
    #region lstm
    public override void LstmCell(int batch, int units, int steps, int t, Storage projections, Storage recurrent, Storage bias,
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
            TensorPrimitives.Sigmoid(a[..(2 * u)], a[..(2 * u)]);         // i, f
            TensorPrimitives.Tanh(a.Slice(2 * u, u), a.Slice(2 * u, u));  // c̃
            TensorPrimitives.Sigmoid(a[(3 * u)..], a[(3 * u)..]);         // o
            var cPrev = C.AsSpan(n * (steps + 1) * u + t * u, u);
            var c = C.AsSpan(n * (steps + 1) * u + (t + 1) * u, u);
            var h = H.AsSpan(n * steps * u + t * u, u);
            Span<float> i = a[..u], f = a.Slice(u, u), candidate = a.Slice(2 * u, u), o = a[(3 * u)..];
            TensorPrimitives.Multiply(f, cPrev, c);                       // c = f·c₋ + i·c̃
            TensorPrimitives.Multiply(i, candidate, h);
            TensorPrimitives.Add(c, h, c);
            TensorPrimitives.Tanh(c, h);                                  // h = o·tanh(c)
            TensorPrimitives.Multiply(o, h, h);
            h.CopyTo(S.AsSpan(n * u, u));
        }
    }

    /// <summary>The reference's formulas 16 units at a time (Vector512), then one at a time for the last u mod 16.</summary>
    public override void LstmCellBackward(int batch, int units, int steps, int t, Storage gates, Storage cells,
                                          Storage dh, Storage dc, Storage dPreactivations, Storage dStep)
    {
        float[] G = Data(gates), C = Data(cells), dH = Data(dh), dC = Data(dc), dA = Data(dPreactivations), dS = Data(dStep);
        int u = units, width = 4 * u, vectorEnd = u - u % V.Count;
        float[] tanhC = ArrayPool<float>.Shared.Rent(u);
        var one = V.One;
        for (int n = 0; n < batch; n++)
        {
            Span<float> g = G.AsSpan(n * steps * width + t * width, width), da = dA.AsSpan(n * steps * width + t * width, width);
            Span<float> cPrev = C.AsSpan(n * (steps + 1) * u + t * u, u), dhRow = dH.AsSpan(n * u, u), dcRow = dC.AsSpan(n * u, u);
            TensorPrimitives.Tanh(C.AsSpan(n * (steps + 1) * u + (t + 1) * u, u), tanhC.AsSpan(0, u));
            for (int j = 0; j < vectorEnd; j += V.Count)
            {
                V i = Load(g, j), f = Load(g, u + j), candidate = Load(g, 2 * u + j), o = Load(g, 3 * u + j);
                V y = Load(tanhC, j), dhj = Load(dhRow, j);
                V dcTotal = Load(dcRow, j) + dhj * o * (one - y * y);           // ∂L/∂c: from step t + 1 and through h = o·tanh(c)
                Store(da, j, dcTotal * candidate * (i * (one - i)));
                Store(da, u + j, dcTotal * Load(cPrev, j) * (f * (one - f)));
                Store(da, 2 * u + j, dcTotal * i * (one - candidate * candidate));
                Store(da, 3 * u + j, dhj * y * (o * (one - o)));
                Store(dcRow, j, dcTotal * f);                                    // ∂L/∂c₋
            }
            for (int j = vectorEnd; j < u; j++)
            {
                float i = g[j], f = g[u + j], candidate = g[2 * u + j], o = g[3 * u + j], y = tanhC[j];
                float dcTotal = dcRow[j] + dhRow[j] * o * (1f - y * y);
                da[j] = dcTotal * candidate * (i * (1f - i));
                da[u + j] = dcTotal * cPrev[j] * (f * (1f - f));
                da[2 * u + j] = dcTotal * i * (1f - candidate * candidate);
                da[3 * u + j] = dhRow[j] * y * (o * (1f - o));
                dcRow[j] = dcTotal * f;
            }
            da.CopyTo(dS.AsSpan(n * width, width));
        }
        ArrayPool<float>.Shared.Return(tanhC);
    }
    #endregion

    #region gru
    public override void GruCell(int batch, int units, int steps, int t, Storage projections, Storage recurrent, Storage bias,
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
            TensorPrimitives.Sigmoid(zr, zr);                                             // z, r
            recurrentSide[(2 * u)..].CopyTo(rho);                                                 // ρ_h
            TensorPrimitives.Multiply(g.Slice(u, u), rho, candidate);                              // ĥ = tanh((x·W_h + b_h) + r·ρ_h)
            TensorPrimitives.Add(inputSide[(2 * u)..], candidate, candidate);
            TensorPrimitives.Tanh(candidate, candidate);
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

    /// <summary>The reference's formulas 16 units at a time (Vector512), then one at a time for the last u mod 16.</summary>
    public override void GruCellBackward(int batch, int units, int steps, int t, Storage gates, Storage previous,
                                         Storage dh, Storage dProjections, Storage dRecurrent, Storage dStep)
    {
        float[] G = Data(gates), Hp = Data(previous), dH = Data(dh), dP = Data(dProjections), dR = Data(dRecurrent), dS = Data(dStep);
        int u = units, width = 3 * u, vectorEnd = u - u % V.Count;
        var one = V.One;
        for (int n = 0; n < batch; n++)
        {
            Span<float> g = G.AsSpan(n * steps * 4 * u + t * 4 * u, 4 * u), hPrev = Hp.AsSpan(n * steps * u + t * u, u), dhRow = dH.AsSpan(n * u, u);
            Span<float> dp = dP.AsSpan(n * steps * width + t * width, width), dr = dR.AsSpan(n * steps * width + t * width, width);
            for (int j = 0; j < vectorEnd; j += V.Count)
            {
                V z = Load(g, j), reset = Load(g, u + j), candidate = Load(g, 2 * u + j), rho = Load(g, 3 * u + j), dhj = Load(dhRow, j);
                V dz = dhj * (Load(hPrev, j) - candidate) * (z * (one - z));      // ∂h/∂z = h₋ − ĥ
                V dCandidate = dhj * (one - z) * (one - candidate * candidate);    // ∂h/∂ĥ = 1 − z
                V dReset = dCandidate * rho * (reset * (one - reset));             // ∂(r·ρ_h)/∂r = ρ_h
                Store(dp, j, dz); Store(dp, u + j, dReset); Store(dp, 2 * u + j, dCandidate);
                Store(dr, j, dz); Store(dr, u + j, dReset); Store(dr, 2 * u + j, dCandidate * reset);
                Store(dhRow, j, dhj * z);                                          // ∂h/∂h₋ = z, beside the path through U
            }
            for (int j = vectorEnd; j < u; j++)
            {
                float z = g[j], reset = g[u + j], candidate = g[2 * u + j], rho = g[3 * u + j];
                float dz = dhRow[j] * (hPrev[j] - candidate) * (z * (1f - z));
                float dCandidate = dhRow[j] * (1f - z) * (1f - candidate * candidate);
                float dReset = dCandidate * rho * (reset * (1f - reset));
                (dp[j], dp[u + j], dp[2 * u + j]) = (dz, dReset, dCandidate);
                (dr[j], dr[u + j], dr[2 * u + j]) = (dz, dReset, dCandidate * reset);
                dhRow[j] *= z;
            }
            dr.CopyTo(dS.AsSpan(n * width, width));
        }
    }

    private static V Load(Span<float> x, int at) => System.Runtime.Intrinsics.Vector512.Create<float>(x.Slice(at, V.Count));

    private static void Store(Span<float> x, int at, V value) => System.Runtime.Intrinsics.Vector512.CopyTo(value, x.Slice(at, V.Count));
    #endregion
}
