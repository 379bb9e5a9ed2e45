#pragma OPENCL FP_CONTRACT OFF
// y = f(x; p) and its derivative. The OpenCL device compiles this file once per UnaryFunction,
// after two lines generated from the function's definition in C# (Activations/*.cs, Tensors/*.cs):
//     #define FORWARD(x, p) (<f(x) as OpenCL C>)
//     #define DERIVATIVE(x, y, p) (<f'(x) as OpenCL C>)
// saturating_tanh below is the OpenCL twin of .NET's MathF.Tanh, which those definitions call.

// tanh, exactly +-1 where the true value rounds to +-1 in float32 (|u| > 9.02), as .NET's MathF.Tanh
// gives it. OpenCL allows tanh 5 ulp of error; one ulp below 1 at u = 1000 would turn GELU's
// derivative term x(1 - tanh^2 u) du/dx, tiny in truth, into an error of 1e-2.
float saturating_tanh(float u) { return fabs(u) > 9.02f ? copysign(1.0f, u) : tanh(u); }

// y[i] = f(x[i])
__kernel void unary(float p, __global const float* x, __global float* y, int length)
{
    int i = get_global_id(0);
    if (i >= length) return;
    float xi = x[i];
    y[i] = FORWARD(xi, p);
}

// dx[i] = f'(x[i]) * dy[i]: the chain rule
__kernel void unary_backward(float p, __global const float* x, __global const float* y,
                             __global const float* dy, __global float* dx, int length)
{
    int i = get_global_id(0);
    if (i >= length) return;
    float xi = x[i], yi = y[i];
    dx[i] = DERIVATIVE(xi, yi, p) * dy[i];
}
