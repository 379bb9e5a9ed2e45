// y: [cols, rows] = x^T for x: [rows, cols]. One work-item per element, global size (cols, rows).
__kernel void transpose(__global const float* x, int rows, int cols, __global float* y)
{
    int c = get_global_id(0), r = get_global_id(1);
    if (r < rows && c < cols) y[c * rows + r] = x[r * cols + c];
}
