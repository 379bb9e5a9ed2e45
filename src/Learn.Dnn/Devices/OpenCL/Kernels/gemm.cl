// GEMM: C = alpha * op(A) * op(B) + beta * C, with op(A): [m, k], op(B): [k, n], C: [m, n], row-major.
// A is stored [m, k], or [k, m] when transA; B is stored [k, n], or [n, k] when transB.
// beta == 0 overwrites C (whatever it held, NaN included), as the CPU backend does.
// Four kernels, rungs of Nugteren's ladder: naive (the reference), local-memory tiles, tiles with
// more work per thread (a 4 x 4 block of C in registers per work-item), and wide vectors without
// local memory (for CPU devices, where the caches already tile and float16 is one AVX-512 register).

#define A_AT(i, p) (transA ? a[(p) * m + (i)] : a[(i) * k + (p)])
#define B_AT(p, j) (transB ? b[(j) * k + (p)] : b[(p) * n + (j)])
#define STORE(i, j, acc) c[(i) * n + (j)] = (beta == 0.0f) ? alpha * (acc) : alpha * (acc) + beta * c[(i) * n + (j)]

// One work-item per element of C: global size (n, m).
__kernel void gemm_naive(int transA, int transB, int m, int n, int k, float alpha,
                         __global const float* a, __global const float* b, float beta, __global float* c)
{
    int j = get_global_id(0), i = get_global_id(1);
    if (i >= m || j >= n) return;
    float acc = 0.0f;
    for (int p = 0; p < k; p++) acc += A_AT(i, p) * B_AT(p, j);   // c_ij = sum_p a_ip b_pj
    STORE(i, j, acc);
}

// Local-memory tiling: a TS x TS work-group loads a TS x TS tile of op(A) and of op(B) into local
// memory, then each work-item reads its row and column from there: every number loaded from
// global memory is used TS times. Global size (n, m) rounded up to TS; edge tiles are padded with 0.
#define TS 16
__kernel __attribute__((reqd_work_group_size(TS, TS, 1)))
void gemm_tiled(int transA, int transB, int m, int n, int k, float alpha,
                __global const float* a, __global const float* b, float beta, __global float* c)
{
    int lj = get_local_id(0), li = get_local_id(1);
    int j = get_group_id(0) * TS + lj, i = get_group_id(1) * TS + li;
    __local float As[TS][TS];   // As[i][p]: op(A) rows of this tile
    __local float Bs[TS][TS];   // Bs[p][j]: op(B) columns of this tile
    float acc = 0.0f;
    for (int t = 0; t < k; t += TS)
    {
        int pa = t + lj, pb = t + li;
        As[li][lj] = (i < m && pa < k) ? A_AT(i, pa) : 0.0f;
        Bs[li][lj] = (pb < k && j < n) ? B_AT(pb, j) : 0.0f;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int q = 0; q < TS; q++) acc += As[li][q] * Bs[q][lj];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (i < m && j < n) STORE(i, j, acc);
}

