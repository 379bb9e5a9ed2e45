namespace Learn.Dnn.Devices;

/// <summary>
/// The elementwise maps a backend implements, each with its derivative. The math of each one is
/// written once, as scalar functions in <see cref="ScalarMath"/> (and in the activation files),
/// which the CPU backend runs and the OpenCL kernels mirror.
/// </summary>
[Chapter(1)]
public enum UnaryOp
{
    /// <summary>y = −x</summary>
    Negate,
    /// <summary>y = p·x (p = parameter)</summary>
    Scale,
    /// <summary>y = x + p</summary>
    AddScalar,
    /// <summary>y = x^p</summary>
    Pow,
    /// <summary>y = eˣ</summary>
    Exp,
    /// <summary>y = ln x</summary>
    Log,
    /// <summary>y = √x</summary>
    Sqrt,
    /// <summary>y = |x|</summary>
    Abs,
    /// <summary>y = 1 if x ≥ 0 else 0: the threshold logic unit's step (derivative 0)</summary>
    Step,
    /// <summary>y = 1 / (1 + e⁻ˣ)</summary>
    Sigmoid,
    /// <summary>y = tanh x</summary>
    Tanh,
    /// <summary>y = max(0, x)</summary>
    Relu,
    /// <summary>y = x if x &gt; 0 else p·x</summary>
    LeakyRelu,
    /// <summary>y = x if x &gt; 0 else p·(eˣ − 1)</summary>
    Elu,
    /// <summary>y = ln(1 + eˣ)</summary>
    Softplus,
    /// <summary>y = ½x(1 + tanh(√(2/π)(x + 0.044715x³))), the tanh approximation of GELU</summary>
    Gelu,
}

/// <summary>The elementwise operations on two tensors, with broadcasting.</summary>
[Chapter(1)]
public enum BinaryOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Maximum,
    Minimum,
    /// <summary>1 where a = b, else 0 (the mask that routes a max's gradient).</summary>
    Equal,
}

/// <summary>The reductions along one axis.</summary>
[Chapter(1)]
public enum ReduceOp
{
    Sum,
    Max,
}

/// <summary>The distributions of the counter-based random stream.</summary>
[Chapter(1)]
public enum RandomDistribution
{
    /// <summary>U(a, b)</summary>
    Uniform,
    /// <summary>N(mean a, standard deviation b), by the Box–Muller transform</summary>
    Normal,
}
