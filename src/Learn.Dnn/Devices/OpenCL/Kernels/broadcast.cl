#pragma OPENCL FP_CONTRACT OFF
// The broadcast layout shared with binary.cl, and the reverse of broadcasting, SumToShape.
#define MAX_RANK 8

// The output's dimensions and each input's strides seen through it: 0 along a broadcast axis
// (Shape.BroadcastStrides), so input a's element for output index (i0, i1, ...) is a[sum_d i_d * a_d].
typedef struct
{
    int rank;
    int dims[MAX_RANK];
    int a[MAX_RANK];
    int b[MAX_RANK];
} broadcast_t;

// y = x summed over the axes along which y was broadcast to x's shape. One work-item per y element:
// it visits the x elements that came from it in increasing order (the reference device's order).
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
