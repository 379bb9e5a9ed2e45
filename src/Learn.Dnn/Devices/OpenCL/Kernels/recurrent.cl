#pragma OPENCL FP_CONTRACT OFF
// The fused LSTM and GRU steps (IDevice.LstmCell, GruCell and their backward): one work-item per
// (unit j, sample n), global size (units, batch). The OpenCL device compiles this file once per pair
// of functions, the gate (sigma, Keras' recurrent_activation) and the activation (tanh), after lines
// generated from their definitions in C# (Activations/Sigmoid.cs, Tanh.cs):
//     float gate_of(float x) { return <sigma(x) as OpenCL C>; }
//     float gate_slope(float x, float y) { return <sigma'(x), given y = sigma(x)>; }
//     float activation_of(float x), activation_slope(float x, float y): the same for tanh
// The gates' slopes are taken from their outputs alone (x = NAN): the kernels keep the gates only.
// Block t of a sequence [batch, steps * width] is row n's columns t * width .. t * width + width - 1.

// tanh, exactly +-1 where the true value rounds to +-1 in float32, as .NET's MathF.Tanh (see elementwise.cl).
float saturating_tanh(float u) { return fabs(u) > 9.02f ? copysign(1.0f, u) : tanh(u); }

// a = (P[n, t] + b) + R[n], in the composed cell's order; i, f, o = sigmoid, c~ = tanh; c = f * c_prev + i * c~; h = o * tanh(c)
__kernel void lstm_cell(int batch, int u, int steps, int t, __global const float* P, __global const float* R,
                        __global const float* b, __global float* G, __global float* C, __global float* H, __global float* S)
{
    int j = get_global_id(0), n = get_global_id(1);
    if (j >= u || n >= batch) return;
    int width = 4 * u, p = n * steps * width + t * width + j, r = n * width + j;
    float i = gate_of(P[p] + b[j] + R[r]);
    float f = gate_of(P[p + u] + b[j + u] + R[r + u]);
    float candidate = activation_of(P[p + 2 * u] + b[j + 2 * u] + R[r + 2 * u]);
    float o = gate_of(P[p + 3 * u] + b[j + 3 * u] + R[r + 3 * u]);
    int cPrev = n * (steps + 1) * u + t * u + j;
    float c = f * C[cPrev] + i * candidate;
    float h = o * activation_of(c);
    G[p] = i; G[p + u] = f; G[p + 2 * u] = candidate; G[p + 3 * u] = o;
    C[cPrev + u] = c;
    H[n * steps * u + t * u + j] = h;
    S[n * u + j] = h;
}

__kernel void lstm_cell_backward(int batch, int u, int steps, int t, __global const float* G, __global const float* C,
                                 __global const float* dH, __global float* dC, __global float* dA, __global float* dS)
{
    int j = get_global_id(0), n = get_global_id(1);
    if (j >= u || n >= batch) return;
    int width = 4 * u, p = n * steps * width + t * width + j, s = n * u + j, cPrev = n * (steps + 1) * u + t * u + j;
    float i = G[p], f = G[p + u], candidate = G[p + 2 * u], o = G[p + 3 * u];
    float tanhC = activation_of(C[cPrev + u]);
    float dc = dC[s] + dH[s] * o * activation_slope(C[cPrev + u], tanhC);
    float di = dc * candidate * gate_slope(NAN, i);
    float df = dc * C[cPrev] * gate_slope(NAN, f);
    float dCandidate = dc * i * activation_slope(NAN, candidate);
    float dO = dH[s] * tanhC * gate_slope(NAN, o);
    dA[p] = di; dA[p + u] = df; dA[p + 2 * u] = dCandidate; dA[p + 3 * u] = dO;
    int q = n * width + j;
    dS[q] = di; dS[q + u] = df; dS[q + 2 * u] = dCandidate; dS[q + 3 * u] = dO;
    dC[s] = dc * f;
}

// z = sigmoid(a_z + rho_z), r = sigmoid(a_r + rho_r), h~ = tanh(a_h + r * rho_h), h = z * h_prev + (1 - z) * h~
__kernel void gru_cell(int batch, int u, int steps, int t, __global const float* P, __global const float* R,
                       __global const float* b, __global float* G, __global float* H, __global float* S)
{
    int j = get_global_id(0), n = get_global_id(1);
    if (j >= u || n >= batch) return;
    int width = 3 * u, p = n * steps * width + t * width + j, r = n * width + j;
    float z = gate_of(P[p] + b[j] + (R[r] + b[width + j]));
    float reset = gate_of(P[p + u] + b[j + u] + (R[r + u] + b[width + j + u]));
    float rho = R[r + 2 * u] + b[width + j + 2 * u];
    float candidate = activation_of(P[p + 2 * u] + b[j + 2 * u] + reset * rho);
    int s = n * u + j;
    float h = z * S[s] + (1.0f - z) * candidate;
    int g = n * steps * 4 * u + t * 4 * u + j;
    G[g] = z; G[g + u] = reset; G[g + 2 * u] = candidate; G[g + 3 * u] = rho;
    H[n * steps * u + t * u + j] = h;
    S[s] = h;
}

__kernel void gru_cell_backward(int batch, int u, int steps, int t, __global const float* G, __global const float* Hp,
                                __global float* dH, __global float* dP, __global float* dR, __global float* dS)
{
    int j = get_global_id(0), n = get_global_id(1);
    if (j >= u || n >= batch) return;
    int width = 3 * u, g = n * steps * 4 * u + t * 4 * u + j, s = n * u + j;
    float z = G[g], reset = G[g + u], candidate = G[g + 2 * u], rho = G[g + 3 * u];
    float hPrev = Hp[n * steps * u + t * u + j];
    float dz = dH[s] * (hPrev - candidate) * gate_slope(NAN, z);
    float dCandidate = dH[s] * (1.0f - z) * activation_slope(NAN, candidate);
    float dReset = dCandidate * rho * gate_slope(NAN, reset);
    int p = n * steps * width + t * width + j, q = n * width + j;
    dP[p] = dz; dP[p + u] = dReset; dP[p + 2 * u] = dCandidate;
    dR[p] = dz; dR[p + u] = dReset; dR[p + 2 * u] = dCandidate * reset;
    dS[q] = dz; dS[q + u] = dReset; dS[q + 2 * u] = dCandidate * reset;
    dH[s] = dH[s] * z;
}
