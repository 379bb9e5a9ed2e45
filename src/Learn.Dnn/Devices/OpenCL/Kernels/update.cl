#pragma OPENCL FP_CONTRACT OFF
// One optimizer step, fused: a single pass over the weight, its gradient and the rule's slots.
// The OpenCL device compiles this file once per UpdateRule, after lines generated from the rule's
// definition in C# (Optimizers/*.cs), for Adam say:
//     #define SLOT_PARAMETERS , __global float* m_, __global float* v_
//     #define HYPER_PARAMETERS , float alpha, float beta1, float beta2, float epsilon
//     #define LOAD_SLOTS float m = m_[i]; float v = v_[i];
//     #define STORE_SLOTS m_[i] = m; v_[i] = v;
//     #define STEP <the rule's OpenCL C statements, which assign w and the slots>

__kernel void update(__global float* w_, __global const float* g_ SLOT_PARAMETERS HYPER_PARAMETERS, int length)
{
    int i = get_global_id(0);
    if (i >= length) return;
    float w = w_[i];
    const float g = g_[i];
    LOAD_SLOTS
    STEP
    w_[i] = w;
    STORE_SLOTS
}
