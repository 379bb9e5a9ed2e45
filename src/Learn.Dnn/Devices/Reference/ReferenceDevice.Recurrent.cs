namespace Learn.Dnn.Devices.Reference;

/// <summary>
/// The fused LSTM and GRU steps (chapter 10's fast path for chapter 8's cells) as plain loops:
/// the definitions the fast CPU and OpenCL devices are checked against. Block t of a sequence
/// tensor [batch, steps·width] is row n's columns t·width .. t·width + width − 1. σ is the function
/// <c>gate</c>, tanh the function <c>activation</c>.
/// </summary>
public partial class ReferenceDevice
{
    /// <summary>f'(y) from the output alone: the backward keeps the gates, not their pre-activations (NaN would show a function that needs x).</summary>
    private static float DerivativeFromOutput(UnaryFunction f, float y) => f.Derivative(float.NaN, y, 0f);

    #region lstm
    public virtual void LstmCell(UnaryFunction gate, UnaryFunction activation, int batch, int units, int steps, int t,
                                 Storage projections, Storage recurrent, Storage bias, Storage gates, Storage cells, Storage hidden, Storage state)
    {
        float[] P = Data(projections), R = Data(recurrent), b = Data(bias), G = Data(gates), C = Data(cells), H = Data(hidden), S = Data(state);
        int u = units, width = 4 * u;
        for (int n = 0; n < batch; n++)
            for (int j = 0; j < u; j++)
            {
                int p = n * steps * width + t * width + j, r = n * width + j;   // gate i's column; f, c̃, o follow every u columns
                float i = gate.Forward(P[p] + b[j] + R[r], 0f);                  // σ((x·W + b) + h₋·U), the composed cell's order
                float f = gate.Forward(P[p + u] + b[j + u] + R[r + u], 0f);
                float candidate = activation.Forward(P[p + 2 * u] + b[j + 2 * u] + R[r + 2 * u], 0f);
                float o = gate.Forward(P[p + 3 * u] + b[j + 3 * u] + R[r + 3 * u], 0f);
                int cPrev = n * (steps + 1) * u + t * u + j;
                float c = f * C[cPrev] + i * candidate;                          // c = f·c₋ + i·c̃
                float h = o * activation.Forward(c, 0f);                         // h = o·tanh(c)
                (G[p], G[p + u], G[p + 2 * u], G[p + 3 * u]) = (i, f, candidate, o);
                C[cPrev + u] = c;
                H[n * steps * u + t * u + j] = h;
                S[n * u + j] = h;
            }
    }

    public virtual void LstmCellBackward(UnaryFunction gate, UnaryFunction activation, int batch, int units, int steps, int t,
                                         Storage gates, Storage cells, Storage dh, Storage dc, Storage dPreactivations, Storage dStep)
    {
        float[] G = Data(gates), C = Data(cells), dH = Data(dh), dC = Data(dc), dA = Data(dPreactivations), dS = Data(dStep);
        int u = units, width = 4 * u;
        for (int n = 0; n < batch; n++)
            for (int j = 0; j < u; j++)
            {
                int p = n * steps * width + t * width + j, s = n * u + j, cPrev = n * (steps + 1) * u + t * u + j;
                float i = G[p], f = G[p + u], candidate = G[p + 2 * u], o = G[p + 3 * u], c = C[cPrev + u];
                float tanhC = activation.Forward(c, 0f);
                float dCell = dC[s] + dH[s] * o * activation.Derivative(c, tanhC, 0f);   // ∂L/∂c: from step t + 1 and through h = o·tanh(c)
                float di = dCell * candidate * DerivativeFromOutput(gate, i);             // ∂c/∂i = c̃
                float df = dCell * C[cPrev] * DerivativeFromOutput(gate, f);              // ∂c/∂f = c₋
                float dCandidate = dCell * i * DerivativeFromOutput(activation, candidate); // ∂c/∂c̃ = i
                float dO = dH[s] * tanhC * DerivativeFromOutput(gate, o);                 // ∂h/∂o = tanh(c)
                (dA[p], dA[p + u], dA[p + 2 * u], dA[p + 3 * u]) = (di, df, dCandidate, dO);
                int q = n * width + j;
                (dS[q], dS[q + u], dS[q + 2 * u], dS[q + 3 * u]) = (di, df, dCandidate, dO);
                dC[s] = dCell * f;                                                        // ∂L/∂c₋ = ∂L/∂c · f
            }
    }
    #endregion

