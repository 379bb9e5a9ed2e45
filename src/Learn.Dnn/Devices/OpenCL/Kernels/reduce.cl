#pragma OPENCL FP_CONTRACT OFF
// Reduce: view x as [outer, length, inner]; y: [outer, inner] reduces the middle axis.
// One work-item per output, global size (inner, outer); it adds in the reference device's order.
// REDUCE_SUM and REDUCE_MAX are defined by the host from the ReduceOp enum (OpenClDevice.Kernels.cs).

// max as .NET's MathF.Max: NaN if either is NaN, and +0 beats -0.
float max_like_dotnet(float a, float b)
{
    if (isnan(a) || isnan(b)) return NAN;
    if (a == b) return signbit(a) ? b : a;
    return a > b ? a : b;
}

__kernel void reduce(int op, __global const float* x, int outer, int length, int inner, __global float* y)
{
    int i = get_global_id(0), o = get_global_id(1);
    if (i >= inner || o >= outer) return;
    float acc = op == REDUCE_SUM ? 0.0f : -INFINITY;
    for (int a = 0; a < length; a++)
    {
        float v = x[(o * length + a) * inner + i];
        acc = op == REDUCE_SUM ? acc + v : max_like_dotnet(acc, v);
    }
    y[o * inner + i] = acc;
}
