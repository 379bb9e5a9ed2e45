// y[r, :] = x[rows[r], :] for x: [*, rowLength]. Global size (rowLength, number of rows).
__kernel void gather_rows(__global const float* x, int rowLength, __global const int* rows, int count, __global float* y)
{
    int col = get_global_id(0), r = get_global_id(1);
    if (col < rowLength && r < count) y[r * rowLength + col] = x[rows[r] * rowLength + col];
}
