#pragma OPENCL FP_CONTRACT OFF
// Binary operations with NumPy broadcasting, and their reverse, SumToShape.
// The numbers are BinaryOp's values, in declaration order.
#define ADD 0
#define SUBTRACT 1
#define MULTIPLY 2
#define DIVIDE 3
#define MAXIMUM 4
#define MINIMUM 5
#define EQUAL 6
#define MAX_RANK 8

// The output's dimensions and each input's strides seen through it: 0 along a broadcast axis
// (CpuDevice.BroadcastStrides), so input a's element for output index (i0, i1, ...) is a[sum_d i_d * a_d].
typedef struct
{
    int rank;
    int dims[MAX_RANK];
    int a[MAX_RANK];
    int b[MAX_RANK];
} broadcast_t;

// .NET's MathF.Max / MathF.Min: NaN if either is NaN; +0 beats -0 for max, -0 for min.
float max_like_dotnet(float a, float b)
{
    if (isnan(a) || isnan(b)) return NAN;
    if (a == b) return signbit(a) ? b : a;
    return a > b ? a : b;
}

float min_like_dotnet(float a, float b)
{
    if (isnan(a) || isnan(b)) return NAN;
    if (a == b) return signbit(a) ? a : b;
    return a < b ? a : b;
}

float binary(int op, float a, float b)
{
    switch (op)
    {
        case ADD: return a + b;
        case SUBTRACT: return a - b;
        case MULTIPLY: return a * b;
        case DIVIDE: return a / b;
        case MAXIMUM: return max_like_dotnet(a, b);
        case MINIMUM: return min_like_dotnet(a, b);
        case EQUAL: return a == b ? 1.0f : 0.0f;
        default: return NAN;
    }
}

// c[i] = a[i] op b[i] for equal shapes.
__kernel void binary_same(int op, __global const float* a, __global const float* b, __global float* c, int length)
{
    int i = get_global_id(0);
    if (i < length) c[i] = binary(op, a[i], b[i]);
}

// c = a op b with broadcasting: one work-item per output element.
__kernel void binary_broadcast(int op, __global const float* a, __global const float* b, __global float* c,
                               int length, broadcast_t s)
{
    int i = get_global_id(0);
    if (i >= length) return;
    int ai = 0, bi = 0, rest = i;
    for (int axis = s.rank - 1; axis >= 0; axis--)   // unravel i into the output index, last axis fastest
    {
        int index = rest % s.dims[axis];
        rest /= s.dims[axis];
        ai += index * s.a[axis];
        bi += index * s.b[axis];
    }
    c[i] = binary(op, a[ai], b[bi]);
}

// y = x summed over the axes along which y was broadcast to x's shape. One work-item per y element:
// it visits the x elements that came from it in increasing order (the CPU backend's order).
// s.dims: x's shape; s.a: x's row-major strides; s.b: 1 on the axes that are summed, else 0.
// Work-item yi knows its own index along the kept axes from y's row-major layout.
__kernel void sum_to_shape(__global const float* x, __global float* y, int yLength, broadcast_t s)
{
    int yi = get_global_id(0);
    if (yi >= yLength) return;
    int base = 0, rest = yi, count = 1;
    for (int axis = s.rank - 1; axis >= 0; axis--)   // y's index along the kept axes -> x offset
    {
        if (s.b[axis]) { count *= s.dims[axis]; continue; }
        int index = rest % s.dims[axis];
        rest /= s.dims[axis];
        base += index * s.a[axis];
    }
    float acc = 0.0f;
    for (int q = 0; q < count; q++)                   // every combination of the summed axes, row-major
    {
        int offset = base, r = q;
        for (int axis = s.rank - 1; axis >= 0; axis--)
        {
            if (!s.b[axis]) continue;
            offset += (r % s.dims[axis]) * s.a[axis];
            r /= s.dims[axis];
        }
        acc += x[offset];
    }
    y[yi] = acc;
}
