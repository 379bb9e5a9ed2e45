using System.Buffers;
using System.Numerics.Tensors;

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
            for (int j = 0; j < width; j++) a[j] = x[j] + b[j] + r[j];   // (x·W + b) + h₋·U
            TensorPrimitives.Sigmoid(a[..(2 * u)], a[..(2 * u)]);         // i, f
            TensorPrimitives.Tanh(a.Slice(2 * u, u), a.Slice(2 * u, u));  // c̃
            TensorPrimitives.Sigmoid(a[(3 * u)..], a[(3 * u)..]);         // o
            var cPrev = C.AsSpan(n * (steps + 1) * u + t * u, u);
            var c = C.AsSpan(n * (steps + 1) * u + (t + 1) * u, u);
            var h = H.AsSpan(n * steps * u + t * u, u);
            for (int j = 0; j < u; j++) c[j] = a[u + j] * cPrev[j] + a[j] * a[2 * u + j];   // c = f·c₋ + i·c̃
            TensorPrimitives.Tanh(c, h);
            for (int j = 0; j < u; j++) h[j] = a[3 * u + j] * h[j];                          // h = o·tanh(c)
            h.CopyTo(S.AsSpan(n * u, u));
        }
    }

    public override void LstmCellBackward(int batch, int units, int steps, int t, Storage gates, Storage cells,
                                          Storage dh, Storage dc, Storage dPreactivations, Storage dStep)
    {
        float[] G = Data(gates), C = Data(cells), dH = Data(dh), dC = Data(dc), dA = Data(dPreactivations), dS = Data(dStep);
        int u = units, width = 4 * u;
        float[] tanhC = ArrayPool<float>.Shared.Rent(u);
        for (int n = 0; n < batch; n++)
        {
            var g = G.AsSpan(n * steps * width + t * width, width);
            var cPrev = C.AsSpan(n * (steps + 1) * u + t * u, u);
            var da = dA.AsSpan(n * steps * width + t * width, width);
            TensorPrimitives.Tanh(C.AsSpan(n * (steps + 1) * u + (t + 1) * u, u), tanhC.AsSpan(0, u));
            for (int j = 0; j < u; j++)
            {
                int s = n * u + j;
                float i = g[j], f = g[u + j], candidate = g[2 * u + j], o = g[3 * u + j], y = tanhC[j];
                float dcTotal = dC[s] + dH[s] * o * (1f - y * y);           // ∂L/∂c: from step t + 1 and through h = o·tanh(c)
                da[j] = dcTotal * candidate * (i * (1f - i));
                da[u + j] = dcTotal * cPrev[j] * (f * (1f - f));
                da[2 * u + j] = dcTotal * i * (1f - candidate * candidate);
                da[3 * u + j] = dH[s] * y * (o * (1f - o));
                dC[s] = dcTotal * f;                                        // ∂L/∂c₋
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
        for (int n = 0; n < batch; n++)
        {
            var g = G.AsSpan(n * steps * 4 * u + t * 4 * u, 4 * u);   // z, r, ĥ, ρ_h
            var x = P.AsSpan(n * steps * width + t * width, width);
            var r = R.AsSpan(n * width, width);
            for (int j = 0; j < 2 * u; j++) g[j] = x[j] + b[j] + (r[j] + b[width + j]);   // (x·W + b) + (h₋·U + b′)
            TensorPrimitives.Sigmoid(g[..(2 * u)], g[..(2 * u)]);                         // z, r
            for (int j = 0; j < u; j++)
            {
                float rho = r[2 * u + j] + b[width + 2 * u + j];                          // ρ_h = h₋·U_h + b′_h
                g[3 * u + j] = rho;
                g[2 * u + j] = x[2 * u + j] + b[2 * u + j] + g[u + j] * rho;              // (x·W_h + b_h) + r·ρ_h
            }
            TensorPrimitives.Tanh(g.Slice(2 * u, u), g.Slice(2 * u, u));                 // ĥ
            var hPrev = S.AsSpan(n * u, u);
            var h = H.AsSpan(n * steps * u + t * u, u);
            for (int j = 0; j < u; j++) h[j] = g[j] * hPrev[j] + (1f - g[j]) * g[2 * u + j];   // h = z·h₋ + (1 − z)·ĥ
            h.CopyTo(hPrev);
        }
    }
    #endregion
}