    public virtual void GruCell(UnaryFunction gate, UnaryFunction activation, int batch, int units, int steps, int t,
                                Storage projections, Storage recurrent, Storage bias, Storage gates, Storage hidden, Storage state)
    {
        float[] P = Data(projections), R = Data(recurrent), b = Data(bias), G = Data(gates), H = Data(hidden), S = Data(state);
        int u = units, width = 3 * u;
        for (int n = 0; n < batch; n++)
            for (int j = 0; j < u; j++)
            {
                int p = n * steps * width + t * width + j, r = n * width + j;   // gate z's column; r and h follow every u columns
                float z = gate.Forward(P[p] + b[j] + (R[r] + b[width + j]), 0f);  // σ((x·W + b) + (h₋·U + b′))
                float reset = gate.Forward(P[p + u] + b[j + u] + (R[r + u] + b[width + j + u]), 0f);
                float rho = R[r + 2 * u] + b[width + j + 2 * u];                   // ρ_h = h₋·U_h + b′_h
                float candidate = activation.Forward(P[p + 2 * u] + b[j + 2 * u] + reset * rho, 0f);
                int s = n * u + j;
                float h = z * S[s] + (1f - z) * candidate;                       // h = z·h₋ + (1 − z)·ĥ
                int g = n * steps * 4 * u + t * 4 * u + j;
                (G[g], G[g + u], G[g + 2 * u], G[g + 3 * u]) = (z, reset, candidate, rho);
                H[n * steps * u + t * u + j] = h;
                S[s] = h;
            }
    }

    public virtual void GruCellBackward(UnaryFunction gate, UnaryFunction activation, int batch, int units, int steps, int t,
                                        Storage gates, Storage previous, Storage dh, Storage dProjections, Storage dRecurrent, Storage dStep)
    {
        float[] G = Data(gates), Hp = Data(previous), dH = Data(dh), dP = Data(dProjections), dR = Data(dRecurrent), dS = Data(dStep);
        int u = units, width = 3 * u;
        for (int n = 0; n < batch; n++)
            for (int j = 0; j < u; j++)
            {
                int g = n * steps * 4 * u + t * 4 * u + j, s = n * u + j;
                float z = G[g], reset = G[g + u], candidate = G[g + 2 * u], rho = G[g + 3 * u];
                float hPrev = Hp[n * steps * u + t * u + j];
                float dz = dH[s] * (hPrev - candidate) * DerivativeFromOutput(gate, z);                  // ∂h/∂z = h₋ − ĥ
                float dCandidate = dH[s] * (1f - z) * DerivativeFromOutput(activation, candidate);       // ∂h/∂ĥ = 1 − z
                float dReset = dCandidate * rho * DerivativeFromOutput(gate, reset);                     // ∂(r·ρ_h)/∂r = ρ_h
                int p = n * steps * width + t * width + j, q = n * width + j;
                (dP[p], dP[p + u], dP[p + 2 * u]) = (dz, dReset, dCandidate);
                (dR[p], dR[p + u], dR[p + 2 * u]) = (dz, dReset, dCandidate * reset);   // ∂(r·ρ_h)/∂ρ_h = r
                (dS[q], dS[q + u], dS[q + 2 * u]) = (dz, dReset, dCandidate * reset);
                dH[s] *= z;                                                           // ∂h/∂h₋ = z, beside the path through U
            }
    }
}
