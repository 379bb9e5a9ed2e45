// c = COMBINE(a, b) elementwise, with broadcasting. The OpenCL device compiles this file once per
// BinaryFunction, after broadcast.cl (for broadcast_t) and after a line
//     #define COMBINE(a, b) (<the function's OpenCL expression>)
// generated from the function's definition in C# (Tensors/Tensor.Arithmetic.cs).

// c[i] = COMBINE(a[i], b[i]) for equal shapes.
__kernel void binary_same(__global const float* a, __global const float* b, __global float* c, int length)
{
    int i = get_global_id(0);
    if (i >= length) return;
    float ai = a[i], bi = b[i];
    c[i] = COMBINE(ai, bi);
}

// c = COMBINE(a, b) with broadcasting: one work-item per output element.
__kernel void binary_broadcast(__global const float* a, __global const float* b, __global float* c,
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
    float av = a[ai], bv = b[bi];
    c[i] = COMBINE(av, bv);
}
