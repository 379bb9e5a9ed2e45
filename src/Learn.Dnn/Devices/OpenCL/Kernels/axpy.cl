#pragma OPENCL FP_CONTRACT OFF
// y[i] += alpha * x[i]: gradient accumulation and the plain gradient-descent step.
__kernel void axpy(float alpha, __global const float* x, __global float* y, int length)
{
    int i = get_global_id(0);
    if (i < length) y[i] = x[i] * alpha + y[i];
}
