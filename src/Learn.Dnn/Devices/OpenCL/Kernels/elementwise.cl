#pragma OPENCL FP_CONTRACT OFF
// The elementwise maps of UnaryOp.cs, mirroring ScalarMath.cs and Activations/*.cs formula for
// formula (ReLU'(0) = 0, the overflow-safe sigmoid and softplus, the tanh approximation of GELU).
// The numbers are UnaryOp's values, in declaration order.
#define NEGATE 0
#define SCALE 1
#define ADD_SCALAR 2
#define POW 3
#define EXP 4
#define LOG 5
#define SQRT 6
#define ABS 7
#define STEP 8
#define SIGMOID 9
#define TANH 10
#define RELU 11
#define LEAKY_RELU 12
#define ELU 13
#define SOFTPLUS 14
#define GELU 15

#define GELU_C 0.7978845608f   // sqrt(2 / pi)
#define GELU_A 0.044715f

// tanh, exactly +-1 where the true value rounds to +-1 in float32 (|u| > 9.02), as .NET's MathF.Tanh
// gives it. OpenCL allows tanh 5 ulp of error; one ulp below 1 at u = 1000 would turn GELU's
// derivative term x(1 - tanh^2 u) du/dx, tiny in truth, into an error of 1e-2.
float saturating_tanh(float u) { return fabs(u) > 9.02f ? copysign(1.0f, u) : tanh(u); }

// sigma(x) = 1 / (1 + e^-x), written so that e^(large) never overflows.
float sigmoid(float x) { return x >= 0.0f ? 1.0f / (1.0f + exp(-x)) : exp(x) / (1.0f + exp(x)); }

float forward(int op, float p, float x)
{
    switch (op)
    {
        case NEGATE: return -x;
        case SCALE: return p * x;
        case ADD_SCALAR: return x + p;
        case POW: return pow(x, p);
        case EXP: return exp(x);
        case LOG: return log(x);
        case SQRT: return sqrt(x);
        case ABS: return fabs(x);
        case STEP: return x >= 0.0f ? 1.0f : 0.0f;
        case SIGMOID: return sigmoid(x);
        case TANH: return saturating_tanh(x);
        case RELU: return x > 0.0f ? x : 0.0f;
        case LEAKY_RELU: return x > 0.0f ? x : p * x;
        case ELU: return x > 0.0f ? x : p * (exp(x) - 1.0f);
        case SOFTPLUS: return fmax(x, 0.0f) + log(1.0f + exp(-fabs(x)));   // max(x, 0) + ln(1 + e^-|x|)
        case GELU:
        {
            float u = GELU_C * (x + GELU_A * x * x * x);
            return 0.5f * x * (1.0f + saturating_tanh(u));
        }
        default: return NAN;
    }
}

// f'(x), given x and y = f(x).
float derivative(int op, float p, float x, float y)
{
    switch (op)
    {
        case NEGATE: return -1.0f;
        case SCALE: return p;
        case ADD_SCALAR: return 1.0f;
        case POW: return p * pow(x, p - 1.0f);
        case EXP: return y;
        case LOG: return 1.0f / x;
        case SQRT: return 0.5f / y;
        case ABS: return x > 0.0f ? 1.0f : x < 0.0f ? -1.0f : 0.0f;
        case STEP: return 0.0f;
        case SIGMOID: return y * (1.0f - y);
        case TANH: return 1.0f - y * y;
        case RELU: return x > 0.0f ? 1.0f : 0.0f;
        case LEAKY_RELU: return x > 0.0f ? 1.0f : p;
        case ELU: return x > 0.0f ? 1.0f : y + p;
        case SOFTPLUS: return sigmoid(x);
        case GELU:
        {
            float u = GELU_C * (x + GELU_A * x * x * x);
            float t = saturating_tanh(u);
            float du = GELU_C * (1.0f + 3.0f * GELU_A * x * x);
            return 0.5f * (1.0f + t) + 0.5f * x * (1.0f - t * t) * du;
        }
        default: return NAN;
    }
}

// y[i] = f(x[i])
__kernel void unary(int op, float p, __global const float* x, __global float* y, int length)
{
    int i = get_global_id(0);
    if (i < length) y[i] = forward(op, p, x[i]);
}

// dx[i] = f'(x[i]) * dy[i]: the chain rule
__kernel void unary_backward(int op, float p, __global const float* x, __global const float* y,
                             __global const float* dy, __global float* dx, int length)
{
    int i = get_global_id(0);
    if (i < length) dx[i] = derivative(op, p, x[i], y[i]) * dy[i];
}

// y[i] += alpha * x[i]
__kernel void axpy(float alpha, __global const float* x, __global float* y, int length)
{
    int i = get_global_id(0);
    if (i < length) y[i] = x[i] * alpha + y[i];
}