// More work per thread: a 16 x 16 work-group computes a BM x BN = 64 x 64 block of C; work-item
// (tx, ty) owns the RM x RN = 4 x 4 elements at rows ty + 16r and columns tx + 16c, kept in
// registers. Each step loads a 64 x BK slice of op(A) and a BK x 64 slice of op(B) into local
// memory; each number read from local memory now feeds 4 multiply-adds instead of 1.
// Global size: (ceil(n / 64) * 16, ceil(m / 64) * 16).
#define BM 64
#define BN 64
#define BK 16
#define RM 4
#define RN 4
#define WG 16
__kernel __attribute__((reqd_work_group_size(WG, WG, 1)))
void gemm_blocked(int transA, int transB, int m, int n, int k, float alpha,
                  __global const float* a, __global const float* b, float beta, __global float* c)
{
    int tx = get_local_id(0), ty = get_local_id(1), tid = ty * WG + tx;
    int row0 = get_group_id(1) * BM, col0 = get_group_id(0) * BN;
    __local float As[BK][BM];   // As[p][i]: the slice of op(A), stored k-major
    __local float Bs[BK][BN];   // Bs[p][j]: the slice of op(B)
    float acc[RM][RN];
    for (int r = 0; r < RM; r++)
        for (int s = 0; s < RN; s++) acc[r][s] = 0.0f;

    for (int t = 0; t < k; t += BK)
    {
        for (int e = tid; e < BM * BK; e += WG * WG)   // 1024 numbers, 4 per work-item
        {
            int ii = transA ? e % BM : e / BK, pp = transA ? e / BM : e % BK;   // walk memory contiguously
            int gi = row0 + ii, gp = t + pp;
            As[pp][ii] = (gi < m && gp < k) ? A_AT(gi, gp) : 0.0f;
        }
        for (int e = tid; e < BK * BN; e += WG * WG)
        {
            int pp = transB ? e % BK : e / BN, jj = transB ? e / BK : e % BN;
            int gp = t + pp, gj = col0 + jj;
            Bs[pp][jj] = (gp < k && gj < n) ? B_AT(gp, gj) : 0.0f;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int p = 0; p < BK; p++)
        {
            float ar[RM], br[RN];
            for (int r = 0; r < RM; r++) ar[r] = As[p][ty + WG * r];
            for (int s = 0; s < RN; s++) br[s] = Bs[p][tx + WG * s];
            for (int r = 0; r < RM; r++)
                for (int s = 0; s < RN; s++) acc[r][s] += ar[r] * br[s];   // a 4 x 4 outer product
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    for (int r = 0; r < RM; r++)
        for (int s = 0; s < RN; s++)
        {
            int i = row0 + ty + WG * r, j = col0 + tx + WG * s;
            if (i < m && j < n) STORE(i, j, acc[r][s]);
        }
}

// Wide vectors, for CPU devices (POCL): no local memory and no barriers. Work-item (x, y) owns
// rows 4y .. 4y + 3 and columns 16x .. 16x + 15 of C, as four float16 accumulators; for each p it
// loads 16 consecutive numbers of B's row p once (one AVX-512 register) and multiplies them by
// four numbers of A: c[i, j..j+15] += a_ip * b[p, j..j+15]. The caches do the tiling.
// Global size (ceil(n / 16), ceil(m / 4)).
float16 b_row16(int transB, __global const float* b, int p, int j0, int n, int k)
{
    if (!transB && j0 + 16 <= n) return vload16(0, b + p * n + j0);
    float v[16];
    for (int s = 0; s < 16; s++) v[s] = j0 + s < n ? B_AT(p, j0 + s) : 0.0f;   // edge or transposed B: one by one
    return vload16(0, v);
}

__kernel void gemm_vector(int transA, int transB, int m, int n, int k, float alpha,
                          __global const float* a, __global const float* b, float beta, __global float* c)
{
    int j0 = get_global_id(0) * 16, i0 = get_global_id(1) * 4;
    if (i0 >= m || j0 >= n) return;
    float16 acc0 = 0.0f, acc1 = 0.0f, acc2 = 0.0f, acc3 = 0.0f;
    for (int p = 0; p < k; p++)
    {
        float16 row = b_row16(transB, b, p, j0, n, k);
        acc0 += A_AT(i0, p) * row;
        if (i0 + 1 < m) acc1 += A_AT(i0 + 1, p) * row;
        if (i0 + 2 < m) acc2 += A_AT(i0 + 2, p) * row;
        if (i0 + 3 < m) acc3 += A_AT(i0 + 3, p) * row;
    }
    float out[4][16];
    vstore16(acc0, 0, out[0]);
    vstore16(acc1, 0, out[1]);
    vstore16(acc2, 0, out[2]);
    vstore16(acc3, 0, out[3]);
    for (int r = 0; r < 4 && i0 + r < m; r++)
        for (int s = 0; s < 16 && j0 + s < n; s++) STORE(i0 + r, j0 + s, out[r][s]);
}
