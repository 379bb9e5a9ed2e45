#pragma OPENCL FP_CONTRACT OFF
// Convolution and pooling, channels-last (chapter 7). x: [N, H, W, C]; a window of KH x KW cells moves
// by SH rows and SW columns over x padded with PT rows above and PL columns on the left; output cell
// (oy, ox) with window offset (ky, kx) reads input cell (oy*SH + ky - PT, ox*SW + kx - PL).
// Every kernel gathers (one work-item per output number), so no two work-items write the same place.
// POOL_MAX and POOL_AVERAGE are defined by the host from the PoolOp enum (OpenClDevice.Kernels.cs).

#define WINDOW int N, int H, int W, int C, int KH, int KW, int SH, int SW, int PT, int PL, int OH, int OW

// im2col: cols[p, j] for p = (n, oy, ox) and j = (ky, kx, c), 0 for padding. Global size (KH*KW*C, N*OH*OW).
__kernel void im2col(__global const float* x, __global float* cols, WINDOW)
{
    int j = get_global_id(0), p = get_global_id(1);
    int K = KH * KW * C;
    if (j >= K || p >= N * OH * OW) return;
    int c = j % C, kx = (j / C) % KW, ky = j / (C * KW);
    int ox = p % OW, oy = (p / OW) % OH, n = p / (OW * OH);
    int iy = oy * SH + ky - PT, ix = ox * SW + kx - PL;
    cols[(long)p * K + j] = (iy < 0 || iy >= H || ix < 0 || ix >= W) ? 0.0f : x[((n * H + iy) * W + ix) * C + c];
}

// col2im, the adjoint: dx[n, iy, ix, c] = sum of dcols[(n, oy, ox), (ky, kx, c)] over the windows covering
// (iy, ix): oy = (iy + PT - ky) / SH when that divides exactly and lands in [0, OH). Global size (C, N*H*W).
__kernel void col2im(__global const float* dcols, __global float* dx, WINDOW)
{
    int c = get_global_id(0), q = get_global_id(1);
    if (c >= C || q >= N * H * W) return;
    int ix = q % W, iy = (q / W) % H, n = q / (W * H);
    int K = KH * KW * C;
    float sum = 0.0f;
    for (int ky = 0; ky < KH; ky++)
    {
        int ty = iy + PT - ky;
        if (ty < 0 || ty % SH != 0 || ty / SH >= OH) continue;
        for (int kx = 0; kx < KW; kx++)
        {
            int tx = ix + PL - kx;
            if (tx < 0 || tx % SW != 0 || tx / SW >= OW) continue;
            long p = (n * OH + ty / SH) * OW + tx / SW;
            sum += dcols[p * K + (ky * KW + kx) * C + c];
        }
    }
    dx[q * C + c] = sum;
}

// The cell of window (n, oy, ox) in channel c that max pooling picks: the first maximum in row-major
// window order (strict >), as the reference device picks it; -1 if the window holds no input cell.
int argmax_in_window(__global const float* x, int n, int oy, int ox, int c, WINDOW)
{
    int argmax = -1;
    float best = -INFINITY;
    for (int ky = 0; ky < KH; ky++)
        for (int kx = 0; kx < KW; kx++)
        {
            int iy = oy * SH + ky - PT, ix = ox * SW + kx - PL;
            if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
            int at = ((n * H + iy) * W + ix) * C + c;
            if (argmax < 0 || x[at] > best) { best = x[at]; argmax = at; }
        }
    return argmax;
}

// The number of input cells under window (oy, ox): what "same" average pooling divides by.
int cells_in_window(int oy, int ox, WINDOW)
{
    int rows = min(oy * SH - PT + KH, H) - max(oy * SH - PT, 0);
    int cols = min(ox * SW - PL + KW, W) - max(ox * SW - PL, 0);
    return rows * cols;
}

// max as .NET's MathF.Max: NaN if either is NaN, and +0 beats -0.
float pool_max(float a, float b)
{
    if (isnan(a) || isnan(b)) return NAN;
    if (a == b) return signbit(a) ? b : a;
    return a > b ? a : b;
}

// y[n, oy, ox, c] = max (padding is -inf) or mean over the window's input cells. Global size (C, N*OH*OW).
__kernel void pool2d(int op, __global const float* x, __global float* y, WINDOW)
{
    int c = get_global_id(0), p = get_global_id(1);
    if (c >= C || p >= N * OH * OW) return;
    int ox = p % OW, oy = (p / OW) % OH, n = p / (OW * OH);
    float max = -INFINITY, sum = 0.0f;
    int count = 0;
    for (int ky = 0; ky < KH; ky++)
        for (int kx = 0; kx < KW; kx++)
        {
            int iy = oy * SH + ky - PT, ix = ox * SW + kx - PL;
            if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
            float v = x[((n * H + iy) * W + ix) * C + c];
            max = pool_max(max, v);
            sum += v;
            count++;
        }
    y[p * C + c] = op == POOL_MAX ? max : sum / (float)count;
}

// dx[n, iy, ix, c] = the sum over the windows covering (iy, ix) of dy if this cell is the window's
// argmax (max), or of dy / count (average). Global size (C, N*H*W).
__kernel void pool2d_backward(int op, __global const float* x, __global const float* dy, __global float* dx, WINDOW)
{
    int c = get_global_id(0), q = get_global_id(1);
    if (c >= C || q >= N * H * W) return;
    int ix = q % W, iy = (q / W) % H, n = q / (W * H);
    int self = q * C + c;
    float sum = 0.0f;
    for (int ky = 0; ky < KH; ky++)
    {
        int ty = iy + PT - ky;
        if (ty < 0 || ty % SH != 0 || ty / SH >= OH) continue;
        for (int kx = 0; kx < KW; kx++)
        {
            int tx = ix + PL - kx;
            if (tx < 0 || tx % SW != 0 || tx / SW >= OW) continue;
            int oy = ty / SH, ox = tx / SW;
            float g = dy[((n * OH + oy) * OW + ox) * C + c];
            if (op == POOL_MAX) { if (argmax_in_window(x, n, oy, ox, c, N, H, W, C, KH, KW, SH, SW, PT, PL, OH, OW) == self) sum += g; }
            else sum += g / (float)cells_in_window(oy, ox, N, H, W, C, KH, KW, SH, SW, PT, PL, OH, OW);
        }
    }
    dx[self] = sum;
}
