namespace Learn.Dnn.Devices;

// In Devices/ because the devices' window primitives (Im2Col, Conv2D, Pool2D) take it; the layers of Convolution/, higher up, use it from here.

/// <summary>
/// How a window (a convolution's kernel, a pooling window) treats the border, as Keras names it.
/// Valid: no padding, every window lies inside the input, out = ⌊(in − k)/s⌋ + 1.
/// Same: out = ⌈in/s⌉, and the input is padded by max((out − 1)·s + k − in, 0) cells,
/// half of them before and the odd one after (bottom/right).
/// </summary>
[Chapter(7)]
public enum Padding
{
    Valid,
    Same,
}
