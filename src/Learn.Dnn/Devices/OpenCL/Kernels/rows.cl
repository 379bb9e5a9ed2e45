// y[r, :] = x[rows[r], :] for x: [*, rowLength]. Global size (rowLength, number of rows).
__kernel void gather_rows(__global const float* x, int rowLength, __global const int* rows, int count, __global float* y)
{
    int col = get_global_id(0), r = get_global_id(1);
    if (col < rowLength && r < count) y[r * rowLength + col] = x[rows[r] * rowLength + col];
}

// destination[r, destinationStart + j] = (or +=) source[r, sourceStart + j]. Global size (count, rows).
__kernel void copy_columns(__global const float* source, int sourceColumns, int sourceStart,
                           __global float* destination, int destinationColumns, int destinationStart,
                           int rows, int count, int accumulate)
{
    int j = get_global_id(0), r = get_global_id(1);
    if (j >= count || r >= rows) return;
    int to = r * destinationColumns + destinationStart + j;
    float value = source[r * sourceColumns + sourceStart + j];
    destination[to] = accumulate ? destination[to] + value : value;
}
