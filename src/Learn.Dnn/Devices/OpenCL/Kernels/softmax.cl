#pragma OPENCL FP_CONTRACT OFF
// Row-wise softmax (or log-softmax) of x: [rows, cols]. One work-item per row, global size (rows).
// Subtracting the row's max first keeps every e^z <= 1, so large logits cannot overflow:
//   softmax(x)_j = e^(x_j - max) / sum_i e^(x_i - max)
//   log softmax(x)_j = (x_j - max) - ln sum_i e^(x_i - max)
__kernel void softmax(__global const float* x, int rows, int cols, __global float* y, int logarithm)
{
    int r = get_global_id(0);
    if (r >= rows) return;
    __global const float* row = x + r * cols;
    __global float* out = y + r * cols;
    float max = -INFINITY;
    for (int j = 0; j < cols; j++) max = fmax(max, row[j]);
    float sum = 0.0f;
    for (int j = 0; j < cols; j++) sum += exp(row[j] - max);
    if (logarithm)
    {
        float logSum = log(sum);
        for (int j = 0; j < cols; j++) out[j] = (row[j] - max) - logSum;
    }
    else
        for (int j = 0; j < cols; j++) out[j] = exp(row[j] - max) / sum;
}
