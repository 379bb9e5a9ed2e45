#pragma OPENCL FP_CONTRACT OFF
// The counter-based random stream of CounterRandom.cs, bit for bit: draw `index` of stream `seed`
// is SplitMix64's finalizer applied to seed * 0xD1B54A32D192ED03 + (index + 1) * 0x9E3779B97F4A7C15.
// (No fused multiply-add anywhere in this file: U(a, b) must round exactly as on the CPU.)
ulong random_bits(ulong seed, ulong index)
{
    ulong z = seed * 0xD1B54A32D192ED03UL + (index + 1) * 0x9E3779B97F4A7C15UL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
    return z ^ (z >> 31);
}

// Uniform in [0, 1): the top 24 bits, exact in float32.
float uniform01(ulong seed, ulong index)
{
    return (float)(random_bits(seed, index) >> 40) * (1.0f / 16777216.0f);
}

// RANDOM_UNIFORM and RANDOM_NORMAL are defined by the host from the RandomDistribution enum.

// y[i] = draw counter + i: U(a, b), or N(a, b^2) by Box-Muller from the bits of draws 2i and 2i + 1.
// For normal draws the host passes the normal stream's seed (seed XOR CounterRandom.NormalStream).
__kernel void random_fill(int distribution, ulong seed, ulong counter, float a, float b, __global float* y, int length)
{
    int i = get_global_id(0);
    if (i >= length) return;
    ulong index = counter + (ulong)i;
    if (distribution == RANDOM_UNIFORM)
        y[i] = a + (b - a) * uniform01(seed, index);
    else
    {
        float u1 = 1.0f - uniform01(seed, 2 * index);   // in (0, 1]: ln u1 is finite
        float u2 = uniform01(seed, 2 * index + 1);
        float z = sqrt(-2.0f * log(u1)) * cos((2.0f * M_PI_F) * u2);
        y[i] = a + b * z;
    }
}
